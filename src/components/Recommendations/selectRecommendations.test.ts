import { readRecommendations, RecommendationRow } from './recommendationRows';
import { categoriesOf, selectRecommendations, sortRecommendations } from './selectRecommendations';
import { fleetRecommendationFrame } from './testing/fleetRecommendations';

const read = readRecommendations([fleetRecommendationFrame()]);
const rows = read.status === 'ok' ? read.rows : [];
const rules = (rs: RecommendationRow[]) => rs.map((r) => r.rule);
const all = { sortBy: 'money' as const, categories: [], minConfidence: 0 };

describe('selectRecommendations', () => {
  it('sorts by money, kWh, CO2e or confidence, largest first', () => {
    expect(rules(sortRecommendations(rows, 'money'))).toEqual([
      'consolidation',
      'idle-server',
      'pue-drift',
      'load-shifting',
      'cooling-set-point',
    ]);
    // Load shifting moves energy to cheaper hours but saves no kWh: it drops to last by energy and CO2e.
    expect(rules(sortRecommendations(rows, 'kWh'))).toEqual([
      'consolidation',
      'idle-server',
      'pue-drift',
      'cooling-set-point',
      'load-shifting',
    ]);
    expect(rules(sortRecommendations(rows, 'kgCO2e'))).toEqual(rules(sortRecommendations(rows, 'kWh')));
    // Three rules at 0.9 keep their money order; then cooling (0.70) and load shifting (0.66).
    expect(rules(sortRecommendations(rows, 'confidence'))).toEqual([
      'consolidation',
      'idle-server',
      'pue-drift',
      'cooling-set-point',
      'load-shifting',
    ]);
  });

  it('puts rows without the sorted figure last', () => {
    const noMoney = { ...rows[0], key: 'x', title: 'No money', moneyPerMonth: { value: null } };
    expect(sortRecommendations([noMoney, ...rows], 'money').at(-1)!.key).toBe('x');
  });

  it('filters by category and minimum confidence, counting what each filter hid', () => {
    const energy = selectRecommendations(rows, { ...all, categories: ['energy'] });
    expect(rules(energy.shown)).toEqual(['pue-drift', 'load-shifting', 'cooling-set-point']);
    expect(energy).toMatchObject({ hiddenByCategory: 2, hiddenByConfidence: 0 });

    const sure = selectRecommendations(rows, { ...all, categories: ['energy'], minConfidence: 0.8 });
    expect(rules(sure.shown)).toEqual(['pue-drift']);
    expect(sure).toMatchObject({ hiddenByCategory: 2, hiddenByConfidence: 2 });

    expect(selectRecommendations(rows, all).shown).toHaveLength(5);
  });

  it('hides rows without a confidence once a minimum is set', () => {
    const unknown = { ...rows[0], key: 'u', confidence: null };
    expect(selectRecommendations([unknown], all).shown).toHaveLength(1);
    expect(selectRecommendations([unknown], { ...all, minConfidence: 0.1 })).toMatchObject({
      shown: [],
      hiddenByConfidence: 1,
    });
  });

  it('lists the known categories first, then the others found in the data', () => {
    expect(categoriesOf([...rows, { ...rows[0], key: 'n', category: 'network' }])).toEqual([
      'energy',
      'infrastructure',
      'network',
    ]);
  });
});
