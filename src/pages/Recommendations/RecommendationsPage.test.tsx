import React from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { RecommendationsPage } from './RecommendationsPage';
import { testIds } from '../../components/testIds';
import { fakeDataSourceSrv, fakeEcotiDataSource, siteResponder } from '../testing/fakeEcotiDataSource';
import { fleetRecommendations } from '../../components/Recommendations/testing/fleetRecommendations';
import { buildRecommendationFrame } from '../../datasource/frames/recommendationFrame';

let mockSrv: ReturnType<typeof fakeDataSourceSrv>;
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getDataSourceSrv: () => mockSrv,
  PluginPage: ({ children }: { children: React.ReactNode }) => <main>{children}</main>,
}));

const NOW = Date.UTC(2026, 10, 16, 12);
const recs = fleetRecommendations();
const titleOf = (rule: string) => recs.find((r) => r.rule === rule)!.title;

function renderPage(respond = siteResponder) {
  const { ds, query } = fakeEcotiDataSource(respond);
  mockSrv = fakeDataSourceSrv(ds);
  render(<RecommendationsPage now={NOW} />);
  return query;
}

const cardsIn = (el: HTMLElement) =>
  within(el)
    .getAllByTestId(testIds.panel.card)
    .map((c) => c.getAttribute('aria-label'));

describe('Recommendations page', () => {
  it('shows that it is analysing while the query runs', async () => {
    renderPage(() => new Promise(() => {}));
    expect(await screen.findByText('Analysing the last 7 days…')).toBeInTheDocument();
  });

  it('says how to add the data source when there is none', async () => {
    mockSrv = fakeDataSourceSrv(null);
    render(<RecommendationsPage now={NOW} />);
    expect(await screen.findByTestId(testIds.recommendations.noDataSource)).toHaveTextContent(
      'No EcoTI AI data source yet'
    );
  });

  it('groups every recommendation by category, energy first, each group with its totals', async () => {
    renderPage();
    const groups = await screen.findAllByTestId(testIds.recommendations.group);
    expect(groups[0]).toHaveAccessibleName('Energy');
    expect(groups[1]).toHaveAccessibleName('Infrastructure');
    expect(cardsIn(groups[0])).toEqual(['pue-drift', 'load-shifting', 'cooling-set-point'].map(titleOf));
    expect(cardsIn(groups[1])).toEqual(['consolidation', 'idle-server'].map(titleOf));
    const infraMoney = recs.filter((r) => r.category === 'infrastructure').reduce((a, r) => a + r.moneyPerMonth, 0);
    expect(
      within(within(groups[1]).getByTestId(testIds.panel.summary)).getByText(`R$${Math.round(infraMoney)}`)
    ).toBeInTheDocument();
    // The overall summary comes first and counts all five.
    const overall = screen.getAllByTestId(testIds.panel.summary)[0];
    expect(overall).toHaveAccessibleName('All open recommendations');
    expect(within(overall).getByText('Recommendations').nextSibling).toHaveTextContent('5');
  });

  it('re-sorts the cards in each group by the chosen saving', async () => {
    renderPage();
    await screen.findAllByTestId(testIds.recommendations.group);
    fireEvent.click(screen.getByLabelText('Energy saved'));
    const energy = screen.getAllByTestId(testIds.recommendations.group)[0];
    expect(cardsIn(energy)).toEqual(['pue-drift', 'cooling-set-point', 'load-shifting'].map(titleOf));
  });

  it('links evidence to Explore over the 7 days the recommendations were computed on', async () => {
    renderPage();
    const link = (await screen.findAllByTestId(testIds.panel.exploreLink))[0];
    const pane = Object.values(
      JSON.parse(new URLSearchParams(link.getAttribute('href')!.split('?')[1]).get('panes')!)
    )[0] as { range: { from: string; to: string } };
    expect(pane.range).toEqual({ from: String(NOW - 7 * 86_400_000), to: String(NOW) });
  });

  it('shows the query’s error', async () => {
    renderPage(async () => ({
      data: [buildRecommendationFrame('recommendations', [], { query: '', upstreamUid: '' }, 'BRL')],
      errors: [{ refId: 'recommendations', message: 'None of the signal queries returned series.' }],
    }));
    expect(await screen.findByTestId(testIds.recommendations.error)).toHaveTextContent(
      'None of the signal queries returned series.'
    );
  });

  it('says when there is nothing to recommend', async () => {
    renderPage(async () => ({
      data: [buildRecommendationFrame('recommendations', [], { query: '', upstreamUid: '' }, 'BRL')],
    }));
    expect(await screen.findByText('Nothing to recommend')).toBeInTheDocument();
  });
});
