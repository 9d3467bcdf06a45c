// The engine's one door into the ML core (src/ml): forecasting, streaming anomaly scores, trends, recommendation
// rules (the stable public API in src/ml/index.ts) and the energy/tariff helpers (src/ml/energy).
export { forecast, StreamingAnomalyScorer, trend, recommend } from '../src/ml';
export type { Forecast, Series, Recommendation, RecommendationInput, RecommendationCategory } from '../src/ml';
export { isPeak, costOfEnergy, loadShiftSavings } from '../src/ml/energy/tariff';
export type { Tariff } from '../src/ml/energy/tariff';
export { kgCO2e } from '../src/ml/energy/emissions';
