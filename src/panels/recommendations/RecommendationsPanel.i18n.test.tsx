import React from 'react';
import { loadPortuguese } from '../../locales/testing/portuguese';
import { render, screen, within } from '@testing-library/react';
import { RecommendationsPanel } from './RecommendationsPanel';
import { panelProps } from './testing/panelProps';
import { testIds } from '../../components/testIds';
import { fleetRecommendationFrame } from '../../components/Recommendations/testing/fleetRecommendations';
import pluginJson from './plugin.json';
import portuguese from './locales/pt-BR/renault-ecoti-recommendations-panel.json';

// As in Grafana with the user's language set to Portuguese: i18next runs in pt-BR and the panel's
// locale file is loaded into the panel's namespace.
beforeAll(() => loadPortuguese(pluginJson.id, portuguese));

describe('Recommendation cards panel in Portuguese', () => {
  it('labels the cards, the summary and the evidence link in pt-BR', () => {
    render(<RecommendationsPanel {...panelProps([fleetRecommendationFrame()])} />);
    const card = within(screen.getAllByTestId(testIds.panel.card)[0]);
    expect(card.getByText('Economia / mês')).toBeInTheDocument();
    expect(card.getByText('Confiança 90%')).toBeInTheDocument();
    expect(card.getByText('Infraestrutura')).toBeInTheDocument();
    expect(card.getByRole('button', { name: 'Premissas' })).toBeInTheDocument();
    expect(card.getByRole('link', { name: /Abrir a evidência no Explore/ })).toBeInTheDocument();
    expect(within(screen.getByTestId(testIds.panel.summary)).getByText('Recomendações')).toBeInTheDocument();
  });

  it('explains in pt-BR why the options hide every card', () => {
    render(
      <RecommendationsPanel
        {...panelProps([fleetRecommendationFrame()], { categories: ['infrastructure'], minConfidence: 0.95 })}
      />
    );
    const empty = within(screen.getByTestId(testIds.panel.empty));
    expect(empty.getByText('As opções do painel ocultam todas as recomendações')).toBeInTheDocument();
    expect(
      empty.getByText(
        'O EcoTI encontrou 5, mas o filtro de categoria (Infraestrutura) oculta 3; a confiança mínima de 95% oculta 2. Altere as opções para vê-las.'
      )
    ).toBeInTheDocument();
  });
});
