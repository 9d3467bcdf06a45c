// The shape checks every public ML function runs first, so that hostile input (null, a string, a
// 10-million-point series) ends in a readable EcotiMlError, never a TypeError or a frozen tab.
import { EcotiMlError, Series } from '../types';

/**
 * Most points a series may have. The data source sends at most ~5,040 and the engine 11,000; a
 * million still fits a browser tab (~2 s, ~200 MB to score). Longer series are refused before any
 * point is read: score them point by point with `StreamingAnomalyScorer` (constant memory), or
 * query a coarser step.
 */
export const MAX_SERIES_POINTS = 1_000_000;

/** Checks that `series` has timestamps and values arrays of one length, at most MAX_SERIES_POINTS; returns it. */
export function checkSeries(series: Series, what = 'The series'): number {
  if (series === null || typeof series !== 'object') {
    throw new EcotiMlError(
      'BAD_INPUT',
      `${what} must be an object with timestamps and values arrays, got ${kindOf(series)}.`
    );
  }
  checkArray(series.timestamps, `${what}' timestamps`);
  checkArray(series.values, `${what}' values`);
  const n = series.timestamps.length;
  if (n !== series.values.length) {
    throw new EcotiMlError('LENGTH_MISMATCH', `${what} has ${n} timestamps but ${series.values.length} values.`);
  }
  checkLength(n, what);
  return n;
}

/**
 * Checks that `values` is an array or a typed array of at most MAX_SERIES_POINTS; returns its length.
 * Elements are not read: those that are not finite numbers (null, strings, NaN) count as missing.
 */
export function checkNumbers(values: ArrayLike<number>, what = 'The values'): number {
  checkArray(values, what);
  checkLength(values.length, what);
  return values.length;
}

/** A Float64Array as is; any other array copied, with elements that are not numbers (null, '5') as NaN. */
export function asFloat64(values: ArrayLike<number>): Float64Array {
  if (values instanceof Float64Array) {
    return values;
  }
  const out = new Float64Array(values.length);
  for (let i = 0; i < out.length; i++) {
    const v = values[i];
    out[i] = typeof v === 'number' ? v : NaN;
  }
  return out;
}

function checkArray(values: unknown, what: string): void {
  if (!Array.isArray(values) && !(ArrayBuffer.isView(values) && !(values instanceof DataView))) {
    throw new EcotiMlError('BAD_INPUT', `${what} must be an array or a typed array, got ${kindOf(values)}.`);
  }
}

function checkLength(n: number, what: string): void {
  if (n > MAX_SERIES_POINTS) {
    throw new EcotiMlError(
      'TOO_LONG',
      `${what} has ${thousands(n)} points, more than the ${thousands(MAX_SERIES_POINTS)} ` +
        'the ML core analyses at once: query a coarser step or a shorter range, or score the points one by one ' +
        'with StreamingAnomalyScorer.'
    );
  }
}

/** Optional options: undefined gives {}, anything but a plain object is refused. */
export function checkOptions<T extends object>(options: T | undefined, what: string): Partial<T> {
  if (options === undefined) {
    return {};
  }
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new EcotiMlError('BAD_OPTION', `${what} must be an object, got ${kindOf(options)}.`);
  }
  return options;
}

/** An optional option of a given type: undefined passes, a value of another type is refused. */
export function checkOptionType(value: unknown, type: 'number' | 'boolean' | 'string', what: string): void {
  if (value !== undefined && typeof value !== type) {
    throw new EcotiMlError('BAD_OPTION', `${what} must be a ${type}, got ${kindOf(value)}.`);
  }
}

/** 10000000 → "10,000,000", without Intl: its first use loads locale data, ~100 ms on a refusal meant to be instant. */
function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A value as an error message shows it: numbers and strings as they are, anything else by its kind. */
export function show(x: unknown): string {
  if (typeof x === 'number' || typeof x === 'boolean' || typeof x === 'bigint') {
    return String(x);
  }
  // A template literal would throw on a Symbol; objects would read "[object Object]".
  return typeof x === 'string' ? x : kindOf(x);
}

/** How a value reads in an error message: "null", "a string", "an array". */
export function kindOf(x: unknown): string {
  if (x === null || x === undefined) {
    return String(x);
  }
  if (Array.isArray(x)) {
    return 'an array';
  }
  const type = typeof x;
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
