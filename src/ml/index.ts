// The ML core: pure TypeScript numbers-in, numbers-out, shared by the plugin bundle and the Node engine.
// It imports nothing from Grafana, React or Node. The five functions below are a stable contract.
// Every function throws only EcotiMlError on hostile input; series longer than MAX_SERIES_POINTS are
// refused before a point is read (score those with StreamingAnomalyScorer, in constant memory).
import { MODELS } from './forecast/candidates';

export type { Series, ForecastOptions, Forecast, AnomalyRegion, Trend, EcotiMlErrorCode } from './types';
export type {
  ForecastModelChoice,
  ForecastModelDescription,
  ForecastFallback,
  ForecastFallbackReason,
  ForecastNote,
  ForecastNoteCode,
} from './types';
export { EcotiMlError } from './types';
export { MAX_SERIES_POINTS } from './hygiene/checkInput';
export { forecast, MAX_HORIZON as MAX_FORECAST_HORIZON } from './forecast/forecast';
/** The display label of a forecast's model, notes and fallback (what `Forecast.method` holds). */
export { describeForecastModel } from './forecast/describeForecastModel';
/** The `method` option for a model choice, and how forecast() reads one: never parse `method` yourself. */
export { forecastMethodFor, readForecastMethod } from './forecast/method';
export type { ForecastMethodReading } from './forecast/method';
/** Methods forecast() accepts by name; it also takes `ensemble(a+b)` of the named ones, as auto reports it. */
export const FORECAST_METHODS: readonly string[] = Object.freeze(['auto', ...Object.keys(MODELS)]);
export { regularize, dominantStep } from './hygiene/regularize';
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
