// The EcoTI query editor: what to compute (type, target), on which upstream query, and how.
// The upstream query is edited with the upstream data source's own editor when it has one.
import React, { useEffect, useMemo, useState } from 'react';
import { DataSourceApi, QueryEditorProps, SelectableValue } from '@grafana/data';
import { DataSourcePicker, getDataSourceSrv } from '@grafana/runtime';
import type { DataQuery } from '@grafana/schema';
import {
  Alert,
  Combobox,
  ComboboxOption,
  InlineField,
  InlineFieldRow,
  InlineSwitch,
  Input,
  RadioButtonGroup,
  Stack,
  TextArea,
} from '@grafana/ui';
import type { EcotiDataSource } from '../datasource';
import { DEFAULT_SIGNALS, EcotiDataSourceOptions, EcotiQuery, QueryType, SignalQueries, TARGETS } from '../types';
import { METHODS, validateQuery, withDefaults } from '../query/validateQuery';
import type { SeriesKind } from '../analysis/seriesKind';
import { editorTestIds } from './editorTestIds';

type Props = QueryEditorProps<EcotiDataSource, EcotiQuery, EcotiDataSourceOptions>;

const TYPE_OPTIONS: Array<SelectableValue<QueryType>> = [
  { value: 'predict', label: 'Predict', description: 'Forecast with a prediction band' },
  { value: 'insights', label: 'Insights', description: 'Anomalies, trends, optimisation' },
  { value: 'recommendations', label: 'Recommendations', description: 'Energy and infrastructure actions' },
];

const KIND_OPTIONS: Array<ComboboxOption<SeriesKind>> = [
  { value: 'auto', label: 'Auto', description: 'From the unit or the metric name' },
  { value: 'power_w', label: 'Power (W)' },
  { value: 'power_uw', label: 'Power (µW)', description: 'Scaphandre' },
  { value: 'energy_j', label: 'Energy counter (J)', description: 'Kepler, RAPL' },
  { value: 'energy_uj', label: 'Energy counter (µJ)', description: 'Scaphandre' },
  { value: 'energy_kwh', label: 'Energy counter (kWh)' },
  { value: 'gauge', label: 'Other gauge', description: 'Only for the raw target' },
];

const ANOMALY_OUTPUTS: Array<SelectableValue<NonNullable<EcotiQuery['anomalyOutput']>>> = [
  { value: 'all', label: 'Scores and regions' },
  { value: 'scores', label: 'Scores' },
  { value: 'regions', label: 'Regions' },
];

const SIGNAL_LABELS: Record<keyof SignalQueries, string> = {
  cpu: 'CPU utilisation (0–1) per host',
  power: 'Power (W) per host',
  inletTemperature: 'Inlet temperature (°C)',
  facilityPower: 'Facility power (W)',
  itPower: 'IT power (W)',
};

export function QueryEditor({ query, onChange, onRunQuery, datasource, range, app }: Props) {
  const q = withDefaults(query);
  const [defaultUpstream, setDefaultUpstream] = useState<string>();
  useEffect(() => {
    let live = true;
    datasource.settings().then(({ settings }) => live && setDefaultUpstream(settings.defaultUpstreamUid));
    return () => {
      live = false;
    };
  }, [datasource]);
  const upstreamUid = q.upstreamUid ?? defaultUpstream;
  const upstream = useUpstream(upstreamUid);
  const problems = useMemo(() => validateQuery(q, defaultUpstream), [q, defaultUpstream]);
  const problemFor = (field: string) => problems.find((p) => p.field === field)?.message;

  const change = (patch: Partial<EcotiQuery>, run = false) => {
    onChange({ ...query, ...patch });
    if (run) {
      onRunQuery();
    }
  };
  const needsUpstreamQuery = q.queryType !== 'recommendations' && q.target !== 'optimization';
  const UpstreamEditor = upstream?.components?.QueryEditor;

  return (
    <Stack direction="column" gap={1}>
      <InlineFieldRow>
        <InlineField label="Type" labelWidth={14}>
          <RadioButtonGroup
            options={TYPE_OPTIONS}
            value={q.queryType}
            onChange={(t) => change({ queryType: t, target: TARGETS[t][0] }, true)}
            data-testid={editorTestIds.type}
          />
        </InlineField>
        <InlineField label="Target" labelWidth={10} invalid={!!problemFor('target')}>
          <RadioButtonGroup
            options={TARGETS[q.queryType].map((t) => ({ value: t, label: t }))}
            value={q.target}
            onChange={(t) => change({ target: t }, true)}
          />
        </InlineField>
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField
          label="Upstream"
          labelWidth={14}
          tooltip="The data source whose series EcoTI analyses; empty uses the app's default"
          invalid={!!problemFor('upstream')}
        >
          <DataSourcePicker
            current={upstreamUid ?? null}
            metrics
            noDefault
            width={30}
            onChange={(ds) => change({ upstreamUid: ds.uid, upstreamQuery: undefined }, true)}
          />
        </InlineField>
      </InlineFieldRow>
      {needsUpstreamQuery &&
        (UpstreamEditor && upstream ? (
          <UpstreamEditor
            datasource={upstream}
            query={{ refId: q.refId, expr: q.expr, ...(q.upstreamQuery ?? {}) } as never}
            onChange={(uq: DataQuery) =>
              onChange({ ...query, upstreamQuery: { ...uq }, expr: exprOf(uq) ?? query.expr })
            }
            onRunQuery={onRunQuery}
            range={range}
            app={app}
          />
        ) : (
          <InlineField
            label="Upstream query"
            labelWidth={14}
            grow
            invalid={!!problemFor('expr')}
            tooltip="PromQL for Prometheus; $__interval and dashboard variables work"
          >
            <TextArea
              aria-label="Upstream query"
              data-testid={editorTestIds.expr}
              rows={2}
              className="gf-form-input"
              value={q.expr ?? ''}
              placeholder="ipmi_dcmi_power_consumption_watts"
              onChange={(e) => change({ expr: e.currentTarget.value })}
              onBlur={onRunQuery}
            />
          </InlineField>
        ))}
      {q.queryType === 'predict' && (
        <InlineFieldRow>
          <InlineField
            label="Horizon"
            labelWidth={14}
            invalid={!!problemFor('horizon')}
            tooltip="How far past the panel's end to forecast, e.g. 24h or 7d"
          >
            <Input
              aria-label="Horizon"
              width={10}
              value={q.horizon}
              onChange={(e) => change({ horizon: e.currentTarget.value })}
              onBlur={onRunQuery}
            />
          </InlineField>
          <InlineField
            label="Level"
            labelWidth={8}
            invalid={!!problemFor('level')}
            tooltip="Prediction interval, e.g. 0.95 for a 95% band"
          >
            <Input
              aria-label="Level"
              type="number"
              step="0.01"
              width={8}
              value={q.level}
              onChange={(e) => change({ level: Number(e.currentTarget.value) })}
              onBlur={onRunQuery}
            />
          </InlineField>
          <InlineField label="Method" labelWidth={9}>
            <Combobox
              aria-label="Method"
              width={20}
              options={METHODS.map((m) => ({ value: m, label: m }))}
              value={q.method}
              onChange={(v) => change({ method: v.value }, true)}
            />
          </InlineField>
          <InlineField
            label="Series kind"
            labelWidth={12}
            tooltip="What the upstream series measure; needed to derive kWh, CO2e and cost"
          >
            <Combobox
              aria-label="Series kind"
              width={22}
              options={KIND_OPTIONS}
              value={q.seriesKind}
              onChange={(v) => change({ seriesKind: v.value }, true)}
            />
          </InlineField>
          <InlineField label="History" labelWidth={9} tooltip="Also draw the measured series in the panel's range">
            <InlineSwitch
              value={q.includeHistory}
              onChange={(e) => change({ includeHistory: e.currentTarget.checked }, true)}
            />
          </InlineField>
        </InlineFieldRow>
      )}
      {q.queryType === 'insights' && q.target === 'anomalies' && (
        <InlineFieldRow>
          <InlineField
            label="Sensitivity"
            labelWidth={14}
            invalid={!!problemFor('sensitivity')}
            tooltip="0–1; higher finds more (and weaker) anomalies"
          >
            <Input
              aria-label="Sensitivity"
              type="number"
              step="0.05"
              width={10}
              value={q.sensitivity}
              onChange={(e) => change({ sensitivity: Number(e.currentTarget.value) })}
              onBlur={onRunQuery}
            />
          </InlineField>
          <InlineField
            label="Show"
            labelWidth={8}
            tooltip="Score series for time series panels, the regions table for tables and annotations"
          >
            <RadioButtonGroup
              options={ANOMALY_OUTPUTS}
              value={q.anomalyOutput ?? 'all'}
              onChange={(v) => change({ anomalyOutput: v }, true)}
            />
          </InlineField>
        </InlineFieldRow>
      )}
      {!needsUpstreamQuery &&
        (Object.keys(SIGNAL_LABELS) as Array<keyof SignalQueries>).map((key) => (
          <InlineField key={key} label={SIGNAL_LABELS[key]} labelWidth={32} grow>
            <Input
              aria-label={SIGNAL_LABELS[key]}
              value={q.signals?.[key] ?? ''}
              placeholder={DEFAULT_SIGNALS[key]}
              onChange={(e) => change({ signals: { ...q.signals, [key]: e.currentTarget.value } })}
              onBlur={onRunQuery}
            />
          </InlineField>
        ))}
      {problems.length > 0 && (
        <Alert severity="warning" title="This query cannot run yet" data-testid={editorTestIds.problems}>
          {problems.map((p) => (
            <div key={p.field}>{p.message}</div>
          ))}
        </Alert>
      )}
    </Stack>
  );
}

/** The upstream data source instance, so its own query editor can be shown. */
function useUpstream(uid: string | undefined): DataSourceApi | undefined {
  const [loaded, setLoaded] = useState<{ uid: string; ds?: DataSourceApi }>();
  useEffect(() => {
    let live = true;
    if (uid) {
      getDataSourceSrv()
        .get(uid)
        .then((ds) => live && setLoaded({ uid, ds }))
        .catch(() => live && setLoaded({ uid }));
    }
    return () => {
      live = false;
    };
  }, [uid]);
  return loaded && loaded.uid === uid ? loaded.ds : undefined;
}

/** Keeps a text copy of the upstream query (for links to Explore and evidence) when it has one. */
function exprOf(q: DataQuery): string | undefined {
  const expr = (q as { expr?: unknown }).expr;
  return typeof expr === 'string' ? expr : undefined;
}
