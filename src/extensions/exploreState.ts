// What the EcoTI links open: an Explore pane on the Mixed data source holding the queries' own
// Prometheus queries (the actuals) and, for each, an EcoTI query that wraps its data source and
// expression, over a range that shows the forecast. Written in Explore's `panes` URL format
// (schemaVersion 1), the one Grafana 12.3+ reads.
import { type ExploreUrlState, type RawTimeRange, type URLRange, toURLRange, urlUtil } from '@grafana/data';
import type { DataQuery, DataSourceRef } from '@grafana/schema';
import type { StoredEcotiQuery } from '../datasource/types';
import type { WrappableQuery } from './prometheusQueries';

export type EcotiAnalysis = 'forecast' | 'anomalies';

/** uid of Grafana's built-in Mixed data source: each query names its own. */
export const MIXED_DATASOURCE_UID = '-- Mixed --';

/**
 * How far the forecast reaches: the query editor's default (PREDICT_DEFAULTS.horizon; a test holds
 * them equal). Not imported from there: migrateQuery pulls in the ML core, and this module loads
 * with the app at every Grafana start.
 */
export const FORECAST_HORIZON = '24h';

/** Explore keeps pane ids of three characters of [0-9a-z] with a letter, and renames any other. */
export const PANE_ID = 'eco';

/** One EcoTI query over a Prometheus query's data source and (interpolated) expression. */
export function ecotiQuery(
  analysis: EcotiAnalysis,
  source: WrappableQuery,
  refId: string,
  ecoti: DataSourceRef
): StoredEcotiQuery {
  const upstream = { refId, datasource: ecoti, upstreamUid: source.datasource.uid, expr: source.query.expr };
  if (analysis === 'forecast') {
    // History off: the Prometheus query beside it draws the actuals. Other fields take the defaults
    // migrateQuery fills in, as for a query added in the editor.
    return { ...upstream, queryType: 'predict', target: 'raw', horizon: FORECAST_HORIZON, includeHistory: false };
  }
  // Scores for the graph and the regions table (what was expected, when) for the table below it.
  return { ...upstream, queryType: 'insights', target: 'anomalies', anomalyOutput: 'all' };
}

/**
 * The pane's queries followed by one EcoTI query per wrapped query, named after it
 * (`A-forecast`), with a number added when that name is taken.
 */
export function overlayQueries(
  analysis: EcotiAnalysis,
  paneQueries: readonly DataQuery[],
  wrapped: readonly WrappableQuery[],
  ecoti: DataSourceRef
): DataQuery[] {
  const taken = new Set(paneQueries.map((q) => q.refId));
  const added = wrapped.map((w) => ecotiQuery(analysis, w, uniqueRefId(`${w.query.refId}-${analysis}`, taken), ecoti));
  return [...paneQueries.map(withoutKey), ...added];
}

/** A forecast needs the range to reach past now; anomalies are looked for where the panel looks. */
export function exploreRange(analysis: EcotiAnalysis, raw: RawTimeRange): URLRange {
  const range = toURLRange(raw);
  return analysis === 'forecast' ? { from: range.from, to: `now+${FORECAST_HORIZON}` } : range;
}

export function explorePane(queries: DataQuery[], range: URLRange): ExploreUrlState {
  return { datasource: MIXED_DATASOURCE_UID, queries, range };
}

/**
 * Explore's panes with `pane` in place of pane `id`, the others as they are: adding from Explore
 * keeps a split view. Whatever else Explore keeps for that pane (panelsState) stays.
 */
export function replacePane(
  currentPanes: string | undefined,
  id: string,
  pane: ExploreUrlState
): Record<string, ExploreUrlState> {
  const panes = parsePanes(currentPanes);
  return { ...panes, [id]: { ...panes[id], ...pane } };
}

export interface ExploreLocation {
  /** For Grafana's own navigation (locationService), whose history adds the sub-path. */
  path: string;
  /** For the browser (a new tab): with the sub-path Grafana is served under (root_url). */
  href: string;
}

export function exploreLocation(panes: Record<string, ExploreUrlState>, appSubUrl = ''): ExploreLocation {
  const path = urlUtil.renderUrl('/explore', { schemaVersion: 1, panes: JSON.stringify(panes) });
  return { path, href: `${appSubUrl.replace(/\/+$/, '')}${path}` };
}

function uniqueRefId(base: string, taken: Set<string>): string {
  let refId = base;
  for (let n = 2; taken.has(refId); n++) {
    refId = `${base}-${n}`;
  }
  taken.add(refId);
  return refId;
}

/** Explore's own key for a query row; its URL leaves it out, and so do we. */
function withoutKey(query: DataQuery): DataQuery {
  const { key: _key, ...rest } = query;
  return rest;
}

function parsePanes(json: string | undefined): Record<string, ExploreUrlState> {
  try {
    const parsed: unknown = json ? JSON.parse(json) : {};
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, ExploreUrlState>)
      : {};
  } catch {
    return {};
  }
}
