// The ML core: pure TypeScript numbers-in, numbers-out, shared by the plugin bundle and the Node engine.
// It imports nothing from Grafana, React or Node. The five functions below are a stable contract.
export type { Series, ForecastOptions, Forecast, AnomalyRegion, Trend, EcotiMlErrorCode } from './types';
export { EcotiMlError } from './types';
export { forecast } from './forecast/forecast';
export { regularize } from './hygiene/regularize';
export { fillGaps } from './hygiene/fillGaps';
export { counterIncreases, looksLikeCounter } from './hygiene/counter';
export { detectSeasonalities } from './seasonality/detectSeasonalities';
export { scoreAnomalies, StreamingAnomalyScorer } from './anomaly/scoreAnomalies';
export type { StreamingAnomalyOptions } from './anomaly/scoreAnomalies';
export { detectAnomalies } from './anomaly/detectAnomalies';
export { trend } from './trend/trend';
export { recommend } from './recommendations/recommend';
export type {
  Recommendation,
  RecommendationInput,
  HostSignals,
  SiteConstants,
  RecommendationCategory,
} from './recommendations/types';
