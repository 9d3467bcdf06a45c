import React from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { createDataFrame, DataFrame, DataQueryError, FieldType } from '@grafana/data';
import { RecommendationsPanel } from './RecommendationsPanel';
import { RecommendationsPanelOptions } from './types';
import { PANEL_FROM, PANEL_TO, panelProps } from './testing/panelProps';
import { testIds } from '../../components/testIds';
import {
  fleetRecommendationFrame,
  fleetRecommendations,
} from '../../components/Recommendations/testing/fleetRecommendations';
import { buildRecommendationFrame } from '../../datasource/frames/recommendationFrame';
import { manyRecommendations, manyRecommendationsFrame } from './testing/manyRecommendations';

const FROM = PANEL_FROM;
const TO = PANEL_TO;

function renderPanel(
  series: DataFrame[],
  options: Partial<RecommendationsPanelOptions> = {},
  errors?: DataQueryError[],
  width = 1200
) {
  return render(<RecommendationsPanel {...panelProps(series, options, errors, width)} />);
}

const cardTitles = () => screen.getAllByTestId(testIds.panel.card).map((c) => c.getAttribute('aria-label'));
const recs = fleetRecommendations();
const titleOf = (rule: string) => recs.find((r) => r.rule === rule)!.title;

describe('Recommendation cards panel', () => {
  it('shows each recommendation as a card with its target, category, savings with units, and confidence', () => {
    renderPanel([fleetRecommendationFrame()]);
    expect(screen.getAllByTestId(testIds.panel.card)).toHaveLength(5);
    const idle = screen.getByRole('article', { name: titleOf('idle-server') });
    const card = within(idle);
    expect(card.getByRole('heading', { name: titleOf('idle-server') })).toBeInTheDocument();
    expect(card.getByText('zombie-01')).toBeInTheDocument();
    expect(card.getByText('Infrastructure')).toBeInTheDocument();
    // 200.7 kWh, 7.73 kg and R$138.14 per month, through Grafana's units and the frame's decimals.
    expect(card.getByText('201 kWh')).toBeInTheDocument();
    expect(card.getByText('7.7 kg')).toBeInTheDocument();
    expect(card.getByText('R$138')).toBeInTheDocument();
    expect(card.getByText('Confidence 90%')).toBeInTheDocument();
    expect(card.getByText(/Power off|repurpose/, { selector: 'h2' })).toBeInTheDocument();
    expect(card.getByText(recs.find((r) => r.rule === 'idle-server')!.action)).toBeInTheDocument();
  });

  it('shows every rule’s English texts as the rules wrote them, for an English viewer', () => {
    renderPanel([fleetRecommendationFrame()]);
    expect(new Set(recs.map((r) => r.rule)).size).toBe(5);
    for (const r of recs) {
      const card = within(screen.getByRole('article', { name: r.title }));
      expect(card.getByText(r.target)).toBeInTheDocument();
      expect(card.getByText(r.evidence)).toBeInTheDocument();
      expect(card.getByText(r.action)).toBeInTheDocument();
      fireEvent.click(card.getByRole('button', { name: 'Assumptions' }));
      expect(card.getByText(r.assumptions)).toBeInTheDocument();
    }
    // The English numbers stay as they were: no digit grouping, a point for decimals.
    expect(screen.getByText(/^Cooling ≈ \(PUE 1\.5 − 1\) × IT load 1500 W,/)).toBeInTheDocument();
    expect(screen.getByRole('article', { name: 'Consolidate 3 hosts onto 1' })).toBeInTheDocument();
  });

  it('sorts by money by default, and by energy when asked', () => {
    const { unmount } = renderPanel([fleetRecommendationFrame()]);
    expect(cardTitles()).toEqual(
      ['consolidation', 'idle-server', 'pue-drift', 'load-shifting', 'cooling-set-point'].map(titleOf)
    );
    unmount();
    renderPanel([fleetRecommendationFrame()], { sortBy: 'kWh' });
    expect(cardTitles().slice(3)).toEqual([titleOf('cooling-set-point'), titleOf('load-shifting')]);
  });

  it('filters by category and minimum confidence, and says in the summary how many it hid', () => {
    renderPanel([fleetRecommendationFrame()], { categories: ['energy'], minConfidence: 0.8 });
    expect(cardTitles()).toEqual([titleOf('pue-drift')]);
    expect(screen.getByTestId(testIds.panel.summary)).toHaveTextContent('Hidden by the options: 4');
  });

  it('sums the monthly savings of the shown cards in the summary line', () => {
    renderPanel([fleetRecommendationFrame()]);
    const summary = within(screen.getByTestId(testIds.panel.summary));
    const kWh = recs.reduce((a, r) => a + r.kWhPerMonth, 0);
    const money = recs.reduce((a, r) => a + r.moneyPerMonth, 0);
    expect(summary.getByText('Recommendations').nextSibling).toHaveTextContent('5');
    expect(summary.getByText(`${Math.round(kWh)} kWh`)).toBeInTheDocument();
    expect(summary.getByText(`R$${Math.round(money)}`)).toBeInTheDocument();
  });

  it('leaves the summary out when the option is off', () => {
    renderPanel([fleetRecommendationFrame()], { showSummary: false });
    expect(screen.queryByTestId(testIds.panel.summary)).not.toBeInTheDocument();
  });

  it('links each card’s evidence to Explore with the upstream query and the panel’s time range', () => {
    renderPanel([fleetRecommendationFrame()]);
    const links = screen.getAllByTestId(testIds.panel.exploreLink);
    expect(links).toHaveLength(5);
    const href = links[0].getAttribute('href')!;
    const panes = JSON.parse(new URLSearchParams(href.split('?')[1]).get('panes')!);
    expect(Object.values(panes)[0]).toMatchObject({
      datasource: 'prom-uid',
      queries: [{ expr: 'ipmi_dcmi_power_consumption_watts', datasource: { uid: 'prom-uid' } }],
      range: { from: String(FROM), to: String(TO) },
    });
  });

  it('can be used from the keyboard: cards take focus, the assumptions open with a button, evidence is a link', () => {
    renderPanel([fleetRecommendationFrame()]);
    const card = screen.getAllByTestId(testIds.panel.card)[0];
    expect(card).toHaveAttribute('tabindex', '0');
    card.focus();
    expect(card).toHaveFocus();
    const assumptions = recs[0].assumptions;
    expect(within(card).queryByText(assumptions)).not.toBeInTheDocument();
    const toggle = within(card).getByRole('button', { name: 'Assumptions' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    fireEvent.click(toggle);
    expect(within(card).getByText(assumptions)).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: /Open evidence in Explore/ })).toHaveAttribute('href');
  });

  it('leaves out the Explore link when the table has no evidence query', () => {
    const table = createDataFrame({
      fields: [{ name: 'title', type: FieldType.string, values: ['Hand-written advice'] }],
    });
    renderPanel([table]);
    expect(screen.getAllByTestId(testIds.panel.card)).toHaveLength(1);
    expect(screen.queryByTestId(testIds.panel.exploreLink)).not.toBeInTheDocument();
  });

  describe('with thousands of recommendations', () => {
    const recs5000 = manyRecommendations(5000);
    const frame5000 = manyRecommendationsFrame(5000);
    const titlesBy = (key: 'moneyPerMonth' | 'kWhPerMonth') =>
      [...recs5000].sort((a, b) => b[key] - a[key]).map((r) => r.title);

    it('renders the first 100 cards in the sort order and says how many it left out', () => {
      const { container } = renderPanel([frame5000]);
      expect(cardTitles()).toEqual(titlesBy('moneyPerMonth').slice(0, 100));
      expect(screen.getByRole('status')).toHaveTextContent(
        'Showing the first 100 of 5,000 recommendations, in the chosen order. The totals above include all 5,000.'
      );
      // A card is ~33 nodes here: all 5,000 would be ~165,000; 100 stay under 3,500.
      expect(container.querySelectorAll('*').length).toBeLessThan(3500);
    });

    it('sums all 5,000 recommendations in the summary, not only the cards shown', () => {
      renderPanel([frame5000]);
      const summary = within(screen.getByTestId(testIds.panel.summary));
      expect(summary.getByText('Recommendations').nextSibling).toHaveTextContent('5000');
      // Money and kWh per row are permutations of 1..5000: each totals 5000 × 5001 / 2 = 12.5 million
      // (the 100 cards shown add up to 0.5 million).
      expect(summary.getByText('R$13M')).toBeInTheDocument();
      expect(summary.getByText('13 GWh')).toBeInTheDocument();
    });

    it('follows the Maximum cards option and the chosen sort', () => {
      renderPanel([frame5000], { maxCards: 10, sortBy: 'kWh' });
      expect(cardTitles()).toEqual(titlesBy('kWhPerMonth').slice(0, 10));
      expect(screen.getByRole('status')).toHaveTextContent('Showing the first 10 of 5,000 recommendations');
    });

    it('leaves out the note about totals when the summary is off, and any note when all cards fit', () => {
      const { unmount } = renderPanel([frame5000], { showSummary: false });
      expect(screen.getByRole('status')).not.toHaveTextContent('totals');
      unmount();
      renderPanel([manyRecommendationsFrame(100)]);
      expect(screen.getAllByTestId(testIds.panel.card)).toHaveLength(100);
      expect(screen.queryByRole('status')).not.toBeInTheDocument();
    });
  });

  describe('says why it shows no cards', () => {
    const empty = () => within(screen.getByTestId(testIds.panel.empty));

    it('when there is no data at all', () => {
      renderPanel([]);
      expect(empty().getByText('No data')).toBeInTheDocument();
      expect(empty().getByText(/Recommendations \(or Insights → Optimization\)/)).toBeInTheDocument();
    });

    it('when EcoTI found nothing to recommend', () => {
      renderPanel([buildRecommendationFrame('A', [], { query: 'q', upstreamUid: 'p' }, 'BRL')]);
      expect(empty().getByText('Nothing to recommend')).toBeInTheDocument();
    });

    it('when the query failed, with its message', () => {
      renderPanel([], {}, [{ refId: 'A', message: 'Upstream data source "prom" was not found.' }]);
      expect(empty().getByText('The query failed')).toBeInTheDocument();
      expect(empty().getByText('Upstream data source "prom" was not found.')).toBeInTheDocument();
    });

    it('when the options hide everything, naming each option and what it hid', () => {
      renderPanel([fleetRecommendationFrame()], { categories: ['infrastructure'], minConfidence: 0.95 });
      expect(empty().getByText('The panel options hide every recommendation')).toBeInTheDocument();
      expect(
        empty().getByText(
          'EcoTI found 5, but the category filter (Infrastructure) hides 3; the minimum confidence of 95% hides 2. Change the options to see them.'
        )
      ).toBeInTheDocument();
    });

    it('when the data is not a recommendations table, naming the missing fields', () => {
      const series = createDataFrame({
        fields: [
          { name: 'Time', type: FieldType.time, values: [FROM] },
          { name: 'Saved / month', type: FieldType.number, values: [1] },
        ],
      });
      renderPanel([series]);
      expect(empty().getByText('This is not a recommendations table')).toBeInTheDocument();
      expect(
        empty().getByText(
          /lacks the field\(s\) title, kWhPerMonth, kgCO2ePerMonth, moneyPerMonth; it has Time, Saved \/ month\./
        )
      ).toBeInTheDocument();
    });
  });
});
