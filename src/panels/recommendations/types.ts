// Options of the recommendation cards panel, and how stored (possibly older) options are read.
import { SORT_KEYS, type SortKey } from '../../components/Recommendations';

export interface RecommendationsPanelOptions {
  sortBy: SortKey;
  /** Categories to show; empty shows all. */
  categories: string[];
  /** 0..1. */
  minConfidence: number;
  showSummary: boolean;
}

export const DEFAULT_PANEL_OPTIONS: RecommendationsPanelOptions = {
  sortBy: 'money',
  categories: [],
  minConfidence: 0,
  showSummary: true,
};

/** Fills gaps with defaults; an unknown sort (such as the first version's "savings") sorts by money. */
export function resolvePanelOptions(
  stored: Partial<RecommendationsPanelOptions> | undefined
): RecommendationsPanelOptions {
  const o = stored ?? {};
  const min = Number(o.minConfidence);
  return {
    sortBy: SORT_KEYS.includes(o.sortBy as SortKey) ? (o.sortBy as SortKey) : DEFAULT_PANEL_OPTIONS.sortBy,
    categories: Array.isArray(o.categories)
      ? o.categories.filter((c): c is string => typeof c === 'string' && c !== '')
      : [],
    minConfidence: Number.isFinite(min) ? Math.min(Math.max(min, 0), 1) : 0,
    showSummary: typeof o.showSummary === 'boolean' ? o.showSummary : DEFAULT_PANEL_OPTIONS.showSummary,
  };
}
