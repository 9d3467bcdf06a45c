import React from 'react';
import { loadPortuguese } from '../../locales/testing/portuguese';
import { render, screen, within } from '@testing-library/react';
import { OverviewPage } from './OverviewPage';
import { testIds } from '../../components/testIds';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { fakeDataSourceSrv, fakeEcotiDataSource, siteResponder } from '../testing/fakeEcotiDataSource';
import { buildRecommendationFrame } from '../../datasource/frames/recommendationFrame';
import { fleetRecommendations } from '../../components/Recommendations/testing/fleetRecommendations';
import pluginJson from '../../plugin.json';
import portuguese from '../../locales/pt-BR/renault-ecoti-app.json';

let mockSrv: ReturnType<typeof fakeDataSourceSrv>;
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getDataSourceSrv: () => mockSrv,
  PluginPage: ({ children }: { children: React.ReactNode }) => <main>{children}</main>,
  PanelRenderer: () => <div data-testid="panel-renderer" />,
}));

// As in Grafana with the user's language set to Portuguese: the app's locale file in its namespace.
beforeAll(() => loadPortuguese(pluginJson.id, portuguese));

const NOW = Date.UTC(2026, 10, 16, 12);

function renderPage(respond = siteResponder) {
  const { ds } = fakeEcotiDataSource(respond);
  mockSrv = fakeDataSourceSrv(ds);
  render(<OverviewPage settings={{ ...DEFAULT_SETTINGS, timeZone: 'UTC' }} now={NOW} />);
}

describe('Overview page in Portuguese', () => {
  it('titles its sections and figures in pt-BR', async () => {
    renderPage();
    expect(await screen.findByRole('group', { name: 'Energia' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Emissões (CO₂e)' })).toBeInTheDocument();
    expect(screen.getByText('Este mês')).toBeInTheDocument();
    expect(screen.getAllByText('até agora neste mês')).toHaveLength(3);
    expect(await screen.findByText('Principais anomalias, últimos 7 dias')).toBeInTheDocument();
    expect(await screen.findByText('Em alta')).toBeInTheDocument();
    expect(await screen.findByText('O que determina o consumo')).toBeInTheDocument();
    expect(
      await screen.findByText('Explica 91% da variação em horas que não usou para aprender; erro típico 14,2 W.')
    ).toBeInTheDocument();
  });

  it('uses the Portuguese plural for the number of open recommendations', async () => {
    renderPage();
    const savings = within(await screen.findByTestId(testIds.overview.savings));
    expect(savings.getByText('por mês, de 5 recomendações abertas')).toBeInTheDocument();
  });

  it('and the singular for one', async () => {
    const one = fleetRecommendations().slice(0, 1);
    renderPage(async (req) =>
      req.requestId === 'ecoti-overview-savings'
        ? { data: [buildRecommendationFrame('savings', one, { query: 'q', upstreamUid: 'p' }, 'BRL')] }
        : siteResponder(req)
    );
    const savings = within(await screen.findByTestId(testIds.overview.savings));
    expect(savings.getByText('por mês, de 1 recomendação aberta')).toBeInTheDocument();
  });
});
