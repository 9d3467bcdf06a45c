// Options of the recommendation cards panel, and how stored (possibly older) options are read.
import { SORT_KEYS, type SortKey } from '../../components/Recommendations';

export interface RecommendationsPanelOptions {
  sortBy: SortKey;
  /** Categories to show; empty shows all. */
  categories: string[];
  /** 0..1. */
  minConfidence: number;
  showSummary: boolean;
  /** Most cards rendered, in the sort order; the summary still counts every recommendation. */
  maxCards: number;
}

/** A card is 17–33 DOM nodes: 100 keep a panel light, where 5,000 rows rendered 85,000 nodes or more. */
export const DEFAULT_MAX_CARDS = 100;
/** The option's ceiling, so that no setting brings the 85,000 nodes back. */
export const MAX_CARDS_LIMIT = 500;

export const DEFAULT_PANEL_OPTIONS: RecommendationsPanelOptions = {
  sortBy: 'money',
  categories: [],
  minConfidence: 0,
  showSummary: true,
  maxCards: DEFAULT_MAX_CARDS,
};

/** Fills gaps with defaults; an unknown sort (such as the first version's "savings") sorts by money. */
export function resolvePanelOptions(
  stored: Partial<RecommendationsPanelOptions> | undefined
): RecommendationsPanelOptions {
  const o = stored ?? {};
  const min = Number(o.minConfidence);
  const max = Number(o.maxCards);
  return {
    sortBy: SORT_KEYS.includes(o.sortBy as SortKey) ? (o.sortBy as SortKey) : DEFAULT_PANEL_OPTIONS.sortBy,
    categories: Array.isArray(o.categories)
      ? o.categories.filter((c): c is string => typeof c === 'string' && c !== '')
      : [],
    minConfidence: Number.isFinite(min) ? Math.min(Math.max(min, 0), 1) : 0,
    showSummary: typeof o.showSummary === 'boolean' ? o.showSummary : DEFAULT_PANEL_OPTIONS.showSummary,
    // Panels saved before the option existed (undefined) get the default.
    maxCards:
      o.maxCards !== undefined && o.maxCards !== null && Number.isFinite(max)
        ? Math.min(Math.max(Math.floor(max), 1), MAX_CARDS_LIMIT)
        : DEFAULT_MAX_CARDS,
  };
}
