// Totals of the savings a set of recommendations offers, overall and per category. Money is
// summed per currency unit: a table mixing currencies gets one total for each, never a wrong sum.
import type { Figure, RecommendationRow } from './recommendationRows';

export interface SavingsTotals {
  count: number;
  kWhPerMonth: Figure;
  kgCO2ePerMonth: Figure;
  /** One entry per money unit, largest first. */
  moneyPerMonth: Figure[];
}

export function summariseSavings(rows: RecommendationRow[]): SavingsTotals {
  const money = new Map<string, Figure>();
  let kWh = 0;
  let kg = 0;
  for (const r of rows) {
    kWh += r.kWhPerMonth.value ?? 0;
    kg += r.kgCO2ePerMonth.value ?? 0;
    if (r.moneyPerMonth.value !== null) {
      const unit = r.moneyPerMonth.unit ?? '';
      const total = money.get(unit) ?? { value: 0, unit: r.moneyPerMonth.unit, decimals: r.moneyPerMonth.decimals };
      total.value! += r.moneyPerMonth.value;
      money.set(unit, total);
    }
  }
  const first = rows[0];
  return {
    count: rows.length,
    kWhPerMonth: { value: kWh, unit: first?.kWhPerMonth.unit ?? 'kwatth', decimals: first?.kWhPerMonth.decimals },
    kgCO2ePerMonth: {
      value: kg,
      unit: first?.kgCO2ePerMonth.unit ?? 'masskg',
      decimals: first?.kgCO2ePerMonth.decimals,
    },
    moneyPerMonth: [...money.values()].sort((a, b) => b.value! - a.value!),
  };
}

export interface CategoryGroup {
  category: string;
  rows: RecommendationRow[];
  totals: SavingsTotals;
}

const CATEGORY_ORDER = ['energy', 'infrastructure'];

/** Groups in a fixed order (energy, infrastructure, then others by name; uncategorised last), rows kept in their order. */
export function groupByCategory(rows: RecommendationRow[]): CategoryGroup[] {
  const groups = new Map<string, RecommendationRow[]>();
  for (const r of rows) {
    const c = r.category ?? '';
    groups.set(c, [...(groups.get(c) ?? []), r]);
  }
  const rank = (c: string) =>
    c === '' ? Infinity : CATEGORY_ORDER.includes(c) ? CATEGORY_ORDER.indexOf(c) : CATEGORY_ORDER.length;
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([category, rs]) => ({ category, rows: rs, totals: summariseSavings(rs) }));
}
