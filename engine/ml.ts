// The engine's one door into the ML core (src/ml): forecasting, streaming anomaly scores, trends and energy.
// Keeping the imports here means a moved module is fixed in one line.
export { forecast } from '../src/ml';
export type { Forecast, Series } from '../src/ml';
export { StreamingAnomalyScorer } from '../src/ml/anomaly/streamingScorer';
export { isPeak, costOfEnergy, loadShiftSavings } from '../src/ml/energy/tariff';
export type { Tariff } from '../src/ml/energy/tariff';
export { kgCO2e } from '../src/ml/energy/emissions';
export { trend } from '../src/ml/trend/trend';
export { recommend } from '../src/ml/recommendations/recommend';
export type { Recommendation, RecommendationInput, RecommendationCategory } from '../src/ml/recommendations/types';
