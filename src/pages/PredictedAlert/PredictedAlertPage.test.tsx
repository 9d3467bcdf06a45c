import React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { FakePrometheus, fakeDataSourceSrv, seriesResponder } from '../../datasource/testing/fakeUpstream';
import { testIds } from '../../components/testIds';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { provisionedAlertRuleProblems } from '../../alerting/testing/grafanaApiSchema';
import { PredictedAlertPage } from './PredictedAlertPage';
import { type FakeGrafanaApi, fakeGrafanaApi, type FakeGrafanaOptions } from './testing/fakeGrafanaApi';
import { RACK_QUERY, rackPowerSeries } from './testing/rackPower';

const NOW = Date.UTC(2026, 10, 30, 12);
const ENGINE_PROM = 'ecoti-prometheus';

let mockSrv: ReturnType<typeof fakeDataSourceSrv>;
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getDataSourceSrv: () => mockSrv,
  PluginPage: ({ children }: { children: React.ReactNode }) => <main>{children}</main>,
  // Grafana's pickers and panels need a running Grafana: a select of the Prometheus instances, and the frames' names.
  DataSourcePicker: ({ current, onChange }: { current: string | null; onChange: (ds: { uid: string }) => void }) => (
    <select aria-label="data source" value={current ?? ''} onChange={(e) => onChange({ uid: e.currentTarget.value })}>
      <option value="">none</option>
      <option value="site-prom">site-prom</option>
      <option value="ecoti-prometheus">ecoti-prometheus</option>
    </select>
  ),
  PanelRenderer: ({ data }: { data: { series: Array<{ fields: Array<{ config: { displayName?: string } }> }> } }) => (
    <div data-testid="panel-renderer">
      {data.series.flatMap((f) => f.fields.map((x) => x.config.displayName).filter(Boolean)).join(' | ')}
    </div>
  ),
}));

function renderPage(
  path: string,
  api = fakeGrafanaApi(),
  prom = new FakePrometheus(seriesResponder({ [RACK_QUERY]: rackPowerSeries(NOW) }), 'site-prom')
) {
  mockSrv = fakeDataSourceSrv([prom]);
  render(
    <MemoryRouter initialEntries={[path]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <PredictedAlertPage
        settings={{ ...DEFAULT_SETTINGS, defaultUpstreamUid: ENGINE_PROM }}
        now={NOW}
        send={api.send}
        orgId={1}
      />
    </MemoryRouter>
  );
  return { api, prom };
}

const PANEL_URL = `/predicted-alerts?upstream=site-prom&expr=${encodeURIComponent(RACK_QUERY)}&dashboard=ecoti-sre&panel=7&title=Rack%20power`;

function type(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

/** Sets the threshold and presses Create alert rule, with no preview first. */
function createAt(threshold: string) {
  type(testIds.predictedAlert.threshold, threshold);
  fireEvent.click(screen.getByRole('button', { name: /Create alert rule/ }));
}

/** The Grafana API calls made so far, as "METHOD url". */
const callsTo = (api: FakeGrafanaApi) => api.requests.map((r) => `${r.method} ${r.url}`);

async function previewAt(threshold: string) {
  type(testIds.predictedAlert.threshold, threshold);
  fireEvent.click(screen.getByRole('button', { name: /Preview the forecast/ }));
  return within(await screen.findByTestId(testIds.predictedAlert.preview, {}, { timeout: 30_000 }));
}

describe('Predicted alerts page', () => {
  it('opens pre-filled from a panel: its data source, query, kind and a name after the panel', () => {
    renderPage(PANEL_URL);
    expect(screen.getByTestId(testIds.predictedAlert.query)).toHaveValue(RACK_QUERY);
    const [upstream, engine] = screen.getAllByLabelText('data source');
    expect(upstream).toHaveValue('site-prom');
    expect(engine).toHaveValue(ENGINE_PROM);
    expect(screen.getByRole('radio', { name: 'Power (W)' })).toBeChecked();
    expect(screen.getByTestId(testIds.predictedAlert.title)).toHaveValue('Rack power: predicted threshold');
    expect(screen.getByTestId(testIds.predictedAlert.lead)).toHaveValue('24h');
  });

  it('previews each series’ forecast against the threshold, with when it crosses, on the ML core', async () => {
    const { prom } = renderPage(PANEL_URL);
    const preview = await previewAt('6000');
    const rows = preview.getAllByTestId(testIds.predictedAlert.crossing).map((r) => r.textContent);
    // r1 grows 25 W/h from ~5.5 kW: its forecast crosses within the day; r2 stays near 3 kW.
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^\{rack="r1"\} crosses 6,000 W in ~(\d+) hr$/);
    const hours = Number(/~(\d+) hr/.exec(rows[0]!)![1]);
    expect(hours).toBeGreaterThanOrEqual(12);
    expect(hours).toBeLessThanOrEqual(24);
    expect(rows[1]).toBe('{rack="r2"} stays under 6,000 W within the lead time');
    // Drawn: each series with its forecast and band, and the threshold line.
    expect(preview.getByTestId('panel-renderer')).toHaveTextContent(
      /^\{rack="r1"\} \| \{rack="r1"\} forecast \| \{rack="r1"\} lower 95% \| \{rack="r1"\} upper 95% \|.*\| Threshold$/
    );
    // The upstream was asked for the training window at the chosen step, through Grafana's data source.
    const request = prom.requests[0];
    expect(request.intervalMs).toBe(300_000);
    expect(request.range.to.valueOf()).toBe(NOW);
    expect(request.range.from.valueOf()).toBe(NOW - 14 * 86_400_000);
  });

  it('creates the rule: finds or creates the EcoTI AI folder, then posts a schema-valid rule with X-Disable-Provenance', async () => {
    const { api } = renderPage(PANEL_URL);
    await previewAt('6000');
    fireEvent.click(screen.getByRole('button', { name: /Create alert rule/ }));
    const created = await screen.findByTestId(testIds.predictedAlert.created);

    expect(callsTo(api)).toEqual(['GET /api/folders', 'POST /api/folders', 'POST /api/v1/provisioning/alert-rules']);
    expect(api.requests[0].params).toEqual({ limit: 1000 });
    expect(api.requests[1].data).toEqual({ uid: 'ecoti-ai', title: 'EcoTI AI' });
    const post = api.requests[2];
    expect(post.headers).toEqual({ 'X-Disable-Provenance': 'true' });
    expect(provisionedAlertRuleProblems(post.data)).toEqual([]);
    const rule = post.data as {
      uid: string;
      labels: Record<string, string>;
      annotations: Record<string, string>;
    } & Record<string, unknown>;
    expect(rule.uid).toMatch(/^ecoti-[a-z0-9]{12}$/);
    expect(rule).toEqual(
      expect.objectContaining({
        title: 'Rack power: predicted threshold',
        folderUID: 'ecoti-ai',
        ruleGroup: 'ecoti-predicted',
        orgID: 1,
        condition: 'C',
        for: '15m',
        noDataState: 'OK',
        execErrState: 'Error',
        labels: { ecoti_managed: 'true', ecoti_target: `rule_${rule.uid.replace(/-/g, '_')}`, severity: 'warning' },
      })
    );
    expect(rule.annotations).toEqual(
      expect.objectContaining({
        ecoti_query: RACK_QUERY,
        ecoti_kind: 'power',
        ecoti_threshold: '6000',
        ecoti_direction: 'above',
        ecoti_step: '5m',
        ecoti_horizon: '24h',
        __dashboardUid__: 'ecoti-sre',
        __panelId__: '7',
      })
    );
    const data = rule.data as Array<{ datasourceUid: string; model: { expr?: string } }>;
    expect(data[0].datasourceUid).toBe(ENGINE_PROM);
    expect(data[0].model.expr).toBe(
      `ecoti_time_to_threshold_seconds{target="rule_${rule.uid.replace(/-/g, '_')}", bound="mean"}`
    );

    const links = within(created)
      .getAllByRole('link')
      .map((a) => a.getAttribute('href'));
    expect(links[0]).toBe(`/alerting/grafana/${rule.uid}/view`);
    expect(links[1]).toMatch(/^\/explore\?schemaVersion=1&panes=/);
    expect(decodeURIComponent(links[1]!)).toContain(
      `ecoti_time_to_threshold_seconds{target=\\"rule_${rule.uid.replace(/-/g, '_')}\\"}`
    );
    expect(links[2]).toBe('/d/ecoti-sre?viewPanel=7');
  });

  it('files the rule in the existing EcoTI AI folder, whatever its uid, without creating one', async () => {
    const { api } = renderPage(
      PANEL_URL,
      fakeGrafanaApi({
        folders: [
          { uid: 'f1', title: 'Ops' },
          { uid: 'provisioned-7', title: 'EcoTI AI' },
        ],
      })
    );
    createAt('6000');
    await screen.findByTestId(testIds.predictedAlert.created);
    expect(callsTo(api)).toEqual(['GET /api/folders', 'POST /api/v1/provisioning/alert-rules']);
    expect((api.requests[1].data as { folderUID: string }).folderUID).toBe('provisioned-7');
  });

  it('uses the folder another tab created meanwhile when Grafana answers 409', async () => {
    const refuse: FakeGrafanaOptions['refuse'] = {
      method: 'POST',
      url: '/api/folders',
      status: 409,
      message: 'a folder with the same uid already exists',
    };
    const { api } = renderPage(PANEL_URL, fakeGrafanaApi({ refuse }));
    createAt('6000');
    await screen.findByTestId(testIds.predictedAlert.created);
    expect(callsTo(api)).toEqual([
      'GET /api/folders',
      'POST /api/folders',
      'GET /api/folders/ecoti-ai',
      'POST /api/v1/provisioning/alert-rules',
    ]);
  });

  it.each([
    [403, 'You may not create alert rules here', /takes the Editor role/],
    [400, 'Grafana refused the rule', /Grafana says: invalid alert rule: condition C does not exist/],
    [409, 'The rule clashes with an existing one', /gets a new identifier each time/],
  ])('explains a %i from the rules API', async (status, title, detail) => {
    const refuse = {
      method: 'POST' as const,
      url: '/api/v1/provisioning/alert-rules',
      status,
      message: 'invalid alert rule: condition C does not exist',
    };
    renderPage(PANEL_URL, fakeGrafanaApi({ refuse }));
    createAt('6000');
    const error = await screen.findByTestId(testIds.predictedAlert.createError);
    expect(error).toHaveTextContent(title);
    expect(error).toHaveTextContent(detail);
  });

  it('says what is missing instead of sending anything', async () => {
    const { api } = renderPage('/predicted-alerts');
    type(testIds.predictedAlert.query, 'up{rack="$rack"}');
    type(testIds.predictedAlert.threshold, 'six thousand');
    type(testIds.predictedAlert.lead, '1 day');
    fireEvent.click(screen.getByRole('button', { name: /Create alert rule/ }));
    expect(
      await screen.findByText('The query still holds a dashboard variable ($…): replace it with its value.')
    ).toBeInTheDocument();
    expect(screen.getByText('Enter the threshold as a number, for example 6000.')).toBeInTheDocument();
    expect(screen.getByText('Enter a duration such as 30m, 24h or 7d.')).toBeInTheDocument();
    expect(screen.getByText('Give the alert rule a name.')).toBeInTheDocument();
    expect(api.requests).toEqual([]);
  });

  it('shows the upstream’s error as the preview’s', async () => {
    const failing = new FakePrometheus(
      () => ({ data: [], errors: [{ message: 'parse error: unexpected }' }] }),
      'site-prom'
    );
    renderPage(PANEL_URL, fakeGrafanaApi(), failing);
    type(testIds.predictedAlert.threshold, '6000');
    fireEvent.click(screen.getByRole('button', { name: /Preview the forecast/ }));
    await waitFor(() =>
      expect(screen.getByTestId(testIds.predictedAlert.previewError)).toHaveTextContent(
        'Prometheus: parse error: unexpected }'
      )
    );
  });

  it('says so when the query returns no series', async () => {
    renderPage(PANEL_URL);
    type(testIds.predictedAlert.query, 'absent_metric_watts');
    type(testIds.predictedAlert.threshold, '6000');
    fireEvent.click(screen.getByRole('button', { name: /Preview the forecast/ }));
    expect(await screen.findByTestId(testIds.predictedAlert.previewError)).toHaveTextContent(
      'The query returned no series to forecast'
    );
  });
});
