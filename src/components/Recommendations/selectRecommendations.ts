// Which recommendations a view shows and in what order: the panel's (or page's) category filter,
// minimum confidence and sort, with counts of what each filter hid so an empty view can say why.
import type { RecommendationRow } from './recommendationRows';

export type SortKey = 'money' | 'kWh' | 'kgCO2e' | 'confidence';
export const SORT_KEYS: SortKey[] = ['money', 'kWh', 'kgCO2e', 'confidence'];

export interface SelectionOptions {
  sortBy: SortKey;
  /** Categories to show; empty shows all. */
  categories: string[];
  /** 0..1; rows without a confidence are shown only when this is 0. */
  minConfidence: number;
}

export interface Selection {
  shown: RecommendationRow[];
  hiddenByCategory: number;
  hiddenByConfidence: number;
}

export function selectRecommendations(rows: RecommendationRow[], options: SelectionOptions): Selection {
  const categories = new Set(options.categories);
  let hiddenByCategory = 0;
  let hiddenByConfidence = 0;
  const shown: RecommendationRow[] = [];
  for (const row of rows) {
    if (categories.size && !categories.has(row.category ?? '')) {
      hiddenByCategory++;
    } else if (options.minConfidence > 0 && (row.confidence === null || row.confidence < options.minConfidence)) {
      hiddenByConfidence++;
    } else {
      shown.push(row);
    }
  }
  return { shown: sortRecommendations(shown, options.sortBy), hiddenByCategory, hiddenByConfidence };
}

/** Largest first; rows without the figure last; ties by money, then title, so the order is stable. */
export function sortRecommendations(rows: RecommendationRow[], sortBy: SortKey): RecommendationRow[] {
  const key = sortValue(sortBy);
  return [...rows].sort(
    (a, b) =>
      descending(key(a), key(b)) ||
      descending(a.moneyPerMonth.value, b.moneyPerMonth.value) ||
      a.title.localeCompare(b.title)
  );
}

function sortValue(sortBy: SortKey): (r: RecommendationRow) => number | null {
  switch (sortBy) {
    case 'kWh':
      return (r) => r.kWhPerMonth.value;
    case 'kgCO2e':
      return (r) => r.kgCO2ePerMonth.value;
    case 'confidence':
      return (r) => r.confidence;
    default:
      return (r) => r.moneyPerMonth.value;
  }
}

function descending(a: number | null, b: number | null): number {
  if (a === null || b === null) {
    return a === b ? 0 : a === null ? 1 : -1;
  }
  return b - a;
}

/** Categories present in the rows, known ones first, for the category filter's choices. */
export function categoriesOf(rows: RecommendationRow[]): string[] {
  const known = ['energy', 'infrastructure'];
  const found = new Set(rows.map((r) => r.category).filter((c): c is string => Boolean(c)));
  return [...known, ...[...found].filter((c) => !known.includes(c)).sort()];
}
