// The engine's one door into the ML core (src/ml), through its public index like every other caller:
// forecasting and its typed model description, the time until a forecast path crosses a threshold, streaming
// anomaly scores, trends, recommendation rules and the energy/tariff helpers. eslint refuses any other engine import of src/ml.
export {
  DEFAULT_HOST_LABELS,
  describeForecastModel,
  EcotiMlError,
  forecast,
  FORECAST_METHODS,
  forecastMethodFor,
  MAX_FORECAST_HORIZON,
  forecastMethodProblem,
  mulberry32,
  readForecastMethod,
  recommend,
  didYouMean,
  StreamingAnomalyScorer,
  STREAMING_ANOMALY_DEFAULTS,
  timeToThreshold,
  trend,
} from '../src/ml';
export type {
  Forecast,
  ForecastChallenge,
  ForecastChallenger,
  ForecastModelChoice,
  Series,
  Recommendation,
  RecommendationInput,
  RecommendationCategory,
} from '../src/ml';
// Energy, tariff, carbon and host grouping: the ML core's one home for them, shared with the data source.
export {
  bandCost,
  bandEmissions,
  bandEnergy,
  bandKWh,
  BOUNDS,
  averageWatts,
  counterIncrease,
  counterReadingWatts,
  costOfSplit,
  facilityKWh,
  isPeak,
  kWhOf,
  kWhPerCounterUnit,
  loadShiftSavings,
  MS_PER_HOUR,
  perBound,
  pueFor,
  recommendationInput,
  stepMiddle,
} from '../src/ml';
export type { Bound, EnergyCost, EnergyCounterUnit, NamedSeries, PerBound, PowerBand, Tariff } from '../src/ml';
