// The editor's changes to a query, as pure functions: each returns a complete EcotiQuery. A change
// of type or target goes through migrateQuery, so the new kind gets its defaults and keeps the
// fields of the old one (switching back restores them).
import type { DataQuery } from '@grafana/schema';
import { migrateQuery } from '../../query/migrateQuery';
import { EcotiQuery, QueryType, SeriesQuery, TARGETS } from '../../types';

export function withQueryType(q: EcotiQuery, queryType: QueryType): EcotiQuery {
  return migrateQuery({ ...q, queryType, target: TARGETS[queryType][0] });
}

export function withTarget(q: EcotiQuery, target: string): EcotiQuery {
  return migrateQuery({ ...q, target });
}

/** The upstream editor's query, with a text copy of it (for links to Explore and evidence) when it has one. */
export function withUpstreamQuery<Q extends SeriesQuery>(q: Q, upstream: DataQuery): Q {
  const expr = 'expr' in upstream ? upstream.expr : undefined;
  return { ...q, upstreamQuery: { ...upstream }, expr: typeof expr === 'string' ? expr : q.expr };
}

/** What the upstream data source's own editor edits: its saved model, or a Prometheus-shaped one from `expr`. */
export function upstreamEditorQuery(q: SeriesQuery): DataQuery {
  return { refId: q.refId, ...(q.expr !== undefined ? { expr: q.expr } : {}), ...(q.upstreamQuery ?? {}) };
}
