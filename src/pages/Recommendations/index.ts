export { RecommendationsPage } from './RecommendationsPage';
export type { RecommendationsPageProps } from './RecommendationsPage';
