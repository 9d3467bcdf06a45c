// Recommendation cards shared by the cards panel and the app's pages.
export { RecommendationCard } from './RecommendationCard';
export { RecommendationGrid } from './RecommendationGrid';
export { SavingsSummary } from './SavingsSummary';
export { RecommendationsEmpty } from './RecommendationsEmpty';
export { recommendationsView } from './recommendationsView';
export type { RecommendationsView, EmptyReason } from './recommendationsView';
export { readRecommendations } from './recommendationRows';
export type { RecommendationRow, Figure } from './recommendationRows';
export { selectRecommendations, sortRecommendations, categoriesOf, SORT_KEYS } from './selectRecommendations';
export type { SortKey, SelectionOptions } from './selectRecommendations';
export { summariseSavings, groupByCategory } from './summariseSavings';
export type { SavingsTotals, CategoryGroup } from './summariseSavings';
export { buildExploreUrl } from './buildExploreUrl';
export { formatFigure } from './formatFigure';
export { categoryLabel, sortLabel } from './labels';
