import type { PluginExtensionAddedLinkConfig } from '@grafana/data';
import sreForecasts from '../dashboards/sre-forecasts.json';
import { initialForm } from '../pages/PredictedAlert/predictedAlertForm';
import { ecotiLinks } from './ecotiLinks';
import { PREDICTED_ALERT_LINK } from './predictedAlertLink';
import { fakeDeps, panelContext, rackPowerPanel, settle, type FakeDeps } from './testing/panelContexts';

function link(deps: FakeDeps): PluginExtensionAddedLinkConfig {
  return ecotiLinks(deps).find((l) => l.title === PREDICTED_ALERT_LINK.title)!;
}

async function click(l: PluginExtensionAddedLinkConfig, context: object, event?: Partial<MouseEvent>) {
  l.onClick?.(event as never, {
    context,
    extensionPointId: PREDICTED_ALERT_LINK.targets[0],
    openModal: jest.fn(),
    openSidebar: jest.fn(),
    closeSidebar: jest.fn(),
    toggleSidebar: jest.fn(),
  });
  await settle();
}

/** The page's form as it would open at the URL the link went to. */
function formAt(url: string) {
  const [path, search] = url.split('?');
  return { path, form: initialForm(new URLSearchParams(search), 'ecoti-prometheus') };
}

describe('Create predicted alert (panel menu)', () => {
  it('opens Predicted alerts with the panel’s first Prometheus query, its variables filled in, and the panel', async () => {
    const deps = fakeDeps();
    const l = link(deps);
    const context = panelContext(rackPowerPanel);
    expect(l.configure?.(context)).toEqual(expect.objectContaining({ title: 'Create predicted alert' }));
    await click(l, context);

    expect(deps.navigated).toHaveLength(1);
    const { path, form } = formAt(deps.navigated[0]);
    expect(path).toBe('/a/renault-ecoti-app/predicted-alerts');
    expect(form).toEqual(
      expect.objectContaining({
        upstreamUid: 'prom-main',
        query: 'sum by (rack) (raritan_pdu_activepower_watt{rack=~"(r1|r2)"})',
        kind: 'power',
        title: 'Rack and IT power: predicted threshold',
        panel: { dashboardUid: 'ecoti-sre', panelId: 7, title: 'Rack and IT power' },
      })
    );
  });

  it('takes the second query when the first is hidden, with Grafana’s interval variables made concrete', async () => {
    const deps = fakeDeps();
    const targets = [{ ...rackPowerPanel.targets[0], hide: true }, rackPowerPanel.targets[1]];
    await click(
      link(deps),
      panelContext({ ...rackPowerPanel, targets }, { scopedVars: { rack: { text: 'r7', value: 'r7' } } })
    );
    const { form } = formAt(deps.navigated[0]);
    expect(form.query).toBe('sum(rate(node_energy_joules_total{rack=~"r7"}[5m]))');
    expect(form.kind).toBe('power');
  });

  it('offers an EcoTI forecast panel’s upstream query: the shipped SRE rack panel', async () => {
    const deps = fakeDeps();
    const panel = sreForecasts.panels.find((p) => p.type === 'timeseries' && p.targets?.some((t) => 'expr' in t))!;
    const context = panelContext(panel as never);
    expect(link(deps).configure?.(context)).toBeDefined();
    await click(link(deps), context);
    const { form } = formAt(deps.navigated[0]);
    expect(form.upstreamUid).toBe('prom-main');
    expect(form.query).not.toMatch(/\$/);
    expect(form.query.length).toBeGreaterThan(0);
  });

  it('is hidden on panels it cannot use: a stat, or a panel without a Prometheus query', () => {
    const l = link(fakeDeps());
    expect(l.configure?.(panelContext({ ...rackPowerPanel, type: 'stat' }))).toBeUndefined();
    expect(
      l.configure?.(
        panelContext({ ...rackPowerPanel, targets: [{ refId: 'A', datasource: { type: 'loki', uid: 'loki' } }] })
      )
    ).toBeUndefined();
  });

  it('opens in a new tab under Grafana’s sub-path on ctrl-click, and says in a toast why it could not open', async () => {
    const deps = fakeDeps({ appSubUrl: () => '/grafana/' });
    await click(link(deps), panelContext(rackPowerPanel), { metaKey: true });
    expect(deps.openedTabs[0]).toMatch(/^\/grafana\/a\/renault-ecoti-app\/predicted-alerts\?upstream=prom-main&/);

    const failing = fakeDeps({ interpolate: () => Promise.reject(new Error('Data source prom-main was not found')) });
    await click(link(failing), panelContext(rackPowerPanel));
    expect(failing.navigated).toEqual([]);
    expect(failing.errors).toEqual(['EcoTI AI could not open Predicted alerts: Data source prom-main was not found']);
  });
});
