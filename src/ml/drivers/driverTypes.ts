// The shapes of the driver model's public API (fitDriverModel, predictPowerAt), apart from the code that fits it.
import type { Series } from '../types';

export interface DriverModelOptions {
  /** Hour of day and day of week as features beside the drivers (default true). */
  calendar?: boolean;
  /** IANA time zone of the calendar features (default America/Sao_Paulo). */
  timeZone?: string;
  /** Trees in the ensemble, 1–200 (default 30). */
  trees?: number;
  /** Rows each tree is trained on, 16–1000 (default 128): the cost of a tree grows with its square. */
  rowsPerTree?: number;
  /** Deepest split, 1–16 (default 8). */
  maxDepth?: number;
  /** Most recent usable rows kept, 48–20,000 (default 5,040: 30 days hourly, 3.5 days at 1 minute). */
  maxRows?: number;
  /**
   * Share of the rows held out for the diagnostics and importance, 0.1–0.5 (default 0.2): every (1 / holdout)-th
   * of 20 blocks of consecutive rows, spread over the whole window.
   */
  holdout?: number;
  /** Shuffles per feature for the importance, 1–10 (default 3). */
  permutations?: number;
  /** Seed of the row sampling and shuffles (default 1): the same input gives the same model. */
  seed?: number;
}

export interface DriverModelInput {
  /** The consumption to explain, in any unit (watts for power): predictions come back in it. */
  power: Series;
  /** Named driver series on the power's timestamps, e.g. { 'GPU utilisation': …, 'inlet temperature': … }. */
  drivers: Record<string, Series>;
  options?: DriverModelOptions;
}

/** A driver series, or a calendar feature the model adds. */
export type DriverFeatureKind = 'driver' | 'calendar';

/** The calendar features' names, as they appear in `importance`. */
export const CALENDAR_FEATURES = ['hour of day', 'day of week'] as const;

export interface DriverImportance {
  /** The driver's name as given, or a name in CALENDAR_FEATURES. */
  feature: string;
  kind: DriverFeatureKind;
  /** Share of the summed importance, 0–1; the shares add up to 1 (all 0 when no feature helps). */
  share: number;
  /** How much the held-out mean absolute error rises, in the power's unit, when this feature is shuffled. */
  errorIncrease: number;
}

export interface DriverRange {
  min: number;
  median: number;
  max: number;
}

export interface DriverModelDiagnostics {
  /** Rows with power and every driver present (after leaving out rows beyond maxRows). */
  rows: number;
  /** Rows the held-out check trained on, and the rows (blocks spread over the window) it was scored on. */
  trainingRows: number;
  heldOutRows: number;
  /** Rows where the power or a driver was missing. */
  incompleteRows: number;
  /** Older complete rows beyond maxRows, left out. */
  rowsLeftOut: number;
  trees: number;
  rowsPerTree: number;
  maxDepth: number;
  /** Errors on the held-out rows, in the power's unit, of the model trained on the rows before them. */
  heldOut: { mae: number; rmse: number; r2: number };
  /** Held-out mean absolute error of always predicting the training rows' mean: what the drivers improve on. */
  baselineMae: number;
}

export interface DriverPredictInput {
  timestamps: ArrayLike<number>;
  /** One value per timestamp for every driver the model was fitted with. */
  drivers: Record<string, ArrayLike<number>>;
}

export interface DriverModel {
  /** Driver names, in the order given to fitDriverModel. */
  drivers: string[];
  calendar: boolean;
  timeZone: string;
  /** Every feature, most important first. */
  importance: DriverImportance[];
  diagnostics: DriverModelDiagnostics;
  /** Each driver's values in the data: trees predict at the nearest edge beyond it. */
  driverRanges: Record<string, DriverRange>;
  /** First and last timestamps of the rows used (ms epoch). */
  trainedFrom: number;
  trainedUntil: number;
  /** Power at the given times and driver values (fitted on every used row); NaN where a driver value is missing. */
  predict(input: DriverPredictInput): Float64Array;
}

export interface PlannedPower {
  timestamps: Float64Array;
  power: Float64Array;
  /** Mean of `power`. */
  mean: number;
  /** Drivers the plan did not set, held at their median in the data. */
  heldAtMedian: string[];
  /** Planned drivers outside the range seen in the data: the prediction is that of the nearest edge. */
  outsideRange: string[];
}
