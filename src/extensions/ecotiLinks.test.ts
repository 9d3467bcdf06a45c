import { dateTime, PluginExtensionPoints, type PluginExtensionAddedLinkConfig } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';
import sreForecasts from '../dashboards/sre-forecasts.json';
import { migrateQuery } from '../datasource/query/migrateQuery';
import { queryKind } from '../datasource/query/queryKind';
import { validateQuery } from '../datasource/query/validateQuery';
import { ECOTI_LINKS, ecotiLinks, type ExtensionDeps } from './ecotiLinks';
import { MIXED_DATASOURCE_UID, PANE_ID } from './exploreState';
import {
  decodeExplore,
  fakeDeps,
  INSTANCES,
  panelContext,
  PROM_VAR,
  rackPowerPanel,
  settle,
  type FakeDeps,
} from './testing/panelContexts';

const ECOTI_REF = { uid: 'ecoti-ai', type: 'renault-ecoti-datasource' };

function link(deps: ExtensionDeps, title: string): PluginExtensionAddedLinkConfig {
  const found = ecotiLinks(deps).find((l) => l.title === title);
  if (!found) {
    throw new Error(`no link "${title}"`);
  }
  return found;
}

async function click(l: PluginExtensionAddedLinkConfig, context: object, event?: Partial<MouseEvent>) {
  l.onClick?.(event as never, {
    context,
    extensionPointId: [l.targets].flat()[0],
    openModal: jest.fn(),
    openSidebar: jest.fn(),
    closeSidebar: jest.fn(),
    toggleSidebar: jest.fn(),
  });
  await settle();
}

function onlyPane(deps: FakeDeps) {
  expect(deps.navigated).toHaveLength(1);
  const decoded = decodeExplore(deps.navigated[0]);
  expect(decoded.path).toBe('/explore');
  expect(decoded.schemaVersion).toBe('1');
  expect(Object.keys(decoded.panes)).toEqual([PANE_ID]);
  return decoded.panes[PANE_ID];
}

const RACK_A = 'sum by (rack) (raritan_pdu_activepower_watt{rack=~"(r1|r2)"})';
const IT_B = 'sum(rate(node_energy_joules_total{rack=~"(r1|r2)"}[$__rate_interval]))';

describe('Forecast this panel', () => {
  it('opens Explore on Mixed: the panel’s two queries and a forecast of each, from the panel’s start to 24 h past now', async () => {
    const deps = fakeDeps();
    const forecast = link(deps, ECOTI_LINKS.forecastPanel.title);
    const context = panelContext(rackPowerPanel);
    expect(forecast.configure?.(context)).toEqual(expect.objectContaining({ title: 'Forecast this panel' }));

    await click(forecast, context);

    const pane = onlyPane(deps);
    expect(pane.datasource).toBe(MIXED_DATASOURCE_UID);
    expect(pane.range).toEqual({ from: 'now-2d', to: 'now+24h' });
    const prom = { uid: 'prom-main', type: 'prometheus' };
    expect(pane.queries).toEqual([
      { refId: 'A', datasource: prom, expr: RACK_A, legendFormat: '{{rack}}', range: true },
      { refId: 'B', datasource: prom, expr: IT_B, legendFormat: 'IT power', range: true },
      {
        refId: 'A-forecast',
        datasource: ECOTI_REF,
        queryType: 'predict',
        target: 'raw',
        upstreamUid: 'prom-main',
        expr: RACK_A,
        horizon: '24h',
        includeHistory: false,
      },
      expect.objectContaining({ refId: 'B-forecast', upstreamUid: 'prom-main', expr: IT_B, queryType: 'predict' }),
    ]);
    // The EcoTI data source reads them as complete, valid forecasts.
    for (const q of pane.queries.slice(2)) {
      expect(queryKind(migrateQuery(q))).toBe('predict');
      expect(validateQuery(q, undefined)).toEqual([]);
    }
  });

  it('uses the value a repeated panel gives the data source variable, not the dashboard’s', async () => {
    const deps = fakeDeps();
    const scopedVars = { prometheus: { text: 'Prometheus DR', value: 'prom-dr' }, rack: { text: 'r7', value: 'r7' } };
    await click(link(deps, ECOTI_LINKS.forecastPanel.title), panelContext(rackPowerPanel, { scopedVars }));

    const forecasts = onlyPane(deps).queries.filter((q) => q.queryType === 'predict');
    expect(forecasts.map((q) => [q.upstreamUid, q.expr])).toEqual([
      ['prom-dr', 'sum by (rack) (raritan_pdu_activepower_watt{rack=~"r7"})'],
      ['prom-dr', 'sum(rate(node_energy_joules_total{rack=~"r7"}[$__rate_interval]))'],
    ]);
  });

  it('keeps an absolute start as epoch milliseconds, as Explore’s URL does', async () => {
    const deps = fakeDeps();
    const from = dateTime(Date.UTC(2026, 0, 5, 6));
    await click(
      link(deps, ECOTI_LINKS.forecastPanel.title),
      panelContext(rackPowerPanel, { timeRange: { from, to: dateTime(Date.UTC(2026, 0, 6)) } })
    );
    expect(onlyPane(deps).range).toEqual({ from: String(Date.UTC(2026, 0, 5, 6)), to: 'now+24h' });
  });

  it('finds the data source of a query that does not name one in the panel’s last request', async () => {
    const deps = fakeDeps();
    const targets = rackPowerPanel.targets.map(({ datasource: _ds, ...t }) => t);
    const request = { targets: targets.map((t) => ({ ...t, datasource: { uid: 'prom-dr', type: 'prometheus' } })) };
    const context = panelContext({ ...rackPowerPanel, targets }, { data: { request } as never });
    await click(link(deps, ECOTI_LINKS.forecastPanel.title), context);
    expect(
      onlyPane(deps).queries.map((q) => (q.upstreamUid ?? (q.datasource as { uid: string }).uid) as string)
    ).toEqual(['prom-dr', 'prom-dr', 'prom-dr', 'prom-dr']);
  });

  it('wraps only the visible queries', async () => {
    const deps = fakeDeps();
    const targets = [rackPowerPanel.targets[0], { ...rackPowerPanel.targets[1], hide: true }];
    await click(link(deps, ECOTI_LINKS.forecastPanel.title), panelContext({ ...rackPowerPanel, targets }));
    expect(onlyPane(deps).queries.map((q) => q.refId)).toEqual(['A', 'A-forecast']);
  });

  it('goes to /explore through Grafana’s history, and to the sub-path URL in a new tab on ctrl-click', async () => {
    const deps = fakeDeps({ appSubUrl: () => '/grafana/' });
    const forecast = link(deps, ECOTI_LINKS.forecastPanel.title);
    await click(forecast, panelContext(rackPowerPanel));
    await click(forecast, panelContext(rackPowerPanel), { ctrlKey: true });
    expect(deps.navigated[0]).toMatch(/^\/explore\?/);
    expect(deps.openedTabs).toHaveLength(1);
    expect(deps.openedTabs[0]).toBe(`/grafana${deps.navigated[0]}`);
  });

  it('says in a toast why Explore could not open, and goes nowhere', async () => {
    const deps = fakeDeps({ interpolate: () => Promise.reject(new Error('Data source prom-main was not found')) });
    await click(link(deps, ECOTI_LINKS.forecastPanel.title), panelContext(rackPowerPanel));
    expect(deps.navigated).toEqual([]);
    expect(deps.errors).toEqual(['EcoTI AI could not open Explore: Data source prom-main was not found']);
  });
});

describe('Anomalies in this panel', () => {
  it('opens Explore with anomaly scores and regions of each query over the panel’s own range', async () => {
    const deps = fakeDeps();
    await click(
      link(deps, ECOTI_LINKS.anomaliesPanel.title),
      panelContext(rackPowerPanel, { timeRange: { from: 'now-7d', to: 'now-1d' } })
    );
    const pane = onlyPane(deps);
    expect(pane.range).toEqual({ from: 'now-7d', to: 'now-1d' });
    const added = pane.queries.slice(2);
    expect(added).toEqual([
      {
        refId: 'A-anomalies',
        datasource: ECOTI_REF,
        queryType: 'insights',
        target: 'anomalies',
        anomalyOutput: 'all',
        upstreamUid: 'prom-main',
        expr: RACK_A,
      },
      expect.objectContaining({ refId: 'B-anomalies', expr: IT_B }),
    ]);
    expect(added.map((q) => queryKind(migrateQuery(q)))).toEqual(['anomalies', 'anomalies']);
  });
});

describe('where the panel links are shown', () => {
  const sre = sreForecasts.panels as unknown as Array<{
    id: number;
    type: string;
    title: string;
    targets: DataQuery[];
  }>;
  const configure = (context: object, deps = fakeDeps()) =>
    [ECOTI_LINKS.forecastPanel.title, ECOTI_LINKS.anomaliesPanel.title].map((t) => link(deps, t).configure?.(context));

  it('shows both on a Prometheus time series panel', () => {
    expect(configure(panelContext(rackPowerPanel))).toEqual([
      { title: 'Forecast this panel', description: expect.any(String) },
      { title: 'Anomalies in this panel', description: expect.any(String) },
    ]);
  });

  it.each([
    ['an EcoTI panel of the shipped dashboard', sre.find((p) => p.type === 'timeseries')!],
    ['a Prometheus stat panel (no time axis to draw on)', sre.find((p) => p.type === 'stat')!],
    ['a panel without queries', { ...rackPowerPanel, targets: [] }],
    [
      'a panel whose queries are all hidden',
      { ...rackPowerPanel, targets: rackPowerPanel.targets.map((t) => ({ ...t, hide: true })) },
    ],
    [
      'a Loki panel',
      { ...rackPowerPanel, targets: [{ refId: 'A', datasource: { uid: 'loki' }, expr: '{job="ipmi"}' }] },
    ],
    [
      'a Prometheus panel with an empty query',
      { ...rackPowerPanel, targets: [{ refId: 'A', datasource: PROM_VAR, expr: ' ' }] },
    ],
  ])('hides both on %s', (_name, panel) => {
    expect(configure(panelContext(panel))).toEqual([undefined, undefined]);
  });

  it('hides both when no EcoTI data source exists to run the analysis', () => {
    const deps = fakeDeps({ instances: INSTANCES.filter((i) => i.type !== 'renault-ecoti-datasource') });
    expect(configure(panelContext(rackPowerPanel), deps)).toEqual([undefined, undefined]);
  });
});

describe('the Explore links', () => {
  const exploreContext = {
    exploreId: 'k2x',
    timeRange: { from: 'now-6h', to: 'now' },
    targets: [
      { refId: 'A', key: 'Q-1', datasource: { uid: 'prom-main', type: 'prometheus' }, expr: 'up{job="ipmi"}' },
      { refId: 'B', key: 'Q-2', datasource: { uid: 'loki', type: 'loki' }, expr: '{job="ipmi"}' },
      { refId: 'A-forecast', key: 'Q-3', datasource: ECOTI_REF, queryType: 'predict', expr: 'up' },
    ],
  };
  const split = JSON.stringify({
    k2x: { datasource: 'prom-main', queries: [], range: { from: 'now-6h', to: 'now' }, panelsState: { logs: {} } },
    abc: { datasource: 'loki', queries: [{ refId: 'A' }], range: { from: 'now-1h', to: 'now' } },
  });

  it('adds a forecast of the Prometheus query to this pane and keeps the other pane of a split view', async () => {
    const deps = fakeDeps({ currentPanes: () => split });
    const add = link(deps, ECOTI_LINKS.forecastExplore.title);
    expect(add.targets).toEqual([PluginExtensionPoints.ExploreToolbarAction]);
    expect(add.configure?.(exploreContext)).toEqual(expect.objectContaining({ title: 'Add an EcoTI forecast' }));

    await click(add, exploreContext);

    const { panes } = decodeExplore(deps.navigated[0]);
    expect(panes.abc).toEqual(JSON.parse(split).abc);
    expect(panes.k2x.datasource).toBe(MIXED_DATASOURCE_UID);
    expect(panes.k2x.range).toEqual({ from: 'now-6h', to: 'now+24h' });
    expect(panes.k2x).toHaveProperty('panelsState', { logs: {} });
    expect(panes.k2x.queries.map((q) => [q.refId, q.key, q.upstreamUid])).toEqual([
      ['A', undefined, undefined],
      ['B', undefined, undefined],
      ['A-forecast', undefined, undefined],
      // The pane already had an A-forecast: the new one gets the next free name.
      ['A-forecast-2', undefined, 'prom-main'],
    ]);
  });

  it('is hidden in a pane without a Prometheus query', () => {
    const deps = fakeDeps();
    const lokiOnly = { ...exploreContext, targets: [exploreContext.targets[1]] };
    expect(link(deps, ECOTI_LINKS.anomaliesExplore.title).configure?.(lokiOnly)).toBeUndefined();
  });
});
