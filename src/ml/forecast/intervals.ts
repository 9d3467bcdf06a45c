// Prediction intervals calibrated on out-of-sample backtest errors (split conformal with a
// per-step scale): errors are divided by the typical error at their horizon step, one quantile of
// the pooled scores is taken, and it is scaled back per step.
import { quantileOfSorted } from '../stats/quantile';

export interface ErrorScale {
  /** Typical absolute error at each forecast step (non-decreasing). */
  scale: Float64Array;
  /** Quantile of |error| / scale at the requested level. */
  quantile: number;
}

/**
 * `errors` is laid out [origin][step] with `steps` per origin. The returned scale covers
 * `horizon` steps: beyond the backtested steps it grows like √h, as a random walk's would.
 */
export function calibrateIntervals(
  errors: Float64Array,
  steps: number,
  horizon: number,
  level: number,
  independentBlocks?: number
): ErrorScale {
  const origins = errors.length / steps;
  const raw = new Float64Array(steps);
  for (let o = 0; o < origins; o++) {
    for (let h = 0; h < steps; h++) {
      raw[h] += Math.abs(errors[o * steps + h]) / origins;
    }
  }
  // Smooth across neighbouring steps, then force non-decreasing: uncertainty does not shrink with h.
  const half = Math.max(1, Math.floor(steps / 12));
  const scale = new Float64Array(horizon);
  let floor = 0;
  for (let h = 0; h < steps; h++) {
    let s = 0;
    let c = 0;
    for (let k = Math.max(0, h - half); k <= Math.min(steps - 1, h + half); k++) {
      s += raw[k];
      c++;
    }
    floor = Math.max(floor, s / c);
    if (h < horizon) {
      scale[h] = floor;
    }
  }
  const tiny = Math.max(floor * 1e-6, 1e-12);
  for (let h = 0; h < Math.min(steps, horizon); h++) {
    scale[h] = Math.max(scale[h], tiny);
  }
  for (let h = steps; h < horizon; h++) {
    scale[h] = Math.max(scale[steps - 1], tiny) * Math.sqrt((h + 1) / steps);
  }
  return {
    scale,
    quantile: blockQuantile(errors, steps, scale, horizon, level, independentBlocks ?? errors.length / steps),
  };
}

/** One-sided confidence that the backtest coverage reaches the target (one standard error). */
const COVERAGE_CONFIDENCE = 0.8413;

/**
 * The smallest multiplier q whose coverage of the backtest errors reaches `level` with a margin
 * for the spread between origins. Errors within one origin move together (a level shift spoils a
 * whole week), and origins closer than a horizon overlap, so the independent samples are the
 * non-overlapping blocks (`blocks`), not the points: pooling points alone gives bands that are
 * right on average but too narrow whenever the future differs from the backtest.
 */
function blockQuantile(
  errors: Float64Array,
  steps: number,
  scale: Float64Array,
  horizon: number,
  level: number,
  blocks: number
): number {
  const origins = errors.length / steps;
  const scores = new Float64Array(errors.length);
  for (let i = 0; i < errors.length; i++) {
    scores[i] = Math.abs(errors[i]) / scale[Math.min(i % steps, horizon - 1)];
  }
  const sorted = scores.slice().sort();
  // With few independent windows the spread itself is uncertain: Student's t, not the normal.
  const effective = Math.max(1, Math.min(origins, blocks));
  const margin = studentQuantile(COVERAGE_CONFIDENCE, Math.max(1, effective - 1));
  const coverageAt = (q: number) => {
    let sum = 0;
    let sumSq = 0;
    for (let o = 0; o < origins; o++) {
      let inside = 0;
      for (let h = 0; h < steps; h++) {
        if (scores[o * steps + h] <= q) {
          inside++;
        }
      }
      const c = inside / steps;
      sum += c;
      sumSq += c * c;
    }
    const mean = sum / origins;
    const sd = origins > 1 ? Math.sqrt(Math.max(0, (sumSq - origins * mean * mean) / (origins - 1))) : 0;
    return mean - (margin * sd) / Math.sqrt(effective);
  };
  // Start at the pooled conformal rank, ceil((N + 1)·level), and widen until the margin holds.
  let rank = Math.min(sorted.length, Math.ceil((sorted.length + 1) * level)) - 1;
  let lo = Math.max(0, rank);
  let hi = sorted.length - 1;
  if (coverageAt(sorted[lo]) >= level) {
    return sorted[lo];
  }
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (coverageAt(sorted[mid]) >= level) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  rank = lo;
  return sorted[rank];
}

/**
 * Quantile of Student's t for p in (0.5, 1): exact at 1 and 2 degrees of freedom, a
 * Cornish–Fisher expansion from 2 on (error below 1% there), linear in between.
 */
export function studentQuantile(p: number, df: number): number {
  const exact1 = Math.tan(Math.PI * (p - 0.5));
  const exact2 = (2 * p - 1) * Math.sqrt(2 / (4 * p * (1 - p)));
  if (df <= 1) {
    return exact1;
  }
  if (df < 2) {
    return exact1 + (exact2 - exact1) * (df - 1);
  }
  const z = normalQuantile(p);
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return (
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3)
  );
}

/** The band's half-width at each step. */
export function halfWidths(band: ErrorScale): Float64Array {
  return band.scale.map((s) => s * band.quantile);
}

/** Weight, in independent forecast windows, given to the series' own seasonal spread. */
const PRIOR_BLOCKS = 2;

/**
 * Blends backtest half-widths with a prior from the whole window: how far the series moves over
 * the seasonal lag a forecast h steps ahead must bridge (scaled by how much better than seasonal
 * naive the model backtested). Short horizons have many independent backtest windows and keep
 * their calibrated width; long ones have one or two, and lean on the prior, which sees every
 * level shift in the window instead of only the last few weeks.
 */
export function blendWithSeasonalSpread(
  half: Float64Array,
  y: Float64Array,
  periods: number[],
  level: number,
  blocks: number,
  relativeError: number
): Float64Array {
  const p = periods.length ? periods[0] : 1;
  const cache = new Map<number, number>();
  const out = new Float64Array(half.length);
  for (let h = 0; h < half.length; h++) {
    const lag = p * Math.ceil((h + 1) / p);
    let spread = cache.get(lag);
    if (spread === undefined) {
      spread = lag < y.length ? lagSpreadQuantile(y, lag, level) : half[h];
      cache.set(lag, spread);
    }
    const prior = relativeError * spread;
    const blended = Math.sqrt((blocks * half[h] * half[h] + PRIOR_BLOCKS * prior * prior) / (blocks + PRIOR_BLOCKS));
    // Uncertainty does not shrink further ahead, whatever the lag's spread happens to be.
    out[h] = h > 0 ? Math.max(out[h - 1], blended) : blended;
  }
  return out;
}

function lagSpreadQuantile(y: Float64Array, lag: number, level: number): number {
  const d = new Float64Array(y.length - lag);
  for (let t = lag; t < y.length; t++) {
    d[t - lag] = Math.abs(y[t] - y[t - lag]);
  }
  return quantileOfSorted(d.sort(), level);
}

/** Fallback when nothing could be backtested: a random-walk band from one-step differences. */
export function naiveIntervals(y: Float64Array, horizon: number, level: number): ErrorScale {
  let s = 0;
  let c = 0;
  for (let i = 1; i < y.length; i++) {
    s += (y[i] - y[i - 1]) ** 2;
    c++;
  }
  const sigma = c > 0 ? Math.sqrt(s / c) : 0;
  const z = normalQuantile(0.5 + level / 2);
  const scale = new Float64Array(horizon);
  for (let h = 0; h < horizon; h++) {
    scale[h] = sigma * Math.sqrt(h + 1);
  }
  return { scale, quantile: z };
}

/** Inverse standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p <= 0) {
    return -Infinity;
  }
  if (p >= 1) {
    return Infinity;
  }
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  if (p > 1 - lo) {
    return -normalQuantile(1 - p);
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}
