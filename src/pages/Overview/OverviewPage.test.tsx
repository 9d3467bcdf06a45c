import React from 'react';
import { render, screen, waitFor, within } from '@testing-library/react';
import type { DataQueryRequest } from '@grafana/data';
import { OverviewPage } from './OverviewPage';
import { testIds } from '../../components/testIds';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import type { EcotiQuery } from '../../datasource/types';
import { fakeDataSourceSrv, fakeEcotiDataSource, siteResponder, HOUR } from '../testing/fakeEcotiDataSource';

// Only the Grafana runtime boundary is replaced: the data source service, the page chrome and the panel renderer.
let mockSrv: ReturnType<typeof fakeDataSourceSrv>;
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getDataSourceSrv: () => mockSrv,
  PluginPage: ({ children }: { children: React.ReactNode }) => <main>{children}</main>,
  PanelRenderer: ({
    pluginId,
    data,
    title,
  }: {
    pluginId: string;
    title: string;
    data: { series: Array<{ refId?: string }> };
  }) => (
    <div data-testid="panel-renderer">{`${pluginId} · ${title} · ${data.series.map((f) => f.refId).join(',')}`}</div>
  ),
}));

// 16 November 2026, 12:00 UTC: 372 hours of the month gone, 348 to go.
const NOW = Date.UTC(2026, 10, 16, 12);
const settings = { ...DEFAULT_SETTINGS, timeZone: 'UTC' };

function renderPage(respond = siteResponder) {
  const { ds, query } = fakeEcotiDataSource(respond);
  mockSrv = fakeDataSourceSrv(ds);
  render(<OverviewPage settings={settings} now={NOW} />);
  return query;
}

const figure = (label: string) => within(screen.getByRole('group', { name: label }));

describe('Overview page', () => {
  it('shows that it is loading while the data source and then the queries are on their way', async () => {
    renderPage(() => new Promise(() => {}));
    expect(screen.getByText('Finding the EcoTI AI data source…')).toBeInTheDocument();
    expect(await screen.findAllByText('Loading…')).toHaveLength(5);
  });

  it('says how to add the data source when there is none', async () => {
    mockSrv = fakeDataSourceSrv(null);
    render(<OverviewPage settings={settings} now={NOW} />);
    const empty = within(await screen.findByTestId(testIds.overview.noDataSource));
    expect(empty.getByText('No EcoTI AI data source yet')).toBeInTheDocument();
    expect(empty.getByRole('link', { name: /Add the EcoTI AI data source/ })).toHaveAttribute(
      'href',
      '/connections/datasources/new'
    );
    expect(empty.getByRole('link', { name: /Open the app settings/ })).toHaveAttribute(
      'href',
      '/plugins/renault-ecoti-app'
    );
  });

  it('shows this month’s energy, emissions and cost so far, forecast to month end, with the range', async () => {
    renderPage();
    await waitFor(() => expect(screen.getAllByTestId(testIds.overview.monthFigure)).toHaveLength(3));
    // Energy: 372 h × 2 kWh so far; + 348 h × 3 kWh forecast = 1788 kWh; range 744 + 348 × (2.5 … 4).
    const energy = figure('Energy');
    expect(energy.getByText('744 kWh')).toBeInTheDocument();
    expect(energy.getByText('1.79 MWh')).toBeInTheDocument();
    expect(energy.getByText('1.61 MWh – 2.14 MWh')).toBeInTheDocument();
    expect(
      energy.getByText(/sums of the forecast’s 95% bounds for each step: a conservative range/)
    ).toBeInTheDocument();
    // Emissions at 38.5 g/kWh and cost at R$0.80/kWh, from their own forecasts.
    expect(figure('Emissions (CO₂e)').getByText('28.6 kg')).toBeInTheDocument();
    expect(figure('Emissions (CO₂e)').getByText('68.8 kg')).toBeInTheDocument();
    expect(figure('Cost').getByText('R$595')).toBeInTheDocument();
    expect(figure('Cost').getByText('R$1.43K')).toBeInTheDocument();
    expect(screen.getByTestId('panel-renderer')).toHaveTextContent(
      'timeseries · Energy this month, with the forecast to month end · energy'
    );
  });

  it('shows the savings of the open recommendations, the trend and the top anomalies', async () => {
    renderPage();
    const savings = within(await screen.findByTestId(testIds.overview.savings));
    expect(savings.getByText('per month, from 5 open recommendations')).toBeInTheDocument();
    expect(savings.getByRole('link', { name: /See the recommendations/ })).toHaveAttribute(
      'href',
      '/a/renault-ecoti-app/recommendations'
    );
    const trend = within(screen.getByTestId(testIds.overview.trend));
    expect(trend.getByText('Rising')).toBeInTheDocument();
    expect(trend.getByText('+12.5 W per day')).toBeInTheDocument();
    expect(trend.getByText('95% range: +8.0 W to +15.0 W per day')).toBeInTheDocument();
    const anomalies = screen.getAllByTestId(testIds.overview.anomaly);
    expect(anomalies.map((a) => a.textContent)).toEqual([
      expect.stringContaining('db-01score 97%'),
      expect.stringContaining('web-01score 72%'),
      expect.stringContaining('web-02score 61%'),
    ]);
  });

  it('shows what drives consumption from the data source’s importance table, biggest share first', async () => {
    renderPage();
    const tile = within(await screen.findByTestId(testIds.overview.drivers));
    expect(screen.getByRole('heading', { name: 'What drives consumption' })).toBeInTheDocument();
    expect(tile.getAllByTestId(testIds.overview.driver).map((d) => d.textContent)).toEqual([
      'CPU utilisation78%',
      'Inlet temperature17%',
      'Hour of day5%',
      'Day of week0%',
    ]);
    expect(
      tile.getByText('Explains 91% of the variation on hours it did not learn from; typical error 14.2 W.')
    ).toBeInTheDocument();
  });

  it('asks what drives site power from site CPU utilisation and inlet temperature', async () => {
    const query = renderPage();
    await waitFor(() => expect(query).toHaveBeenCalledTimes(5));
    const request = query.mock.calls
      .map(([r]) => r as DataQueryRequest<EcotiQuery>)
      .find((r) => r.requestId === 'ecoti-overview-drivers')!;
    expect(request.targets).toEqual([
      expect.objectContaining({
        queryType: 'insights',
        target: 'drivers',
        drivers: [
          expect.objectContaining({ name: 'CPU utilisation', utilisation: true }),
          expect.objectContaining({ name: 'Inlet temperature', utilisation: false }),
        ],
      }),
    ]);
  });

  it('asks for the month from its first hour in the site’s time zone, and 7 days of anomalies', async () => {
    const query = renderPage();
    await waitFor(() => expect(query).toHaveBeenCalledTimes(5));
    const requests = query.mock.calls.map(([r]) => r as DataQueryRequest<EcotiQuery>);
    const month = requests.find((r) => r.requestId === 'ecoti-overview-month')!;
    expect(month.range.from.valueOf()).toBe(Date.UTC(2026, 10, 1));
    expect(month.targets.map((t) => t.target)).toEqual(['consumption', 'emissions', 'costs']);
    const anomalies = requests.find((r) => r.requestId === 'ecoti-overview-anomalies')!;
    expect(NOW - anomalies.range.from.valueOf()).toBe(7 * 24 * HOUR);
  });

  it('shows one error when every query fails the same way', async () => {
    renderPage(async (req) => ({
      data: [],
      errors: req.targets.map((t) => ({ refId: t.refId, message: 'Choose an upstream data source (Prometheus).' })),
    }));
    expect(await screen.findByText('EcoTI AI could not answer')).toBeInTheDocument();
    expect(screen.getAllByText('Choose an upstream data source (Prometheus).')).toHaveLength(1);
    expect(screen.queryByTestId(testIds.overview.sectionError)).not.toBeInTheDocument();
  });

  it('shows a section’s own error and the other sections’ data when one query fails', async () => {
    renderPage(async (req) =>
      req.requestId === 'ecoti-overview-anomalies'
        ? { data: [], errors: [{ refId: 'anomalies', message: 'Upstream timed out.' }] }
        : siteResponder(req)
    );
    const section = within(await screen.findByTestId(testIds.overview.anomalies));
    expect(await section.findByTestId(testIds.overview.sectionError)).toHaveTextContent('Upstream timed out.');
    expect(await screen.findByTestId(testIds.overview.savings)).toBeInTheDocument();
  });

  it('says when a section has nothing to show', async () => {
    renderPage(async () => ({ data: [] }));
    expect(await screen.findByText('No anomalies in the last 7 days.')).toBeInTheDocument();
    expect(await screen.findByText('Not enough history for a trend yet.')).toBeInTheDocument();
    expect(
      await screen.findByText('Not enough history with utilisation beside the power to tell what drives it yet.')
    ).toBeInTheDocument();
    expect(await screen.findAllByText('No data for this month yet.')).toHaveLength(3);
    expect(screen.queryByTestId('panel-renderer')).not.toBeInTheDocument();
  });
});
