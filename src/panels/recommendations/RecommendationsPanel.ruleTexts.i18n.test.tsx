import React from 'react';
import type { DataFrame } from '@grafana/data';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { loadPortuguese } from '../../locales/testing/portuguese';
import { RecommendationsPanel } from './RecommendationsPanel';
import { panelProps } from './testing/panelProps';
import { testIds } from '../../components/testIds';
import { fleetRecommendationFrame } from '../../components/Recommendations/testing/fleetRecommendations';
import pluginJson from './plugin.json';
import portuguese from './locales/pt-BR/renault-ecoti-recommendations-panel.json';
import datasourceJson from '../../datasource/plugin.json';
import datasourcePortuguese from '../../datasource/locales/pt-BR/renault-ecoti-datasource.json';

// As in Grafana with the viewer's language set to Portuguese, where the data source and the panel are two
// bundles, each with its namespace: the data source writes the rules' texts into the frame in its own, then the
// panel renders the frame with its own.
let frame: DataFrame;
beforeAll(async () => {
  await loadPortuguese(datasourceJson.id, datasourcePortuguese);
  frame = fleetRecommendationFrame();
  await loadPortuguese(pluginJson.id, portuguese);
});

const PRICE = 'tarifa média de R$ 0,688/kWh (ponta de R$ 2,10 das 18h às 21h em dias úteis, fora de ponta R$ 0,55)';

// The demo fleet's five findings, one per rule, as a Brazilian reads them: decimal comma, dot for thousands.
const EXPECTED = [
  {
    title: 'Consolidar 3 servidores em 1',
    target: 'web-01, web-02, web-03',
    evidence:
      '3 servidores têm o mesmo perfil de uso, com média de 12% de CPU; o p95 somado (55% de um servidor) cabe em 1 com a carga limitada a 70% da capacidade.',
    action: 'Migre as cargas de web-01 e web-03 para web-02 e depois desligue os servidores liberados.',
    assumptions: `Os servidores liberados economizam o seu consumo ocioso (300 W no total, estimado por regressão linear da potência sobre a CPU); a carga é transferida, não eliminada; 730 h/mês × PUE 1,5; 38,5 gCO2e/kWh; ${PRICE}. Supõe-se que os picos coincidem (estimativa conservadora).`,
  },
  {
    title: 'Desligar ou reaproveitar o servidor ocioso zombie-01',
    target: 'zombie-01',
    evidence: 'CPU em 1,5% na média (p95 2,0%) ao longo de 14,0 dias, com consumo estável de 183 W (±0%).',
    action:
      'Confirme com o responsável que zombie-01 não atende a nenhum serviço e então desative-o ou atribua a ele uma carga de trabalho; se ele precisar continuar ligado, ative o limite de potência (power capping) ou um estado de ociosidade profunda.',
    assumptions: `Economiza o consumo médio medido de 183 W × 730 h/mês × PUE 1,5; 38,5 gCO2e/kWh; ${PRICE}.`,
  },
  {
    title: 'O PUE está subindo (1,40 → 1,49): investigue a causa',
    target: 'instalação',
    evidence:
      'A razão entre a potência da instalação e a de TI sobe 0,050 por semana (intervalo de 95%: 0,050 a 0,050) ao longo de 14,0 dias.',
    action:
      'Verifique a refrigeração (filtros, fluido refrigerante, set-points, painéis de fechamento), a eficiência dos nobreaks e a iluminação; compare com os pontos de mudança da tendência do PUE.',
    assumptions: `Trazer o PUE de volta de 1,49 para 1,40 com a carga média de TI de 1.500 W × 730 h/mês; 38,5 gCO2e/kWh; ${PRICE}.`,
  },
  {
    title: 'Tirar as tarefas flexíveis do horário de ponta da tarifa (18h–21h)',
    target: '5 servidor(es) com medição',
    evidence:
      '108 kWh/mês de energia da instalação caem no horário de ponta, cobrados a R$ 2,10 em vez de R$ 0,55 por kWh.',
    action:
      'Reprograme jobs em lote, backups e geração de relatórios (cron, CronJobs do Kubernetes) para começarem depois das 21h ou antes das 18h, ou nos fins de semana.',
    assumptions:
      '20% da energia do horário de ponta é flexível e é deslocada, não eliminada (por isso kWh e CO2e não mudam com um fator de emissão único da rede); 22 kWh/mês deslocados; janela extrapolada para 30 dias; PUE 1,5.',
  },
  {
    title: 'Aumentar o set-point de refrigeração de rack-A em 3,0 °C',
    target: 'rack-A',
    evidence:
      'O ar na entrada dos servidores tem média de 16,0 °C (p95 16,5 °C), abaixo da faixa recomendada pela ASHRAE, de 18 a 27 °C.',
    action:
      'Aumente o set-point de insuflamento dos CRAC/CRAH em passos de 0,5 °C, verificando que as temperaturas de entrada fiquem entre 18 e 27 °C.',
    assumptions: `Refrigeração ≈ (PUE 1,5 − 1) × carga de TI de 1.500 W, dividida igualmente entre 2 sensor(es); 4% da energia de refrigeração economizados por °C (regra prática); 38,5 gCO2e/kWh; ${PRICE}.`,
  },
];

describe('Recommendation cards in Portuguese: the rules’ texts', () => {
  it('shows every rule’s title, target, evidence, action and assumptions in pt-BR, numbers as in Brazil', () => {
    render(<RecommendationsPanel {...panelProps([frame])} />);
    const cards = screen.getAllByTestId(testIds.panel.card);
    // Most money saved first, as the panel sorts by default.
    expect(cards.map((c) => c.getAttribute('aria-label'))).toEqual(EXPECTED.map((e) => e.title));
    cards.forEach((element, i) => {
      const card = within(element);
      const expected = EXPECTED[i];
      expect(card.getByRole('heading', { name: expected.title })).toBeInTheDocument();
      expect(card.getByText(expected.target)).toBeInTheDocument();
      expect(card.getByText(expected.evidence)).toBeInTheDocument();
      expect(card.getByText(expected.action)).toBeInTheDocument();
      fireEvent.click(card.getByRole('button', { name: 'Premissas' }));
      expect(card.getByText(expected.assumptions)).toBeInTheDocument();
    });
  });

  it('leaves no English sentence of the rules on the cards', () => {
    const { container } = render(<RecommendationsPanel {...panelProps([frame])} />);
    screen.getAllByRole('button', { name: 'Premissas' }).forEach((b) => fireEvent.click(b));
    const text = container.textContent ?? '';
    for (const english of [
      'Power off',
      'Consolidate',
      'Raise the',
      'drifting',
      'Move flexible',
      'metered host',
      'on average',
      'per week',
      'price ',
      'off-peak',
      'h/month',
    ]) {
      expect({ english, found: text.includes(english) }).toEqual({ english, found: false });
    }
  });
});
