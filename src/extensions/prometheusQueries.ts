// Which of a panel's (or an Explore pane's) queries EcoTI can wrap: the visible Prometheus queries
// with a PromQL expression, each with its data source resolved to a concrete uid, since Explore
// has no dashboard variables to fill `${prometheus}` in later.
import type { ScopedVars } from '@grafana/data';
import type { DataQuery, DataSourceRef } from '@grafana/schema';
import datasourceJson from '../datasource/plugin.json';

export const PROMETHEUS_TYPE = 'prometheus';

/** A query with a PromQL expression, as the Prometheus data source stores it. */
export type PromQuery = DataQuery & { expr: string };

export interface WrappableQuery {
  query: PromQuery;
  /** The data source the query runs on, variables resolved. */
  datasource: { uid: string; type: string };
}

/** Grafana's DataSourceSrv.getInstanceSettings: resolves a ref, uid or name, `${var}` included. */
export interface DataSourceSettingsLookup {
  getInstanceSettings(
    ref: DataSourceRef | string | null | undefined,
    scopedVars?: ScopedVars
  ): { uid: string; type: string } | undefined;
}

export type WrappableQueries = { queries: WrappableQuery[] } | { none: NoneReason };

/** Why a panel or pane gets no EcoTI link. */
export type NoneReason = 'no-queries' | 'all-hidden' | 'no-prometheus';

export interface QuerySource {
  targets?: readonly DataQuery[];
  /**
   * The targets of the last request (PanelData.request.targets): Grafana fills in the panel's data
   * source there, so they answer for a query that does not name its own.
   */
  requestTargets?: readonly DataQuery[];
  scopedVars?: ScopedVars;
}

export function findWrappableQueries(source: QuerySource, lookup: DataSourceSettingsLookup): WrappableQueries {
  const targets = source.targets ?? [];
  if (targets.length === 0) {
    return { none: 'no-queries' };
  }
  // A hidden query is one the panel's author chose not to draw: forecasting it would surprise them.
  const visible = targets.filter((t) => !t.hide);
  if (visible.length === 0) {
    return { none: 'all-hidden' };
  }
  const queries: WrappableQuery[] = [];
  for (const target of visible) {
    const expr = (target as Partial<PromQuery>).expr;
    if (typeof expr !== 'string' || expr.trim() === '') {
      continue;
    }
    const ref = target.datasource ?? source.requestTargets?.find((r) => r.refId === target.refId)?.datasource;
    // Without a ref Grafana would answer with the default data source, which may not be this query's.
    if (!ref) {
      continue;
    }
    const settings = lookup.getInstanceSettings(ref, source.scopedVars);
    if (settings?.type === PROMETHEUS_TYPE) {
      queries.push({ query: target as PromQuery, datasource: { uid: settings.uid, type: settings.type } });
    }
  }
  return queries.length ? { queries } : { none: 'no-prometheus' };
}

/**
 * True when one of the source's visible queries already runs on EcoTI: a panel like that (a shipped forecast panel
 * with its capacity line, say) shows its forecast already, and offering to forecast its Prometheus helper queries
 * would only duplicate it. (An Explore pane may mix both: there, adding more EcoTI queries is the point.)
 */
export function runsEcoti(source: QuerySource): boolean {
  const isEcoti = (q: DataQuery) => q.datasource?.type === datasourceJson.id;
  return (source.targets ?? []).some(
    (t) => !t.hide && (isEcoti(t) || (source.requestTargets ?? []).some((r) => r.refId === t.refId && isEcoti(r)))
  );
}
