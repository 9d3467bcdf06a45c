import { exploreLocation, explorePane, overlayQueries, replacePane } from './exploreState';
import { decodeExplore } from './testing/panelContexts';

const pane = explorePane([{ refId: 'A' }], { from: 'now-1h', to: 'now+24h' });

describe('exploreLocation', () => {
  it.each([
    ['', '/explore'],
    ['/grafana', '/grafana/explore'],
    ['/grafana/', '/grafana/explore'],
  ])('puts the sub-path %j in front of the link for a new tab, and not in front of the in-app path', (sub, start) => {
    const { path, href } = exploreLocation({ eco: pane }, sub);
    expect(path.startsWith('/explore?')).toBe(true);
    expect(href).toBe(`${start}${path.slice('/explore'.length)}`);
  });

  it('escapes the PromQL so quotes, braces, ampersands and hashes survive the URL', () => {
    const expr = 'sum(rate(x{a="1&b=2", c=~"d|e"}[5m])) > 0 # note';
    const { path } = exploreLocation({ eco: explorePane([{ refId: 'A', expr } as never], pane.range) });
    expect(path).not.toMatch(/["{}# ]/);
    expect(decodeExplore(path).panes.eco.queries[0].expr).toBe(expr);
  });
});

describe('replacePane', () => {
  it.each([
    ['no panes parameter', undefined],
    ['a parameter that is not JSON', '{"abc":'],
    ['JSON that is not an object of panes', '[1,2]'],
  ])('opens the one pane when Explore’s URL has %s', (_name, current) => {
    expect(replacePane(current, 'eco', pane)).toEqual({ eco: pane });
  });
});

describe('overlayQueries', () => {
  it('names each added query after the one it wraps, skipping names the pane already uses', () => {
    const wrapped = [{ query: { refId: 'A', expr: 'up' }, datasource: { uid: 'p', type: 'prometheus' } }];
    const taken = [{ refId: 'A' }, { refId: 'A-anomalies' }, { refId: 'A-anomalies-2' }];
    const queries = overlayQueries('anomalies', taken, [...wrapped, ...wrapped], { uid: 'e' });
    expect(queries.map((q) => q.refId)).toEqual([
      'A',
      'A-anomalies',
      'A-anomalies-2',
      'A-anomalies-3',
      'A-anomalies-4',
    ]);
  });
});
