// Predicted alerts: pick a series and a threshold, preview its forecast against the threshold and when it would
// cross, then create the Grafana alert rule that warns that long ahead. The engine forecasts the rule's query on
// its own (it reads every rule labelled ecoti_managed="true"); the rule reads the engine's time to threshold.
import React, { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { t } from '@grafana/i18n';
import { getDataSourceSrv, PluginPage } from '@grafana/runtime';
import { Alert, Button, Stack, useStyles2 } from '@grafana/ui';
import { durationSeconds, newRuleUid } from '../../alerting/predictedAlertRule';
import { testIds } from '../../components/testIds';
import { DEFAULT_SETTINGS, type EcotiSettings } from '../../shared/settings';
import { durationMs } from '../../datasource/query/validateQuery';
import { CreatedRule } from './CreatedRule';
import { createErrorText } from './createErrorText';
import { type CreatedAlert, createPredictedAlert, type SendRequest } from './createPredictedAlert';
import { viewerLanguage } from '../../shared/viewerLanguage';
import { currentOrgId, grafanaSend } from './grafanaAlertingApi';
import {
  formProblems,
  initialForm,
  parseThreshold,
  type FormProblems,
  type PredictedAlertForm,
  PREVIEW_FIELDS,
} from './predictedAlertForm';
import { RuleFields, SeriesFields, ThresholdFields } from './PredictedAlertFields';
import { PreviewSection, type PreviewState } from './PreviewSection';
import { runPreview } from './runPreview';

export interface PredictedAlertPageProps {
  settings?: EcotiSettings;
  /** Fixed "now" (epoch ms) for tests and screenshots; the time of each preview otherwise. */
  now?: number;
  /** Grafana's HTTP client; injected by tests and the screenshot gallery. */
  send?: SendRequest;
  orgId?: number;
}

type CreateState =
  | { status: 'idle' }
  | { status: 'creating' }
  | { status: 'done'; created: CreatedAlert }
  | { status: 'error'; error: unknown };

export function PredictedAlertPage({
  settings = DEFAULT_SETTINGS,
  now,
  send = grafanaSend,
  orgId,
}: PredictedAlertPageProps) {
  const styles = useStyles2(getStyles);
  const [params] = useSearchParams();
  const [form, setForm] = useState(() => initialForm(params, settings.defaultUpstreamUid));
  // Problems show once the user asked for something, not while the form is still empty.
  const [shownFields, setShownFields] = useState<ReadonlyArray<keyof FormProblems>>([]);
  const [preview, setPreview] = useState<PreviewState>({ status: 'idle' });
  const [create, setCreate] = useState<CreateState>({ status: 'idle' });
  const problems = useMemo(() => formProblems(form), [form]);
  const visible = Object.fromEntries(shownFields.flatMap((f) => (problems[f] ? [[f, problems[f]]] : [])));

  const onChange = (patch: Partial<PredictedAlertForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setCreate((c) => (c.status === 'error' ? { status: 'idle' } : c));
  };

  const onPreview = async () => {
    setShownFields(PREVIEW_FIELDS);
    if (PREVIEW_FIELDS.some((f) => problems[f])) {
      return;
    }
    setPreview({ status: 'loading' });
    const input = {
      kind: form.kind,
      threshold: parseThreshold(form.threshold),
      direction: form.direction,
      leadMs: durationSeconds(form.lead) * 1000,
    };
    try {
      const ds = await getDataSourceSrv().get(form.upstreamUid);
      const trainingMs = durationMs(settings.trainingWindow);
      const result = await runPreview(ds, {
        ...input,
        query: form.query.trim(),
        stepMs: durationSeconds(form.step) * 1000,
        trainingMs: Number.isFinite(trainingMs) ? trainingMs : 14 * 86_400_000,
        now: now ?? Date.now(),
      });
      setPreview({ status: 'shown', result, ...input });
    } catch (e) {
      setPreview({
        status: 'shown',
        result: { status: 'error', message: e instanceof Error ? e.message : String(e) },
        ...input,
      });
    }
  };

  const onCreate = async () => {
    setShownFields(Object.keys(problems).length ? (Object.keys(problems) as Array<keyof FormProblems>) : []);
    if (Object.keys(problems).length) {
      return;
    }
    setCreate({ status: 'creating' });
    try {
      const created = await createPredictedAlert(send, {
        uid: newRuleUid(),
        title: form.title,
        orgId: orgId ?? currentOrgId(),
        engineDatasourceUid: form.engineUid,
        query: form.query.trim(),
        kind: form.kind,
        threshold: parseThreshold(form.threshold),
        direction: form.direction,
        lead: form.lead.trim(),
        step: form.step.trim(),
        panel: form.panel ? { dashboardUid: form.panel.dashboardUid, panelId: form.panel.panelId } : undefined,
        language: viewerLanguage(),
      });
      setCreate({ status: 'done', created });
    } catch (error) {
      setCreate({ status: 'error', error });
    }
  };

  return (
    <PluginPage>
      <div className={styles.page} data-testid={testIds.predictedAlert.container}>
        <p className={styles.intro}>
          {t(
            'predicted.intro',
            'Get warned before a series crosses a threshold, not after. EcoTI forecasts the query and the alert fires when the forecast crosses within the lead time.'
          )}
        </p>
        <SeriesFields form={form} problems={visible} onChange={onChange} />
        <ThresholdFields form={form} problems={visible} onChange={onChange} />
        <Stack>
          <Button variant="secondary" icon="chart-line" onClick={onPreview} disabled={preview.status === 'loading'}>
            {t('predicted.preview.button', 'Preview the forecast')}
          </Button>
        </Stack>
        <PreviewSection state={preview} />
        <RuleFields form={form} problems={visible} onChange={onChange} />
        <Stack>
          <Button icon="bell" onClick={onCreate} disabled={create.status === 'creating'}>
            {create.status === 'creating'
              ? t('predicted.create.creating', 'Creating…')
              : t('predicted.create.button', 'Create alert rule')}
          </Button>
        </Stack>
        {create.status === 'done' && <CreatedRule created={create.created} />}
        {create.status === 'error' && <CreateError error={create.error} />}
      </div>
    </PluginPage>
  );
}

function CreateError({ error }: { error: unknown }) {
  const { title, detail } = createErrorText(error);
  return (
    <Alert data-testid={testIds.predictedAlert.createError} severity="error" title={title}>
      {detail}
    </Alert>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
    maxWidth: 1100,
  }),
  intro: css({
    color: theme.colors.text.secondary,
    margin: 0,
  }),
});
