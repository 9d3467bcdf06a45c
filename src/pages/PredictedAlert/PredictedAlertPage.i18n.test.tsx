import React from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { loadPortuguese } from '../../locales/testing/portuguese';
import { FakePrometheus, fakeDataSourceSrv, seriesResponder } from '../../datasource/testing/fakeUpstream';
import { testIds } from '../../components/testIds';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import pluginJson from '../../plugin.json';
import portuguese from '../../locales/pt-BR/renault-ecoti-app.json';
import { PredictedAlertPage } from './PredictedAlertPage';
import { fakeGrafanaApi } from './testing/fakeGrafanaApi';
import { RACK_QUERY, rackPowerSeries } from './testing/rackPower';

const NOW = Date.UTC(2026, 10, 30, 12);

let mockSrv: ReturnType<typeof fakeDataSourceSrv>;
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getDataSourceSrv: () => mockSrv,
  PluginPage: ({ children }: { children: React.ReactNode }) => <main>{children}</main>,
  DataSourcePicker: ({ current }: { current: string | null }) => <div>{current}</div>,
  PanelRenderer: () => <div data-testid="panel-renderer" />,
}));

// As in Grafana with the user's language set to Portuguese: the app's locale file in its namespace.
beforeAll(() => loadPortuguese(pluginJson.id, portuguese));

function renderPage() {
  const api = fakeGrafanaApi();
  mockSrv = fakeDataSourceSrv([
    new FakePrometheus(seriesResponder({ [RACK_QUERY]: rackPowerSeries(NOW) }), 'site-prom'),
  ]);
  render(
    <MemoryRouter
      initialEntries={[`/predicted-alerts?upstream=site-prom&expr=${encodeURIComponent(RACK_QUERY)}&title=Racks`]}
      future={{ v7_startTransition: true, v7_relativeSplatPath: true }}
    >
      <PredictedAlertPage
        settings={{ ...DEFAULT_SETTINGS, defaultUpstreamUid: 'ecoti-prometheus' }}
        now={NOW}
        send={api.send}
        orgId={1}
      />
    </MemoryRouter>
  );
  return api;
}

describe('Predicted alerts page in Portuguese', () => {
  it('previews with pt-BR sentences and number formats, and accepts a decimal comma', async () => {
    renderPage();
    expect(screen.getByTestId(testIds.predictedAlert.title)).toHaveValue('Racks: limite previsto');
    fireEvent.change(screen.getByTestId(testIds.predictedAlert.threshold), { target: { value: '6000,0' } });
    fireEvent.click(screen.getByRole('button', { name: /Pré-visualizar a previsão/ }));
    const preview = within(await screen.findByTestId(testIds.predictedAlert.preview, {}, { timeout: 30_000 }));
    const rows = preview.getAllByTestId(testIds.predictedAlert.crossing).map((r) => r.textContent);
    expect(rows[0]).toMatch(/^\{rack="r1"\} ultrapassa 6\.000 W em ~\d+ h$/);
    expect(rows[1]).toBe('{rack="r2"} fica abaixo de 6.000 W dentro da antecedência');
  });

  it('explains problems in Portuguese and writes the rule’s notifications in Portuguese', async () => {
    const api = renderPage();
    fireEvent.click(screen.getByRole('button', { name: /Criar regra de alerta/ }));
    expect(await screen.findByText('Informe o limite como número, por exemplo 6000.')).toBeInTheDocument();
    expect(api.requests).toEqual([]);

    fireEvent.change(screen.getByTestId(testIds.predictedAlert.threshold), { target: { value: '6000' } });
    fireEvent.click(screen.getByRole('button', { name: /Criar regra de alerta/ }));
    expect(await screen.findByText('Regra de alerta "Racks: limite previsto" criada')).toBeInTheDocument();
    const rule = api.requests[2].data as { annotations: Record<string, string> };
    expect(rule.annotations.summary).toBe('Racks: limite previsto: previsão ultrapassa 6000 W em menos de 24h');
  });
});
