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
    if (!Number.isFinite(a) || !Number.isFinite(b)) {
      increases[i] = NaN;
    } else if (b >= a) {
      increases[i] = b - a;
      if (increases[i] === Infinity) {
        throw new EcotiMlError(
          'OUT_OF_RANGE',
          `The counter rises from ${a} to ${b} at step ${i}, more than a double holds: is this a counter?`
        );
      }
    } else if (b >= 0) {
      // After a restart the counter starts again from zero, so all of `b` is new.
      increases[i] = b;
      resets++;
    } else {
      // A counter below zero is no restart: what was used is unknown, never negative.
      increases[i] = NaN;
    }
  }
  return { increases, resets };
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
