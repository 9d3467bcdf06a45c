// Prediction bands calibrated on out-of-sample backtest errors: split conformal per horizon step. Errors are
// divided by the typical error at their step, the quantile of the scores is taken so that the backtest windows'
// coverage, not just the pooled points', reaches the level, and it is scaled back per step.
//
// Why per window: a level shift or a job spoils a whole forecast window at once, so the independent samples
// are the windows, not the points, and with few of them a Student-t margin widens the band. Why a prior, and
// why its union with the backtest band: the last windows a backtest sees may hold no job start, no job end, no
// level shift, while the whole window does; the prior is how far the series moved over the seasonal lag a
// forecast must bridge, anywhere in the window, so a server that started three jobs this month keeps a band
// that reaches a job's power. Heavy tails need nothing more: the quantiles are empirical. Both sides can be
// calibrated apart (`asymmetric`), but on the tuning data that left more cases outside 0.93–0.97 than the
// symmetric band (see autoSettings.ts).
import { quantileOfSorted } from '../stats/quantile';
import { BandSettings } from './autoSettings';

/** Distances from the mean to the band's edges at each step (both ≥ 0, non-decreasing). */
export interface Band {
  below: Float64Array;
  above: Float64Array;
}

/**
 * The band of a forecast whose backtest errors (forecast − actual, laid out [origin][step] with `steps` per
 * origin) are `errors`. Beyond the backtested steps the scale grows like √h, as a random walk's would.
 * `blocks` is the number of non-overlapping windows the origins span.
 */
export function calibrateBand(
  errors: Float64Array,
  steps: number,
  horizon: number,
  level: number,
  blocks: number,
  settings: BandSettings
): Band {
  const origins = errors.length / steps;
  const scale = stepScale(errors, steps, horizon);
  // Signed scores, actual above the forecast positive.
  const scores = new Float64Array(errors.length);
  for (let i = 0; i < errors.length; i++) {
    const e = -errors[i] / scale[Math.min(i % steps, horizon - 1)];
    scores[i] = settings.asymmetric ? e : Math.abs(e);
  }
  const tail = settings.asymmetric ? 1 - (1 - level) / 2 : level;
  const effective = Math.max(1, Math.min(origins, blocks));
  const margin = settings.confidence > 0.5 ? studentQuantile(settings.confidence, Math.max(1, effective - 1)) : 0;
  const up = tailQuantile(scores, steps, tail, margin, effective);
  let down = up;
  if (settings.asymmetric) {
    for (let i = 0; i < scores.length; i++) {
      scores[i] = -scores[i];
    }
    down = tailQuantile(scores, steps, tail, margin, effective);
  }
  const below = new Float64Array(horizon);
  const above = new Float64Array(horizon);
  for (let h = 0; h < horizon; h++) {
    below[h] = Math.max(0, down) * scale[h];
    above[h] = Math.max(0, up) * scale[h];
  }
  return { below, above };
}

/** Typical absolute error at each step: smoothed across neighbouring steps, never decreasing, √h beyond. */
function stepScale(errors: Float64Array, steps: number, horizon: number): Float64Array {
  const origins = errors.length / steps;
  const raw = new Float64Array(steps);
  for (let o = 0; o < origins; o++) {
    for (let h = 0; h < steps; h++) {
      raw[h] += Math.abs(errors[o * steps + h]) / origins;
    }
  }
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
  return scale;
}

/**
 * The smallest score q such that the share of each origin's scores at or below q, averaged over origins and
 * less `margin` standard errors of that average over `effective` independent windows, reaches `target`. It
 * starts at the pooled conformal rank, ceil((N + 1)·target).
 */
function tailQuantile(scores: Float64Array, steps: number, target: number, margin: number, effective: number): number {
  const origins = scores.length / steps;
  const sorted = scores.slice().sort();
  const coverageAt = (q: number) => {
    let sum = 0;
    let sumSq = 0;
    for (let o = 0; o < origins; o++) {
      let inside = 0;
      for (let h = o * steps; h < (o + 1) * steps; h++) {
        if (scores[h] <= q) {
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
  let lo = Math.max(0, Math.min(sorted.length, Math.ceil((sorted.length + 1) * target)) - 1);
  let hi = sorted.length - 1;
  if (coverageAt(sorted[lo]) >= target) {
    return sorted[lo];
  }
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (coverageAt(sorted[mid]) >= target) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return sorted[lo];
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

/**
 * Meets the backtest band with a prior from the whole window: how far the series moved, up and down, over
 * the seasonal lag a forecast h steps ahead must bridge (scaled by how much better than seasonal naive the
 * model backtested). 'union' keeps the wider of the two at each step; 'blend' averages their squares, the
 * prior weighing `priorBlocks` backtest windows, so that short horizons (many windows) keep their calibrated
 * width and long ones (one or two) lean on the prior.
 */
export function withSeasonalSpread(
  band: Band,
  y: Float64Array,
  periods: number[],
  level: number,
  blocks: number,
  relativeError: number,
  settings: BandSettings
): Band {
  const priorBlocks = settings.priorBlocks;
  const p = periods.length ? periods[0] : 1;
  const cache = new Map<number, { below: number; above: number }>();
  const horizon = band.below.length;
  const below = new Float64Array(horizon);
  const above = new Float64Array(horizon);
  const priorWeight =
    settings.combine === 'union-scaled' ? Math.min(1, Math.sqrt(priorBlocks / Math.max(1, blocks))) : 1;
  const mix = (calibrated: number, prior: number) =>
    settings.combine === 'blend'
      ? Math.sqrt((blocks * calibrated * calibrated + priorBlocks * prior * prior) / (blocks + priorBlocks))
      : Math.max(calibrated, priorWeight * prior);
  for (let h = 0; h < horizon; h++) {
    const lag = p * Math.ceil((h + 1) / p);
    let spread = cache.get(lag);
    if (spread === undefined) {
      spread =
        lag < y.length
          ? lagSpread(y, lag, 1 - (1 - level) * settings.priorTailShare)
          : { below: band.below[h], above: band.above[h] };
      cache.set(lag, spread);
    }
    // Uncertainty does not shrink further ahead, whatever the lag's spread happens to be.
    const scale = Math.max(settings.priorFloor, relativeError);
    const b = mix(band.below[h], scale * spread.below);
    const a = mix(band.above[h], scale * spread.above);
    below[h] = h > 0 ? Math.max(below[h - 1], b) : b;
    above[h] = h > 0 ? Math.max(above[h - 1], a) : a;
  }
  return { below, above };
}

/** How far the series fell and rose over `lag` steps: the tails of y[t + lag] − y[t] at the level. */
function lagSpread(y: Float64Array, lag: number, level: number): { below: number; above: number } {
  const d = new Float64Array(y.length - lag);
  for (let t = 0; t + lag < y.length; t++) {
    d[t] = y[t + lag] - y[t];
  }
  d.sort();
  const tail = (1 - level) / 2;
  return { below: Math.max(0, -quantileOfSorted(d, tail)), above: Math.max(0, quantileOfSorted(d, 1 - tail)) };
}

/** A symmetric band of `half` at each step. */
export function symmetricBand(half: Float64Array): Band {
  return { below: half, above: half.slice() };
}

/** Fallback when nothing could be backtested: a random-walk band from one-step differences. */
export function naiveBand(y: Float64Array, horizon: number, level: number): Band {
  let s = 0;
  let c = 0;
  for (let i = 1; i < y.length; i++) {
    s += (y[i] - y[i - 1]) ** 2;
    c++;
  }
  const sigma = c > 0 ? Math.sqrt(s / c) : 0;
  const z = normalQuantile(0.5 + level / 2);
  const half = new Float64Array(horizon);
  for (let h = 0; h < horizon; h++) {
    half[h] = z * sigma * Math.sqrt(h + 1);
  }
  return symmetricBand(half);
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
