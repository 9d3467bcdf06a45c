// Forecast settings: horizon, interval level, method, what the series measure, history, totals per period.
import React from 'react';
import { t } from '@grafana/i18n';
import { Combobox, InlineField, InlineFieldRow, InlineSwitch, Input, RadioButtonGroup } from '@grafana/ui';
import type { PredictQuery } from '../../types';
import type { KindFieldProps } from './kindFieldProps';
import { methodOptions, periodOptions, seriesKindOptions } from './editorOptions';

type Props = KindFieldProps<PredictQuery>;

export function PredictFields({ query, invalid, onChange, onRunQuery }: Props) {
  const horizon = t('query-editor.horizon.label', 'Horizon');
  const level = t('query-editor.level.label', 'Level');
  const method = t('query-editor.method.label', 'Method');
  const seriesKind = t('query-editor.series-kind.label', 'Series kind');
  return (
    <InlineFieldRow>
      <InlineField
        label={horizon}
        labelWidth={14}
        invalid={invalid('horizon')}
        tooltip={t(
          'query-editor.horizon.tooltip',
          'How far past the last sample to forecast, e.g. 24h or 7d; a time range ending later in the future is forecast to its end'
        )}
      >
        <Input
          aria-label={horizon}
          width={10}
          value={query.horizon}
          onChange={(e) => onChange({ ...query, horizon: e.currentTarget.value })}
          onBlur={onRunQuery}
        />
      </InlineField>
      <InlineField
        label={level}
        labelWidth={8}
        invalid={invalid('level')}
        tooltip={t('query-editor.level.tooltip', 'Prediction interval, e.g. 0.95 for a 95% band')}
      >
        <Input
          aria-label={level}
          type="number"
          step="0.01"
          width={8}
          value={query.level}
          onChange={(e) => onChange({ ...query, level: Number(e.currentTarget.value) })}
          onBlur={onRunQuery}
        />
      </InlineField>
      <InlineField label={method} labelWidth={9} invalid={invalid('method')}>
        <Combobox
          aria-label={method}
          width={20}
          options={methodOptions(query.method)}
          value={query.method}
          onChange={(v) => onChange({ ...query, method: v.value }, true)}
        />
      </InlineField>
      <InlineField
        label={seriesKind}
        labelWidth={12}
        tooltip={t(
          'query-editor.series-kind.tooltip',
          'What the upstream series measure; needed to derive kWh, CO2e and cost'
        )}
      >
        <Combobox
          aria-label={seriesKind}
          width={22}
          options={seriesKindOptions()}
          value={query.seriesKind}
          onChange={(v) => onChange({ ...query, seriesKind: v.value }, true)}
        />
      </InlineField>
      <InlineField
        label={t('query-editor.history.label', 'History')}
        labelWidth={9}
        tooltip={t('query-editor.history.tooltip', "Also draw the measured series in the panel's range")}
      >
        <InlineSwitch
          value={query.includeHistory}
          onChange={(e) => onChange({ ...query, includeHistory: e.currentTarget.checked }, true)}
        />
      </InlineField>
      {(query.target !== 'raw' || query.period !== 'step') && (
        <InlineField
          label={t('query-editor.period.label', 'Totals')}
          labelWidth={9}
          invalid={invalid('period')}
          tooltip={t(
            'query-editor.period.tooltip',
            "Values per step, or totals per day or month of the site's calendar (measured plus forecast), the same at any zoom"
          )}
        >
          <RadioButtonGroup
            options={periodOptions()}
            value={query.period}
            onChange={(period) => onChange({ ...query, period }, true)}
          />
        </InlineField>
      )}
    </InlineFieldRow>
  );
}
