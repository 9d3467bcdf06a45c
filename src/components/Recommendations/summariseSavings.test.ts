import { readRecommendations, RecommendationRow } from './recommendationRows';
import { groupByCategory, summariseSavings } from './summariseSavings';
import { fleetRecommendationFrame, fleetRecommendations } from './testing/fleetRecommendations';

const read = readRecommendations([fleetRecommendationFrame()]);
const rows = read.status === 'ok' ? read.rows : [];
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('summariseSavings', () => {
  it('adds up kWh, kgCO2e and money per month, with the units of the frame', () => {
    const recs = fleetRecommendations();
    const totals = summariseSavings(rows);
    expect(totals.count).toBe(5);
    expect(totals.kWhPerMonth.value).toBeCloseTo(sum(recs.map((r) => r.kWhPerMonth)), 9);
    expect(totals.kWhPerMonth.unit).toBe('kwatth');
    expect(totals.kgCO2ePerMonth.value).toBeCloseTo(sum(recs.map((r) => r.kgCO2ePerMonth)), 9);
    expect(totals.kgCO2ePerMonth.unit).toBe('masskg');
    expect(totals.moneyPerMonth).toHaveLength(1);
    expect(totals.moneyPerMonth[0].unit).toBe('currencyBRL');
    expect(totals.moneyPerMonth[0].value).toBeCloseTo(sum(recs.map((r) => r.moneyPerMonth)), 9);
    // About R$ 489 a month: consolidation 226 + idle 138 + PUE 69 + load shifting 33 + cooling 23.
    expect(totals.moneyPerMonth[0].value).toBeGreaterThan(470);
    expect(totals.moneyPerMonth[0].value).toBeLessThan(510);
  });

  it('never adds different currencies together', () => {
    const euros: RecommendationRow = { ...rows[0], key: 'e', moneyPerMonth: { value: 1000, unit: 'currencyEUR' } };
    const totals = summariseSavings([...rows, euros]);
    expect(totals.moneyPerMonth.map((m) => m.unit)).toEqual(['currencyEUR', 'currencyBRL']);
    expect(totals.moneyPerMonth[0].value).toBe(1000);
  });

  it('gives zero totals for no rows', () => {
    expect(summariseSavings([])).toEqual({
      count: 0,
      kWhPerMonth: { value: 0, unit: 'kwatth', decimals: undefined },
      kgCO2ePerMonth: { value: 0, unit: 'masskg', decimals: undefined },
      moneyPerMonth: [],
    });
  });
});

describe('groupByCategory', () => {
  it('groups energy before infrastructure, uncategorised last, each with its totals', () => {
    const loose: RecommendationRow = { ...rows[0], key: 'l', category: undefined };
    const groups = groupByCategory([loose, ...rows]);
    expect(groups.map((g) => g.category)).toEqual(['energy', 'infrastructure', '']);
    expect(groups.map((g) => g.totals.count)).toEqual([3, 2, 1]);
    const infra = rows.filter((r) => r.category === 'infrastructure');
    expect(groups[1].totals.moneyPerMonth[0].value).toBeCloseTo(sum(infra.map((r) => r.moneyPerMonth.value!)), 9);
  });
});
