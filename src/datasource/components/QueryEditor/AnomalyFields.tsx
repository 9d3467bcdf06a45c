// Anomaly settings: how sensitive, and which frames to return (scores, regions or both).
import React from 'react';
import { t } from '@grafana/i18n';
import { InlineField, InlineFieldRow, Input, RadioButtonGroup } from '@grafana/ui';
import type { AnomaliesQuery } from '../../types';
import type { KindFieldProps } from './kindFieldProps';
import { anomalyOutputOptions } from './editorOptions';

type Props = KindFieldProps<AnomaliesQuery>;

export function AnomalyFields({ query, invalid, onChange, onRunQuery }: Props) {
  const sensitivity = t('query-editor.sensitivity.label', 'Sensitivity');
  return (
    <InlineFieldRow>
      <InlineField
        label={sensitivity}
        labelWidth={14}
        invalid={invalid('sensitivity')}
        tooltip={t('query-editor.sensitivity.tooltip', '0–1; higher finds more (and weaker) anomalies')}
      >
        <Input
          aria-label={sensitivity}
          type="number"
          step="0.05"
          width={10}
          value={query.sensitivity}
          onChange={(e) => onChange({ ...query, sensitivity: Number(e.currentTarget.value) })}
          onBlur={onRunQuery}
        />
      </InlineField>
      <InlineField
        label={t('query-editor.anomaly-output.label', 'Show')}
        labelWidth={8}
        tooltip={t(
          'query-editor.anomaly-output.tooltip',
          'Score series for time series panels, the regions table for tables and annotations'
        )}
      >
        <RadioButtonGroup
          options={anomalyOutputOptions()}
          value={query.anomalyOutput}
          onChange={(anomalyOutput) => onChange({ ...query, anomalyOutput }, true)}
        />
      </InlineField>
    </InlineFieldRow>
  );
}
