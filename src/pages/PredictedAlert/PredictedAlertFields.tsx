// The form's fields: the series (data source, query, what it measures), the threshold and when to warn, and
// the rule (its name, and the Prometheus its forecasts are read from).
import React from 'react';
import { t } from '@grafana/i18n';
import { DataSourcePicker } from '@grafana/runtime';
import { Field, FieldSet, Input, RadioButtonGroup, TextArea } from '@grafana/ui';
import type { PredictedDirection, PredictedKind } from '../../alerting/predictedAlertRule';
import { testIds } from '../../components/testIds';
import { fieldProblem } from '../../shared/fieldProblem';
import type { FormProblems, PredictedAlertForm } from './predictedAlertForm';

interface Props {
  form: PredictedAlertForm;
  /** Problems to show now (all of them once the user tried to preview or create). */
  problems: FormProblems;
  onChange: (patch: Partial<PredictedAlertForm>) => void;
}

export function SeriesFields({ form, problems, onChange }: Props) {
  const kinds: Array<{ value: PredictedKind; label: string }> = [
    { value: 'power', label: t('predicted.kind.power', 'Power (W)') },
    { value: 'energy_counter_joules', label: t('predicted.kind.joules', 'Energy counter (J)') },
    { value: 'energy_counter_kwh', label: t('predicted.kind.kwh', 'Energy counter (kWh)') },
    { value: 'utilisation', label: t('predicted.kind.utilisation', 'Utilisation (0–1)') },
    { value: 'temperature', label: t('predicted.kind.temperature', 'Temperature (°C)') },
  ];
  return (
    <FieldSet label={t('predicted.series.title', 'Series')}>
      <Field
        label={t('predicted.upstream.label', 'Data source')}
        description={t('predicted.upstream.description', 'The Prometheus the series come from')}
        {...fieldProblem(problems.upstreamUid)}
      >
        <PrometheusPicker uid={form.upstreamUid} onChange={(upstreamUid) => onChange({ upstreamUid })} />
      </Field>
      <Field
        label={t('predicted.query.label', 'PromQL query')}
        description={t(
          'predicted.query.description',
          'One or more series; each is forecast and alerted on by itself. No dashboard variables: the engine runs it alone.'
        )}
        {...fieldProblem(problems.query)}
      >
        <TextArea
          data-testid={testIds.predictedAlert.query}
          rows={2}
          value={form.query}
          onChange={(e) => onChange({ query: e.currentTarget.value })}
        />
      </Field>
      <Field label={t('predicted.kind.label', 'What it measures')} {...fieldProblem(problems.kind)}>
        <RadioButtonGroup options={kinds} value={form.kind} onChange={(kind) => onChange({ kind })} />
      </Field>
    </FieldSet>
  );
}

export function ThresholdFields({ form, problems, onChange }: Props) {
  const directions: Array<{ value: PredictedDirection; label: string }> = [
    { value: 'above', label: t('predicted.direction.above', 'Goes above') },
    { value: 'below', label: t('predicted.direction.below', 'Goes below') },
  ];
  const unit = form.kind === 'utilisation' ? '0–1' : form.kind === 'temperature' ? '°C' : 'W';
  return (
    <FieldSet label={t('predicted.threshold.title', 'Threshold')}>
      <Field label={t('predicted.direction.label', 'Warn when the forecast')}>
        <RadioButtonGroup
          options={directions}
          value={form.direction}
          onChange={(direction) => onChange({ direction })}
        />
      </Field>
      <Field label={t('predicted.threshold.label', 'Threshold')} {...fieldProblem(problems.threshold)}>
        <Input
          data-testid={testIds.predictedAlert.threshold}
          width={20}
          inputMode="decimal"
          suffix={unit}
          value={form.threshold}
          onChange={(e) => onChange({ threshold: e.currentTarget.value })}
        />
      </Field>
      <Field
        label={t('predicted.lead.label', 'Alert when the forecast crosses within')}
        description={t(
          'predicted.lead.description',
          'Lead time, such as 4h, 24h or 7d: also how far the engine forecasts'
        )}
        {...fieldProblem(problems.lead)}
      >
        <Input
          data-testid={testIds.predictedAlert.lead}
          width={20}
          value={form.lead}
          onChange={(e) => onChange({ lead: e.currentTarget.value })}
        />
      </Field>
      <Field
        label={t('predicted.step.label', 'Step')}
        description={t('predicted.step.description', 'Resolution of the forecast, such as 5m')}
        {...fieldProblem(problems.step)}
      >
        <Input
          data-testid={testIds.predictedAlert.step}
          width={20}
          value={form.step}
          onChange={(e) => onChange({ step: e.currentTarget.value })}
        />
      </Field>
    </FieldSet>
  );
}

export function RuleFields({ form, problems, onChange }: Props) {
  return (
    <FieldSet label={t('predicted.rule.title', 'Alert rule')}>
      <Field label={t('predicted.rule-title.label', 'Name')} {...fieldProblem(problems.title)}>
        <Input
          data-testid={testIds.predictedAlert.title}
          width={60}
          value={form.title}
          onChange={(e) => onChange({ title: e.currentTarget.value })}
        />
      </Field>
      <Field
        label={t('predicted.engine.label', 'Prometheus with the EcoTI forecasts')}
        description={t(
          'predicted.engine.description',
          'The Prometheus that scrapes the EcoTI engine: the rule reads ecoti_time_to_threshold_seconds there'
        )}
        {...fieldProblem(problems.engineUid)}
      >
        <PrometheusPicker uid={form.engineUid} onChange={(engineUid) => onChange({ engineUid })} />
      </Field>
    </FieldSet>
  );
}

/** A Prometheus data source: where the series come from, and where the engine's forecasts are read. */
function PrometheusPicker({ uid, onChange }: { uid: string; onChange: (uid: string) => void }) {
  return (
    <DataSourcePicker
      current={uid || null}
      type="prometheus"
      noDefault
      width={40}
      onChange={(ds) => onChange(ds.uid)}
    />
  );
}
