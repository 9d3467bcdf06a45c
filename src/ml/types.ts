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
  /** The method used; says when it fell back to a simpler one, e.g. "seasonal-naive (fallback: 40 points)". */
  method: string;
  seasonalities: number[];
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
