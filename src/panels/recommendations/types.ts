export interface RecommendationsPanelOptions {
  sortBy: 'savings' | 'confidence' | 'category';
  minConfidence: number;
}
