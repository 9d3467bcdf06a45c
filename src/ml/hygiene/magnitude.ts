// Keeps the models' arithmetic finite on series of any magnitude: values near ±1e300 overflow as
// soon as a model squares them, and values near 1e-300 underflow to zero.
import { median } from '../stats/quantile';

/**
 * Largest magnitude a model works with: its squares, summed over a million points, fit in a double
 * (1e66), and the anomaly scorer's seasonal profiles, kept in float32 (up to 3.4e38), hold it.
 */
export const MAX_MODELLED_MAGNITUDE = 1e30;
const MIN_MODELLED_MAGNITUDE = 1e-30;
/** Values sampled to find a series' typical magnitude. */
const MAGNITUDE_SAMPLES = 1001;
/** 2^±1000 stays finite; a subnormal times 2^1000 is still a normal number. */
const MAX_EXPONENT = 1000;

export interface ModelledValues {
  /** The values the models see: the input itself when it needed no change, else a scaled, clipped copy. */
  values: ArrayLike<number>;
  /** Power of two the input was multiplied by (1: unchanged); divide results by it. Exact: no rounding. */
  factor: number;
  /** Values still beyond ±MAX_MODELLED_MAGNITUDE after scaling, set to it (a 1e300 glitch on a 100 W series). */
  clipped: number;
}

/**
 * The values scaled by a power of two that brings their typical (median) magnitude near 1, when any
 * finite value is beyond ±1e30 or all are below 1e-30; then clipped to ±1e30. Non-finite values
 * become NaN in the copy. O(n), and a copy only in those rare cases.
 */
export function modelledValues(values: ArrayLike<number>): ModelledValues {
  const n = values.length;
  let max = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    // Missing values (NaN, ±Infinity, non-numbers) have no magnitude to model.
    if (Number.isFinite(v) && Math.abs(v) > max) {
      max = Math.abs(v);
    }
  }
  if (max <= MAX_MODELLED_MAGNITUDE && (max >= MIN_MODELLED_MAGNITUDE || max === 0)) {
    return { values, factor: 1, clipped: 0 };
  }
  const factor = 2 ** -exponentOf(typicalMagnitude(values));
  const out = new Float64Array(n);
  let clipped = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      out[i] = NaN;
      continue;
    }
    const s = v * factor;
    if (Math.abs(s) > MAX_MODELLED_MAGNITUDE) {
      out[i] = s > 0 ? MAX_MODELLED_MAGNITUDE : -MAX_MODELLED_MAGNITUDE;
      clipped++;
    } else {
      out[i] = s;
    }
  }
  return { values: out, factor, clipped };
}

/** Median |value| of up to MAGNITUDE_SAMPLES evenly spread finite, non-zero values (0 if none). */
function typicalMagnitude(values: ArrayLike<number>): number {
  const n = values.length;
  const sample: number[] = [];
  const collect = (stride: number) => {
    for (let i = 0; i < n; i += stride) {
      const v = values[i];
      if (Number.isFinite(v) && v !== 0) {
        sample.push(Math.abs(v));
      }
    }
  };
  collect(Math.max(1, Math.floor(n / MAGNITUDE_SAMPLES)));
  if (sample.length === 0) {
    // The stride missed every usable value (zeros with rare spikes): look at them all.
    collect(1);
  }
  return sample.length ? median(sample) : 0;
}

/** Binary exponent of x (x > 0), within ±MAX_EXPONENT. */
function exponentOf(x: number): number {
  const e = x > 0 ? Math.floor(Math.log2(x)) : 0;
  return Math.max(-MAX_EXPONENT, Math.min(MAX_EXPONENT, e));
}
