import React from 'react';
import { loadPortuguese } from '../../locales/testing/portuguese';
import { render, screen, within } from '@testing-library/react';
import { RecommendationsPanel } from './RecommendationsPanel';
import { panelProps } from './testing/panelProps';
import { testIds } from '../../components/testIds';
import { fleetRecommendationFrame } from '../../components/Recommendations/testing/fleetRecommendations';
import pluginJson from './plugin.json';
import portuguese from './locales/pt-BR/renault-ecoti-recommendations-panel.json';
import english from './locales/en-US/renault-ecoti-recommendations-panel.json';
import { manyRecommendationsFrame } from './testing/manyRecommendations';

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

  it('says in pt-BR, with Brazilian digit grouping, how many cards it shows of how many', () => {
    render(<RecommendationsPanel {...panelProps([manyRecommendationsFrame(5000)])} />);
    expect(screen.getAllByTestId(testIds.panel.card)).toHaveLength(100);
    expect(screen.getByRole('status')).toHaveTextContent(
      'Mostrando as primeiras 100 de 5.000 recomendações, na ordem escolhida. Os totais acima incluem todas as 5.000. ' +
        'Filtre, ou aumente “Máximo de cartões” nas opções do painel, para ver as demais.'
    );
  });

  it('keeps formatted placeholders such as {{total, number}} the same in pt-BR as in en-US', () => {
    // The shared locales test compares plain {{name}} placeholders; these carry a format too.
    const formatted = (s: string) => [...s.matchAll(/\{\{\s*\w+\s*,\s*\w+\s*\}\}/g)].map((m) => m[0]).sort();
    const capped = (m: typeof english) => m.panel.capped;
    for (const key of Object.keys(capped(english)) as Array<keyof typeof english.panel.capped>) {
      expect({ key, placeholders: formatted(capped(portuguese)[key]) }).toEqual({
        key,
        placeholders: formatted(capped(english)[key]),
      });
    }
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
