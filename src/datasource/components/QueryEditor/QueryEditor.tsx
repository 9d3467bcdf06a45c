// The EcoTI query editor: what to compute (type, target), on which upstream, and how. It reads the
// stored query through migrateQuery, shows the fields of its kind, and writes back a complete query.
import React, { useMemo } from 'react';
import type { QueryEditorProps } from '@grafana/data';
import { t } from '@grafana/i18n';
import { Alert, Stack } from '@grafana/ui';
import type { EcotiDataSource } from '../../datasource';
import type { EcotiDataSourceOptions, EcotiQuery, StoredEcotiQuery } from '../../types';
import { migrateQuery } from '../../query/migrateQuery';
import { isKind, readsUpstreamQuery } from '../../query/queryKind';
import { validateQuery } from '../../query/validateQuery';
import { KindFields } from './KindFields';
import { UpstreamPicker, UpstreamQueryField } from './UpstreamFields';
import { PredictFields } from './PredictFields';
import { AnomalyFields } from './AnomalyFields';
import { SignalFields } from './SignalFields';
import { DriverFields } from './DriverFields';
import { useDefaultUpstreamUid, useUpstream } from './useUpstream';
import { editorTestIds } from './editorTestIds';

type Props = QueryEditorProps<EcotiDataSource, StoredEcotiQuery, EcotiDataSourceOptions>;

export function QueryEditor({ query, onChange, onRunQuery, datasource, range, app }: Props) {
  const q = useMemo(() => migrateQuery(query), [query]);
  const defaultUpstream = useDefaultUpstreamUid(datasource);
  const upstreamUid = q.upstreamUid ?? defaultUpstream;
  const upstream = useUpstream(upstreamUid);
  const problems = useMemo(() => validateQuery(query, defaultUpstream), [query, defaultUpstream]);
  const invalid = (field: string) => problems.some((p) => p.field === field);

  const change = (next: EcotiQuery, run = false) => {
    onChange(next);
    if (run) {
      onRunQuery();
    }
  };

  return (
    <Stack direction="column" gap={1}>
      <KindFields query={q} targetInvalid={invalid('target')} onChange={change} />
      <UpstreamPicker
        uid={upstreamUid}
        invalid={invalid('upstream')}
        onChange={(uid) => change(dropUpstreamQuery({ ...q, upstreamUid: uid }), true)}
      />
      {readsUpstreamQuery(q) && (
        <UpstreamQueryField
          query={q}
          upstream={upstream}
          invalid={invalid('expr')}
          onChange={change}
          onRunQuery={onRunQuery}
          range={range}
          app={app}
        />
      )}
      {isKind(q, 'predict') && <PredictFields query={q} invalid={invalid} onChange={change} onRunQuery={onRunQuery} />}
      {isKind(q, 'anomalies') && (
        <AnomalyFields query={q} invalid={invalid} onChange={change} onRunQuery={onRunQuery} />
      )}
      {isKind(q, 'drivers') && <DriverFields query={q} invalid={invalid} onChange={change} onRunQuery={onRunQuery} />}
      {isKind(q, 'recommendations') && <SignalFields query={q} onChange={change} onRunQuery={onRunQuery} />}
      {problems.length > 0 && (
        <Alert
          severity="warning"
          title={t('query-editor.problems.title', 'This query cannot run yet')}
          data-testid={editorTestIds.problems}
        >
          {problems.map((p) => (
            <div key={p.field}>{p.message}</div>
          ))}
        </Alert>
      )}
    </Stack>
  );
}

/** Another upstream cannot read the previous one's query model; the text copy stays. */
function dropUpstreamQuery(q: EcotiQuery): EcotiQuery {
  return readsUpstreamQuery(q) ? { ...q, upstreamQuery: undefined } : q;
}
