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
  ForecastChallenger,
  ForecastChallenge,
} from './types';
export { EcotiMlError } from './types';
export { MAX_SERIES_POINTS } from './hygiene/checkInput';
export { forecast, MAX_HORIZON as MAX_FORECAST_HORIZON } from './forecast/forecast';
/** The display label of a forecast's model, notes and fallback (what `Forecast.method` holds). */
export { describeForecastModel } from './forecast/describeForecastModel';
/** The `method` option for a model choice, and how forecast() reads one: never parse `method` yourself. */
export { forecastMethodFor, readForecastMethod, forecastMethodProblem } from './forecast/method';
/** Seconds until a forecast path reaches a threshold, per bound (the preview's and ecoti_time_to_threshold_seconds' rule). */
export { timeToThreshold } from './forecast/timeToThreshold';
export type { ForecastPath, ThresholdBound, ThresholdDirection } from './forecast/timeToThreshold';
export type { ForecastMethodReading } from './forecast/method';
/** Methods forecast() accepts by name; it also takes `ensemble(a+b)` of the named ones, as auto reports it. */
export const FORECAST_METHODS: readonly string[] = Object.freeze(['auto', ...Object.keys(MODELS)]);
export { regularize, dominantStep } from './hygiene/regularize';
export { fillGaps } from './hygiene/fillGaps';
export { counterIncrease, counterIncreases, looksLikeCounter } from './hygiene/counter';
export { detectSeasonalities } from './seasonality/detectSeasonalities';
export { scoreAnomalies, StreamingAnomalyScorer } from './anomaly/scoreAnomalies';
export type { StreamingAnomalyOptions } from './anomaly/scoreAnomalies';
/** The streaming scorer's defaults, as chosen by the NAB cross-validation (bench/nab). */
export { STREAMING_ANOMALY_DEFAULTS } from './anomaly/streamingScorer';
export { detectAnomalies } from './anomaly/detectAnomalies';
export { trend } from './trend/trend';
export { recommend } from './recommendations/recommend';
/** A month's energy of a constant load as the recommendation rules count it (730 h): their savings' denominator. */
export { facilityKWhPerMonth, HOURS_PER_MONTH, kWhPerMonth } from './recommendations/savings';
export type {
  Recommendation,
  RecommendationInput,
  HostSignals,
  SiteConstants,
  RecommendationCategory,
} from './recommendations/types';
/** Recommendations' texts as message keys with typed values (for translation), and their English templates. */
export { RULE_MESSAGES, renderEnglish, fillTemplate } from './recommendations/messages';
export type {
  RuleMessage,
  RuleMessageKey,
  MessageValue,
  MessageUnit,
  RecommendationMessages,
} from './recommendations/messages';
// Energy, tariff and carbon: the one home of the arithmetic behind every kWh, price and kgCO2e the plugin and
// the engine report (units, power or counters to energy, a forecast band to energy, cost and emissions).
export { averageWatts, JOULES_PER_KWH, kWhOf, MS_PER_HOUR, W_MS_PER_KWH } from './energy/units';
export { powerToEnergy } from './energy/powerToEnergy';
export { counterReadingWatts, counterToEnergy, kWhPerCounterUnit } from './energy/counterToEnergy';
export type { EnergyCounterUnit } from './energy/counterToEnergy';
export { stepPower } from './energy/energySteps';
export type { EnergySteps } from './energy/energySteps';
export { costOfEnergy, costOfSplit, flatLoadPricePerKWh, isPeak, loadShiftSavings, priceAt } from './energy/tariff';
export type { EnergyCost, Tariff } from './energy/tariff';
export { facilityKWh, kgCO2e } from './energy/emissions';
export {
  bandCost,
  bandEmissions,
  bandEnergy,
  bandKWh,
  BOUNDS,
  perBound,
  perWattFactor,
  pueFor,
  stepMiddle,
} from './energy/forecastEnergy';
export type {
  BandEnergy,
  Bound,
  EnergyScope,
  EnergySite,
  EnergyTarget,
  PerBound,
  PowerBand,
} from './energy/forecastEnergy';
// Host identity and site signals: which series are one machine, and what the recommendation rules are given.
export { DEFAULT_HOST_LABELS, hostName, sensorName } from './hosts/hostIdentity';
export { utilisationFraction } from './hosts/utilisation';
export { sumSeries } from './hosts/sitePower';
export { recommendationInput } from './hosts/siteSignals';
export type { NamedSeries, SiteSignals } from './hosts/siteSignals';
// The one quantile definition (type 7).
export { median, quantile } from './stats/quantile';
// What drives consumption: power from its driver series and the calendar (bagged ml-cart trees), each driver's
// share by permutation on held-out hours, and power at planned driver values.
export { CALENDAR_FEATURES, fitDriverModel, predictPowerAt } from './drivers/driverModel';
export type {
  DriverFeatureKind,
  DriverImportance,
  DriverModel,
  DriverModelDiagnostics,
  DriverModelInput,
  DriverModelOptions,
  DriverPredictInput,
  DriverRange,
  PlannedPower,
} from './drivers/driverModel';
/** Bagged regression trees in flat arrays (the driver model's, also the fleet bench's global forest peer). */
export { fitForest, predictForest } from './drivers/forest';
export type { Forest, ForestOptions } from './drivers/forest';
export { closestName, didYouMean } from './text/didYouMean';
export { mulberry32 } from './stats/mulberry32';
