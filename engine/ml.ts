// The engine's one door into the ML core (src/ml), through its public index like every other caller:
// forecasting and its typed model description, streaming anomaly scores, trends, recommendation rules and the
// energy/tariff helpers. eslint refuses any other engine import of src/ml.
export {
  describeForecastModel,
  EcotiMlError,
  forecast,
  FORECAST_METHODS,
  forecastMethodFor,
  MAX_FORECAST_HORIZON,
  readForecastMethod,
  recommend,
  StreamingAnomalyScorer,
  trend,
} from '../src/ml';
export type {
  Forecast,
  ForecastModelChoice,
  Series,
  Recommendation,
  RecommendationInput,
  RecommendationCategory,
} from '../src/ml';
export { isPeak, costOfEnergy, loadShiftSavings } from '../src/ml/energy/tariff';
export type { Tariff } from '../src/ml/energy/tariff';
export { kgCO2e } from '../src/ml/energy/emissions';
