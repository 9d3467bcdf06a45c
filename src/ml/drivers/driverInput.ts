// Reading and checking the driver model's input and options: every refusal is an EcotiMlError that says what to fix.
import { asFloat64, checkOptions, checkSeries, show } from '../hygiene/checkInput';
import { assertTimeZone, DEFAULT_TIME_ZONE } from '../energy/localTime';
import { EcotiMlError, Series } from '../types';
import type { DriverModelOptions } from './driverTypes';

/** Fewer complete hours than this cannot both train and hold out. */
export const MIN_ROWS = 48;
const MAX_DRIVERS = 16;

export const DEFAULTS = {
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

export type Options = typeof DEFAULTS;

export function readDriverNames(drivers: unknown): string[] {
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

export function checkDriver(name: string, series: Series, timestamps: Float64Array): Float64Array {
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

export function readOptions(options: DriverModelOptions | undefined): Options {
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

export function checkMagnitude(what: string, values: Float64Array, used: number[]): void {
  for (const i of used) {
    if (Math.abs(values[i]) > MAX_MAGNITUDE) {
      throw new EcotiMlError(
        'OUT_OF_RANGE',
        `${what} holds ${values[i]}, too large to model: rescale it (e.g. to kW) and try again.`
      );
    }
  }
}
