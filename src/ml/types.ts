// Shapes of the ML core's public API. Stable: the data source, the engine and outside benchmarks call them.

/** A time series: ms epoch timestamps, ascending; NaN marks a missing value. */
export interface Series {
  timestamps: ArrayLike<number>;
  values: ArrayLike<number>;
}

export interface ForecastOptions {
  /** Number of steps (at the series' dominant step) to forecast. */
  horizon: number;
  /** Prediction interval level, default 0.95. */
  level?: number;
  method?: 'auto' | 'linear' | 'seasonal-naive' | 'holt-winters' | string;
  /** Seasonal periods in steps; default: detected from the data. */
  seasonalities?: number[];
}

export interface Forecast {
  timestamps: number[];
  mean: number[];
  lower: number[];
  upper: number[];
  /**
   * Display label of `model`, `notes` and `fallback`, built by describeForecastModel(), e.g.
   * "seasonal-naive (12 missing step(s); fallback: 40 points are too few to backtest)". Kept for display
   * and compatibility: read the typed fields below instead of parsing it.
   */
  method: string;
  seasonalities: number[];
  /** The model that produced this forecast (after any fallback). */
  model: ForecastModelDescription;
  /** Present when the requested or chosen model could not be used and seasonal naive stood in. */
  fallback?: ForecastFallback;
  /** What was repaired or left out of the input before fitting, in order. */
  notes: ForecastNote[];
  /** Present when a challenger was passed to forecast() with method auto: how it fared against auto's choice. */
  challenge?: ForecastChallenge;
}

/**
 * A model trained outside the series (e.g. the engine's fleet model, learned across many series) that
 * forecast() backtests at auto's own origins. It must not have been trained on values at or after the backtest
 * origins it is scored on: the caller guarantees that.
 */
export interface ForecastChallenger {
  /** The name a forecast reports when the challenger is used; `method: name` uses it without competing. */
  name: string;
  /**
   * `horizon` steps after `history` (the regularised series up to an origin, its last point at `lastTime`, ms,
   * steps of `stepMs`), or null when it cannot forecast this history (too short, step not supported).
   */
  predict(history: Float64Array, horizon: number, lastTime: number, stepMs: number): Float64Array | null;
}

/** The challenger's, auto's choice's and their average's weighted backtest errors at the same origins; the lowest is used. */
export interface ForecastChallenge {
  name: string;
  /** Summed absolute backtest error, weighted per origin as auto weighs its candidates (NaN: could not forecast). */
  error: number;
  /** The same for auto's chosen model or ensemble. */
  autoError: number;
  /** The same for the average of the two (NaN when averaging is off or the challenger could not forecast). */
  averagedError: number;
  /** The challenger is in the forecast: alone, or averaged with auto's choice when `averaged`. */
  used: boolean;
  averaged: boolean;
}

/**
 * A forecasting model as forecast() names it: one model (`name` is a model name, as in FORECAST_METHODS), or
 * an ensemble averaging several (`name` is 'ensemble', its members in `components`). forecastMethodFor()
 * turns it into the `method` option that refits the same model without `auto`'s search.
 */
export interface ForecastModelChoice {
  name: string;
  components?: string[];
}

export interface ForecastModelDescription extends ForecastModelChoice {
  /** Seasonal periods in steps the model was fitted with. */
  seasonalities: number[];
}

/** too-short: the history is shorter than the model (or auto's backtest) needs; not-converged: it gave non-finite numbers. */
export type ForecastFallbackReason = 'too-short' | 'not-converged';

export interface ForecastFallback {
  /** What was asked for (name 'auto' when auto could not backtest) or chosen before falling back. */
  from: ForecastModelChoice;
  reason: ForecastFallbackReason;
  /** Points of history the model had. */
  points: number;
}

/**
 * infinite-values: ±Infinity read as missing; unsorted-timestamps: points out of time order, sorted;
 * merged-points: points sharing a step, averaged; missing-steps: steps with no observation, filled;
 * history-truncated: older steps left out of training; values-clipped: extreme values clipped.
 */
export type ForecastNoteCode =
  | 'infinite-values'
  | 'unsorted-timestamps'
  | 'merged-points'
  | 'missing-steps'
  | 'history-truncated'
  | 'values-clipped';

export interface ForecastNote {
  code: ForecastNoteCode;
  /** How many values, points or steps the note is about (for history-truncated: the steps left out). */
  count: number;
  /** The note in words, as it appears in `method`. */
  message: string;
}

export interface AnomalyRegion {
  start: number;
  end: number;
  score: number;
  expected: number;
  actual: number;
  reason: string;
}

export interface Trend {
  slopePerDay: number;
  lower: number;
  upper: number;
  /** Timestamps of detected change points. */
  changepoints: number[];
}

/**
 * Why an input cannot be analysed at all. Everything else degrades with a note instead of throwing.
 * BAD_INPUT: not a series (null, not an object, timestamps/values not arrays); TOO_LONG: more than
 * MAX_SERIES_POINTS points; OUT_OF_RANGE: the result would not fit in a double (beyond ±1.8e308).
 */
export type EcotiMlErrorCode =
  'EMPTY_SERIES' | 'LENGTH_MISMATCH' | 'BAD_OPTION' | 'BAD_INPUT' | 'TOO_LONG' | 'OUT_OF_RANGE';

/** The only error the ML core throws: typed, with a message a user can act on. */
export class EcotiMlError extends Error {
  constructor(
    readonly code: EcotiMlErrorCode,
    message: string
  ) {
    super(message);
    this.name = 'EcotiMlError';
  }
}
