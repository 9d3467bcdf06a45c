// What drives consumption: power modelled from its driver series (CPU or GPU utilisation, inlet temperature, …)
// and the calendar with a bagged ensemble of CART trees, the share of each driver measured by permutation on
// held-out hours, and power predicted at planned driver values ("what if the GPUs ran at 80 %?").
import { asFloat64, checkNumbers, checkSeries, show } from '../hygiene/checkInput';
import { localClock } from '../energy/localTime';
import { quantileOfSorted, sortedFinite } from '../stats/quantile';
import { EcotiMlError } from '../types';
import { fitForest, Forest, predictForest } from './forest';
import { permutationImportance, scorePredictions } from './importance';
import { checkDriver, checkMagnitude, MIN_ROWS, Options, readDriverNames, readOptions } from './driverInput';
import {
  CALENDAR_FEATURES,
  type DriverModelInput,
  type DriverFeatureKind,
  type DriverImportance,
  type DriverRange,
  type DriverPredictInput,
  type DriverModel,
  type PlannedPower,
} from './driverTypes';

export type {
  DriverModelOptions,
  DriverModelInput,
  DriverFeatureKind,
  DriverImportance,
  DriverRange,
  DriverModelDiagnostics,
  DriverPredictInput,
  DriverModel,
  PlannedPower,
} from './driverTypes';
export { CALENDAR_FEATURES } from './driverTypes';

const HOLDOUT_BLOCKS = 20;
const HOUR_MS = 3_600_000;
/** predictPowerAt's default times: the week after the data, hourly, so every hour of every weekday counts once. */
const PLAN_HOURS = 168;

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
