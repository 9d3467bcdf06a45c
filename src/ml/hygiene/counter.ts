// Counters (joules, kWh, seconds totals) only go up, except when the exporter restarts.
// Like Prometheus' rate(), a drop is read as a reset to zero, not as negative consumption.
import { EcotiMlError } from '../types';
import { asFloat64, checkNumbers } from './checkInput';

/**
 * Per-step increase of a counter on a regular grid, with resets handled. The first step, steps next
 * to a gap (a value that is NaN, ±Infinity or not a number) and drops to a negative value are NaN.
 * `resets` counts the drops that were read as restarts.
 */
export function counterIncreases(values: Float64Array): { increases: Float64Array; resets: number } {
  const n = checkNumbers(values);
  const increases = new Float64Array(n);
  increases[0] = NaN;
  let resets = 0;
  for (let i = 1; i < n; i++) {
    const a = values[i - 1];
    const b = values[i];
    increases[i] = counterIncrease(a, b);
    if (increases[i] === Infinity) {
      throw new EcotiMlError(
        'OUT_OF_RANGE',
        `The counter rises from ${a} to ${b} at step ${i}, more than a double holds: is this a counter?`
      );
    }
    // A known increase after a drop is a restart (NaN stays NaN, and a non-number is never compared).
    if (Number.isFinite(increases[i]) && b < a) {
      resets++;
    }
  }
  return { increases, resets };
}

/**
 * What a counter counted between two readings: b − a; after a drop, all of b (the exporter restarted from
 * zero); NaN when either is not a finite number or b is below zero (no restart: what was used is unknown,
 * never negative). Infinity when the rise overflows a double.
 */
export function counterIncrease(a: number, b: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b)) {
    return NaN;
  }
  return b >= a ? b - a : b >= 0 ? b : NaN;
}

/** True when a series looks like a counter: never decreases except for rare large drops (resets). */
export function looksLikeCounter(input: Float64Array): boolean {
  checkNumbers(input);
  const values = asFloat64(input);
  let ups = 0;
  let downs = 0;
  for (let i = 1; i < values.length; i++) {
    const d = values[i] - values[i - 1];
    if (d > 0) {
      ups++;
    } else if (d < 0) {
      downs++;
    }
  }
  return ups >= 10 && downs <= Math.max(1, ups / 100);
}
