// The link from a recommendation's evidence to Explore: Grafana's `panes` URL format (schema 1)
// with the upstream data source, the upstream query and an absolute time range.
import { locationUtil, UrlQueryMap, urlUtil } from '@grafana/data';

export interface ExploreLink {
  datasourceUid: string;
  /** The upstream query (PromQL for Prometheus), already interpolated. */
  expr: string;
  /** Epoch ms, so the link shows exactly the range the recommendation was computed on. */
  from: number;
  to: number;
  datasourceType?: string;
  orgId?: number;
}

export function buildExploreUrl(link: ExploreLink): string {
  const datasource = link.datasourceType
    ? { uid: link.datasourceUid, type: link.datasourceType }
    : { uid: link.datasourceUid };
  const pane = {
    datasource: link.datasourceUid,
    queries: [{ refId: 'A', expr: link.expr, datasource }],
    range: { from: String(link.from), to: String(link.to) },
  };
  const params: UrlQueryMap = { schemaVersion: 1, panes: JSON.stringify({ ecoti: pane }) };
  if (link.orgId !== undefined) {
    params.orgId = link.orgId;
  }
  // Under a sub path (root_url /grafana/) the link needs the prefix that Grafana's own links get.
  return locationUtil.assureBaseUrl(urlUtil.renderUrl('/explore', params));
}
