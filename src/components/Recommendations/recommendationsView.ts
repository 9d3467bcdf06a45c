// From a view's frames and options to what it renders: the cards and their totals, or the reason
// it has none (no data, a failed query, nothing to recommend, the wrong fields, or its own filters).
import type { DataFrame, DataQueryError } from '@grafana/data';
import { readRecommendations, RecommendationRow, RecommendationsRead } from './recommendationRows';
import { selectRecommendations, SelectionOptions } from './selectRecommendations';
import { SavingsTotals, summariseSavings } from './summariseSavings';

export type EmptyReason =
  | Exclude<RecommendationsRead, { status: 'ok' }>
  | {
      status: 'filtered';
      total: number;
      hiddenByCategory: number;
      hiddenByConfidence: number;
      minConfidence: number;
      categories: string[];
    };

export type RecommendationsView =
  | { kind: 'cards'; rows: RecommendationRow[]; totals: SavingsTotals; total: number; hidden: number }
  | { kind: 'empty'; reason: EmptyReason };

export function recommendationsView(
  frames: DataFrame[] | undefined,
  errors: DataQueryError[] | undefined,
  options: SelectionOptions
): RecommendationsView {
  const read = readRecommendations(frames, errors);
  if (read.status !== 'ok') {
    return { kind: 'empty', reason: read };
  }
  const selection = selectRecommendations(read.rows, options);
  if (selection.shown.length === 0) {
    return {
      kind: 'empty',
      reason: {
        status: 'filtered',
        total: read.rows.length,
        hiddenByCategory: selection.hiddenByCategory,
        hiddenByConfidence: selection.hiddenByConfidence,
        minConfidence: options.minConfidence,
        categories: options.categories,
      },
    };
  }
  return {
    kind: 'cards',
    rows: selection.shown,
    totals: summariseSavings(selection.shown),
    total: read.rows.length,
    hidden: read.rows.length - selection.shown.length,
  };
}
