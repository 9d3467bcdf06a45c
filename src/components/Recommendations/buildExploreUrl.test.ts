import { buildExploreUrl } from './buildExploreUrl';

function parse(url: string) {
  const [path, query] = url.split('?');
  const params = new URLSearchParams(query);
  return { path, params, panes: JSON.parse(params.get('panes')!) };
}

describe('buildExploreUrl', () => {
  const from = Date.UTC(2026, 10, 18);
  const to = Date.UTC(2026, 10, 25);

  it('opens the upstream query on its data source over the given range, in Explore’s panes format', () => {
    const url = buildExploreUrl({
      datasourceUid: 'prom-uid',
      expr: 'ipmi_dcmi_power_consumption_watts{instance=~"web-.*"}',
      from,
      to,
      orgId: 2,
    });
    const { path, params, panes } = parse(url);
    expect(path).toBe('/explore');
    expect(params.get('schemaVersion')).toBe('1');
    expect(params.get('orgId')).toBe('2');
    const pane = Object.values(panes)[0];
    expect(pane).toEqual({
      datasource: 'prom-uid',
      queries: [
        { refId: 'A', expr: 'ipmi_dcmi_power_consumption_watts{instance=~"web-.*"}', datasource: { uid: 'prom-uid' } },
      ],
      range: { from: String(from), to: String(to) },
    });
  });

  it('escapes the query so quotes, braces and ampersands survive the URL', () => {
    const expr = 'sum(rate(x{a="1&b=2"}[5m])) > 0 # done';
    const url = buildExploreUrl({ datasourceUid: 'p', expr, from, to, datasourceType: 'prometheus' });
    expect(url).not.toMatch(/[" #]/);
    const pane = Object.values(parse(url).panes)[0] as { queries: Array<{ expr: string; datasource: object }> };
    expect(pane.queries[0].expr).toBe(expr);
    expect(pane.queries[0].datasource).toEqual({ uid: 'p', type: 'prometheus' });
    expect(parse(url).params.has('orgId')).toBe(false);
  });
});
