import React from 'react';
import { QueryEditorProps } from '@grafana/data';
import { InlineField, Input } from '@grafana/ui';
import { EcotiDataSource } from '../datasource';
import { EcotiDataSourceOptions, EcotiQuery } from '../types';

type Props = QueryEditorProps<EcotiDataSource, EcotiQuery, EcotiDataSourceOptions>;

export function QueryEditor({ query, onChange }: Props) {
  return (
    <InlineField label="Upstream query" labelWidth={18} grow>
      <Input value={query.upstreamExpr ?? ''} onChange={(e) => onChange({ ...query, upstreamExpr: e.currentTarget.value })} />
    </InlineField>
  );
}
