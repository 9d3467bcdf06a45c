// What drives consumption: power modelled from its driver series (CPU or GPU utilisation, inlet temperature, …)
// and the calendar with a bagged ensemble of CART trees, the share of each driver measured by permutation on
// held-out hours, and power predicted at planned driver values ("what if the GPUs ran at 80 %?").
import { asFloat64, checkNumbers, checkOptions, checkSeries, show } from '../hygiene/checkInput';
import { assertTimeZone, DEFAULT_TIME_ZONE, localClock } from '../energy/localTime';
import { quantileOfSorted, sortedFinite } from '../stats/quantile';
import { EcotiMlError, Series } from '../types';
import { fitForest, Forest, predictForest } from './forest';
import { permutationImportance, scorePredictions } from './importance';

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

const MIN_ROWS = 48;
const HOLDOUT_BLOCKS = 20;
const MAX_DRIVERS = 16;
const HOUR_MS = 3_600_000;
/** predictPowerAt's default times: the week after the data, hourly, so every hour of every weekday counts once. */
const PLAN_HOURS = 168;

const DEFAULTS = {
  calendar: true,
  timeZone: DEFAULT_TIME_ZONE,
  trees: 30,
  rowsPerTree: 128,
  maxDepth: 8,
  maxRows: 5040,
  holdout: 0.2,
  permutations: 3,
  seed: 1,
};

/**
 * Fits power from its drivers and the calendar. Throws EcotiMlError when the input cannot be modelled: no
 * drivers, a driver on another time grid (LENGTH_MISMATCH), a driver or the power without a single value, fewer
 * than 48 rows where power and every driver are present, or an option out of range (BAD_OPTION).
 */
export function fitDriverModel(input: DriverModelInput): DriverModel {
  if (input === null || typeof input !== 'object') {
    throw new EcotiMlError('BAD_INPUT', `fitDriverModel needs { power, drivers }, got ${show(input)}.`);
  }
  const o = readOptions(input.options);
  const n = checkSeries(input.power, 'The power series');
  const timestamps = asFloat64(input.power.timestamps);
  const power = asFloat64(input.power.values);
  for (let i = 1; i < n; i++) {
    if (!(timestamps[i] > timestamps[i - 1])) {
      throw new EcotiMlError(
        'BAD_INPUT',
        `The power series' timestamps must be finite and ascending; they are not at point ${i}.`
      );
    }
  }
  if (!power.some(Number.isFinite)) {
    throw new EcotiMlError('EMPTY_SERIES', 'The power series has no values: nothing to explain.');
  }
  const names = readDriverNames(input.drivers);
  const driverValues = names.map((name) => checkDriver(name, input.drivers[name], timestamps));
  const features = names.length + (o.calendar ? CALENDAR_FEATURES.length : 0);

  // Complete rows (power and every driver present), the latest maxRows of them.
  const complete: number[] = [];
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(power[i]) && driverValues.every((v) => Number.isFinite(v[i]))) {
      complete.push(i);
    }
  }
  if (complete.length < MIN_ROWS) {
    throw new EcotiMlError(
      'BAD_INPUT',
      `Only ${complete.length} time(s) have the power and every driver (${names.join(', ')}); the driver model ` +
        `needs at least ${MIN_ROWS}. Widen the time range, or leave out a driver with gaps.`
    );
  }
  const used = complete.slice(-o.maxRows);
  const rows = used.length;
  checkMagnitude('The power series', power, used);
  names.forEach((name, d) => checkMagnitude(`Driver "${name}"`, driverValues[d], used));
  const x = new Float64Array(rows * features);
  const y = new Float64Array(rows);
  used.forEach((i, r) => {
    y[r] = power[i];
    writeFeatures(x, r, features, driverValues, i, timestamps[i], o);
  });

  // Held out: every k-th of 20 blocks of consecutive rows (k = 1 / holdout), so that the check sees busy and idle
  // stretches from the whole window, not only its end, which may be all idle (and then says nothing).
  const { training, heldOut: held } = blockedSplit(rows, o.holdout);
  const trainingRows = training.length;
  const heldOutRows = held.length;
  const forestOptions = {
    trees: o.trees,
    rowsPerTree: o.rowsPerTree,
    maxDepth: o.maxDepth,
    minLeafRows: 5,
    seed: o.seed,
  };
  const check = fitForest(x, features, y, training, forestOptions);
  const heldX = new Float64Array(heldOutRows * features);
  const heldY = new Float64Array(heldOutRows);
  held.forEach((r, k) => {
    heldX.set(x.subarray(r * features, (r + 1) * features), k * features);
    heldY[k] = y[r];
  });
  const heldOut = scorePredictions(heldY, predictForest(check, heldX, heldOutRows));
  let trainingMean = 0;
  for (const r of training) {
    trainingMean += y[r] / trainingRows;
  }
  let baselineMae = 0;
  for (let k = 0; k < heldOutRows; k++) {
    baselineMae += Math.abs(heldY[k] - trainingMean) / heldOutRows;
  }
  const rise = permutationImportance(check, heldX, heldY, heldOut.mae, o.permutations, o.seed + 1);
  const featureNames = [...names, ...(o.calendar ? CALENDAR_FEATURES : [])];
  const importance = rankImportance(featureNames, names.length, rise);

  // The model that predicts learns from every row, the held-out ones (the latest) included.
  const forest = fitForest(x, features, y, range(0, rows), { ...forestOptions, seed: o.seed + 2 });
  // Built with fromEntries: a driver named like an Object.prototype member ("__proto__") stays an own entry.
  const driverRanges: Record<string, DriverRange> = Object.fromEntries(
    names.map((name, d) => [name, rangeOf(Float64Array.from(used, (i) => driverValues[d][i]))])
  );

  return {
    drivers: names,
    calendar: o.calendar,
    timeZone: o.timeZone,
    importance,
    diagnostics: {
      rows,
      trainingRows,
      heldOutRows,
      incompleteRows: n - complete.length,
      rowsLeftOut: complete.length - rows,
      trees: o.trees,
      rowsPerTree: Math.min(o.rowsPerTree, rows),
      maxDepth: o.maxDepth,
      heldOut,
      baselineMae,
    },
    driverRanges,
    trainedFrom: timestamps[used[0]],
    trainedUntil: timestamps[used[rows - 1]],
    predict: (at) => predictWith(forest, names, o, at),
  };
}

/**
 * Power at planned driver values, e.g. predictPowerAt(model, { 'GPU utilisation': 80 }): each planned driver
 * held at its value at every time, the drivers not planned at their median in the data. The times default to
 * the week after the data, hourly, so that the mean weighs every hour of every weekday once.
 */
export function predictPowerAt(
  model: DriverModel,
  planned: Record<string, number>,
  timestamps?: ArrayLike<number>
): PlannedPower {
  if (planned === null || typeof planned !== 'object' || Array.isArray(planned)) {
    throw new EcotiMlError('BAD_OPTION', `The plan must map driver names to values, got ${show(planned)}.`);
  }
  for (const [name, value] of Object.entries(planned)) {
    if (!model.drivers.includes(name)) {
      throw new EcotiMlError(
        'BAD_OPTION',
        `The model has no driver "${name}"; it was fitted with ${model.drivers.map((d) => `"${d}"`).join(', ')}.`
      );
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new EcotiMlError(
        'BAD_OPTION',
        `The planned value of "${name}" must be a finite number, got ${show(value)}.`
      );
    }
  }
  const times =
    timestamps === undefined
      ? Float64Array.from(
          { length: PLAN_HOURS },
          (_, k) => (Math.floor(model.trainedUntil / HOUR_MS) + 1 + k) * HOUR_MS
        )
      : asFloat64(timestamps);
  checkNumbers(times, 'The plan timestamps');
  const heldAtMedian: string[] = [];
  const outsideRange: string[] = [];
  const columns = model.drivers.map((name): [string, Float64Array] => {
    const r = model.driverRanges[name];
    const isPlanned = Object.prototype.hasOwnProperty.call(planned, name);
    const value = isPlanned ? planned[name] : r.median;
    if (!isPlanned) {
      heldAtMedian.push(name);
    } else if (value < r.min || value > r.max) {
      outsideRange.push(name);
    }
    return [name, new Float64Array(times.length).fill(value)];
  });
  const power = model.predict({ timestamps: times, drivers: Object.fromEntries(columns) });
  let sum = 0;
  for (let i = 0; i < power.length; i++) {
    sum += power[i];
  }
  return { timestamps: times, power, mean: power.length ? sum / power.length : NaN, heldAtMedian, outsideRange };
}

type Options = typeof DEFAULTS;

function predictWith(forest: Forest, names: string[], o: Options, input: DriverPredictInput): Float64Array {
  if (input === null || typeof input !== 'object' || input.drivers === null || typeof input.drivers !== 'object') {
    throw new EcotiMlError('BAD_INPUT', `predict needs { timestamps, drivers }, got ${show(input)}.`);
  }
  const n = checkNumbers(input.timestamps, 'The prediction timestamps');
  const timestamps = asFloat64(input.timestamps);
  const values = names.map((name) => {
    const v = Object.prototype.hasOwnProperty.call(input.drivers, name) ? input.drivers[name] : undefined;
    if (v === undefined) {
      throw new EcotiMlError(
        'BAD_INPUT',
        `predict needs a value of every driver; "${name}" is missing (the model has ${names.join(', ')}).`
      );
    }
    if (checkNumbers(v, `Driver "${name}"`) !== n) {
      throw new EcotiMlError('LENGTH_MISMATCH', `Driver "${name}" has ${v.length} values for ${n} timestamps.`);
    }
    return asFloat64(v);
  });
  const features = forest.features;
  const x = new Float64Array(n * features);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(timestamps[i])) {
      throw new EcotiMlError('BAD_INPUT', `Prediction timestamp ${i} is ${show(timestamps[i])}, not a date.`);
    }
    writeFeatures(x, i, features, values, i, timestamps[i], o);
  }
  return predictForest(forest, x, n);
}

/** Row `r` of `x`: the drivers' values at point `i`, then the local hour and weekday. */
function writeFeatures(
  x: Float64Array,
  r: number,
  features: number,
  drivers: Float64Array[],
  i: number,
  time: number,
  o: Options
): void {
  const base = r * features;
  for (let d = 0; d < drivers.length; d++) {
    x[base + d] = drivers[d][i];
  }
  if (o.calendar) {
    const clock = localClock(time, o.timeZone);
    x[base + drivers.length] = clock.hour;
    x[base + drivers.length + 1] = clock.weekday;
  }
}

function rankImportance(names: string[], drivers: number, rise: Float64Array): DriverImportance[] {
  // A feature whose shuffling does not hurt (or helps, by chance) explains nothing: 0, not a negative share.
  const kept = Array.from(rise, (v) => (v > 0 ? v : 0));
  const total = kept.reduce((a, b) => a + b, 0);
  return names
    .map((feature, f) => ({
      feature,
      kind: (f < drivers ? 'driver' : 'calendar') as DriverFeatureKind,
      share: total > 0 ? kept[f] / total : 0,
      errorIncrease: kept[f],
    }))
    .sort((a, b) => b.share - a.share || (a.kind === b.kind ? 0 : a.kind === 'driver' ? -1 : 1));
}

function readDriverNames(drivers: unknown): string[] {
  if (drivers === null || typeof drivers !== 'object' || Array.isArray(drivers)) {
    throw new EcotiMlError(
      'BAD_INPUT',
      `The drivers must map names to series, e.g. { 'CPU utilisation': series }, got ${show(drivers)}.`
    );
  }
  const names = Object.keys(drivers);
  if (names.length === 0) {
    throw new EcotiMlError(
      'BAD_INPUT',
      'The driver model needs at least one driver series (CPU or GPU utilisation, inlet temperature) beside the power.'
    );
  }
  if (names.length > MAX_DRIVERS) {
    throw new EcotiMlError(
      'BAD_INPUT',
      `${names.length} drivers given; the driver model takes at most ${MAX_DRIVERS}.`
    );
  }
  return names;
}

function checkDriver(name: string, series: Series, timestamps: Float64Array): Float64Array {
  const what = `Driver "${name}"`;
  const n = checkSeries(series, what);
  if (n !== timestamps.length) {
    throw new EcotiMlError(
      'LENGTH_MISMATCH',
      `${what} has ${n} points but the power has ${timestamps.length}: give every driver on the power's ` +
        'timestamps (query them over the same range and step).'
    );
  }
  for (let i = 0; i < n; i++) {
    if (series.timestamps[i] !== timestamps[i]) {
      throw new EcotiMlError(
        'LENGTH_MISMATCH',
        `${what} is on another time grid than the power (point ${i}: ${show(series.timestamps[i])} against ` +
          `${timestamps[i]}): give every driver on the power's timestamps (query them over the same range and step).`
      );
    }
  }
  const values = asFloat64(series.values);
  if (!values.some(Number.isFinite)) {
    throw new EcotiMlError('BAD_INPUT', `${what} has no values: leave it out, or check its query.`);
  }
  return values;
}

function readOptions(options: DriverModelOptions | undefined): Options {
  const given = checkOptions(options, 'The driver model options');
  const o: Options = { ...DEFAULTS };
  if (given.calendar !== undefined) {
    if (typeof given.calendar !== 'boolean') {
      throw new EcotiMlError('BAD_OPTION', `calendar must be true or false, got ${show(given.calendar)}.`);
    }
    o.calendar = given.calendar;
  }
  if (given.timeZone !== undefined) {
    if (typeof given.timeZone !== 'string') {
      throw new EcotiMlError('BAD_OPTION', `timeZone must be an IANA name, got ${show(given.timeZone)}.`);
    }
    assertTimeZone(given.timeZone);
    o.timeZone = given.timeZone;
  }
  o.trees = integerOption('trees', given.trees, 1, 200, o.trees);
  o.rowsPerTree = integerOption('rowsPerTree', given.rowsPerTree, 16, 1000, o.rowsPerTree);
  o.maxDepth = integerOption('maxDepth', given.maxDepth, 1, 16, o.maxDepth);
  o.maxRows = integerOption('maxRows', given.maxRows, MIN_ROWS, 20_000, o.maxRows);
  o.permutations = integerOption('permutations', given.permutations, 1, 10, o.permutations);
  o.seed = integerOption('seed', given.seed, 0, 2 ** 31 - 1, o.seed);
  if (given.holdout !== undefined) {
    if (!(typeof given.holdout === 'number' && given.holdout >= 0.1 && given.holdout <= 0.5)) {
      throw new EcotiMlError('BAD_OPTION', `holdout must be between 0.1 and 0.5, got ${show(given.holdout)}.`);
    }
    o.holdout = given.holdout;
  }
  return o;
}

function integerOption(name: string, value: unknown, min: number, max: number, fallback: number): number {
  if (value === undefined) {
    return fallback;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new EcotiMlError('BAD_OPTION', `${name} must be a whole number from ${min} to ${max}, got ${show(value)}.`);
  }
  return value;
}

/** Sums of squares of larger values overflow a double inside the trees' split search. */
const MAX_MAGNITUDE = 1e100;

function checkMagnitude(what: string, values: Float64Array, used: number[]): void {
  for (const i of used) {
    if (Math.abs(values[i]) > MAX_MAGNITUDE) {
      throw new EcotiMlError(
        'OUT_OF_RANGE',
        `${what} holds ${values[i]}, too large to model: rescale it (e.g. to kW) and try again.`
      );
    }
  }
}

function rangeOf(values: Float64Array): DriverRange {
  const sorted = sortedFinite(values);
  return { min: sorted[0], median: quantileOfSorted(sorted, 0.5), max: sorted[sorted.length - 1] };
}

/** Rows of the held-out blocks and of the others, each in time order. */
function blockedSplit(rows: number, holdout: number): { training: Int32Array; heldOut: Int32Array } {
  const every = Math.round(1 / holdout);
  const training: number[] = [];
  const heldOut: number[] = [];
  for (let r = 0; r < rows; r++) {
    const block = Math.floor((r * HOLDOUT_BLOCKS) / rows);
    (block % every === every - 1 ? heldOut : training).push(r);
  }
  return { training: Int32Array.from(training), heldOut: Int32Array.from(heldOut) };
}

function range(from: number, to: number): Int32Array {
  return Int32Array.from({ length: to - from }, (_, k) => from + k);
}
