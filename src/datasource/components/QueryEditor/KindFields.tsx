// Type and target: what EcoTI computes.
import React from 'react';
import { t } from '@grafana/i18n';
import { InlineField, InlineFieldRow, RadioButtonGroup } from '@grafana/ui';
import type { EcotiQuery } from '../../types';
import { withQueryType, withTarget } from './editQuery';
import { queryTypeOptions, targetOptions } from './editorOptions';
import { editorTestIds } from './editorTestIds';

interface Props {
  query: EcotiQuery;
  targetInvalid: boolean;
  onChange: (next: EcotiQuery, run: boolean) => void;
}

export function KindFields({ query, targetInvalid, onChange }: Props) {
  return (
    <InlineFieldRow>
      <InlineField label={t('query-editor.type.field', 'Type')} labelWidth={14}>
        <RadioButtonGroup
          options={queryTypeOptions()}
          value={query.queryType}
          onChange={(type) => onChange(withQueryType(query, type), true)}
          data-testid={editorTestIds.type}
        />
      </InlineField>
      <InlineField label={t('query-editor.target.field', 'Target')} labelWidth={10} invalid={targetInvalid}>
        <RadioButtonGroup
          options={targetOptions(query.queryType)}
          value={query.target}
          onChange={(target) => onChange(withTarget(query, target), true)}
        />
      </InlineField>
    </InlineFieldRow>
  );
}
