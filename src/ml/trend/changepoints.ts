// Finds the moments where a series' level jumps (a migration, a new release, a host added), so that
// a trend is read per regime instead of across a step it does not describe.

import { EcotiMlError, Series } from '../types';
import { show } from '../hygiene/checkInput';
import { regularize } from '../hygiene/regularize';
import { binMeans, observedPoints } from './observed';
import { medianInPlace } from '../stats/quantile';

export interface ChangepointOptions {
  /** Fewest points on each side of a change point; default max(5, 2% of the points). */
  minSegment?: number;
  /** Penalty per change point, in units of noise variance; default 3·ln(n) (BIC-like, see below). */
  penalty?: number;
  /** At most this many change points, strongest first; default 10. */
  maxChangepoints?: number;
}

/** Above this many observed points, the search runs on bin means (resolution: one bin). */
export const CHANGEPOINT_MAX_POINTS = 5000;
export const CHANGEPOINT_BINS = 2000;
const DEFAULT_MAX_CHANGEPOINTS = 10;
/** MAD → σ for Gaussian noise, and √2 because differences of two noisy points have twice the variance. */
const MAD_TO_SIGMA_OF_DIFFS = 1 / (0.6744897501960817 * Math.SQRT2);

/**
 * Timestamps (ms) where the level of `series` shifts, ascending. NaN values are ignored.
 * Throws `EcotiMlError` only as `regularize` does (no valid timestamp, length mismatch, grid too long)
 * or for invalid options.
 */
export function changepoints(series: Series, options: ChangepointOptions = {}): number[] {
  const grid = regularize(series);
  const { x, y } = observedPoints(grid.values);
  return levelShifts(x, y, options).map((k) => grid.start + x[k] * grid.step);
}

/**
 * Indices k (ascending) such that a new level starts at point k of (x, y); x strictly ascending.
 *
 * Binary segmentation. Each segment is described by its own straight line, and a split at k is tested
 * as a step added to that line: gain(k) = SSE(line) − SSE(line + step at k), in O(1) per k from suffix
 * sums (Frisch–Waugh: gain = (Σ_{i≥k} r_i)² / ‖step residual‖², r the residuals of the line). Testing
 * the step against a line, not a flat mean, keeps a steady trend from being cut into a staircase of
 * "shifts". A split is kept when gain / σ² exceeds the penalty, σ the noise level from the median
 * absolute deviation of consecutive differences (which a few level shifts barely move). Points further
 * than 3σ from a running median over about `minSegment` points are first pulled back to that distance,
 * so that a burst shorter than half a segment is not read as a shift (a real shift moves the median).
 * The default penalty 3·ln(n) is the modified BIC of R's `changepoint` package: stricter than BIC's
 * 2·ln(n), which the maximum over all candidate k would exceed on pure noise too often. O(n) per level
 * of the recursion, so O(n·log n) typically and O(n·maxChangepoints) at worst.
 *
 * Not handled: a strong daily or weekly cycle is itself read as shifts (`trend` removes a daily one
 * first; a weekly one stays), and two
 * shifts closer than `minSegment` are reported as one.
 */
export function levelShifts(x: Float64Array, y: Float64Array, options: ChangepointOptions = {}): number[] {
  const n = y.length;
  const maxChangepoints = options.maxChangepoints ?? DEFAULT_MAX_CHANGEPOINTS;
  if (!(Number.isInteger(maxChangepoints) && maxChangepoints >= 0)) {
    throw new EcotiMlError('BAD_OPTION', `maxChangepoints must be a whole number ≥ 0, got ${show(maxChangepoints)}.`);
  }
  if (options.minSegment !== undefined && !(Number.isInteger(options.minSegment) && options.minSegment >= 1)) {
    throw new EcotiMlError('BAD_OPTION', `minSegment must be a whole number ≥ 1, got ${show(options.minSegment)}.`);
  }
  if (options.penalty !== undefined && !(options.penalty >= 0 && Number.isFinite(options.penalty))) {
    throw new EcotiMlError('BAD_OPTION', `penalty must be a finite number ≥ 0, got ${show(options.penalty)}.`);
  }
  if (n > CHANGEPOINT_MAX_POINTS) {
    const b = binMeans(x, y, CHANGEPOINT_BINS);
    const ratio = b.y.length / n;
    const minSegment =
      options.minSegment === undefined ? undefined : Math.max(1, Math.ceil(options.minSegment * ratio));
    return levelShifts(b.x, b.y, { ...options, minSegment }).map((k) => b.firstIndex[k]);
  }
  const minSegment = options.minSegment ?? Math.max(5, Math.floor(n / 50));
  if (n < 2 * minSegment || maxChangepoints === 0) {
    return [];
  }
  const z = normalised(y);
  if (z === null) {
    return [];
  }
  const sigma = noiseSigma(z);
  if (sigma === 0) {
    return [];
  }
  clipSpikes(z, sigma, minSegment);
  const threshold = (options.penalty ?? 3 * Math.log(n)) * sigma * sigma;

  const found: number[] = [];
  const pending: Split[] = [];
  const consider = (s: number, e: number) => {
    const split = bestSplit(x, z, s, e, minSegment);
    if (split !== null && split.gain > threshold) {
      pending.push(split);
    }
  };
  consider(0, n);
  while (pending.length > 0 && found.length < maxChangepoints) {
    // Strongest first, so that the cap keeps the clearest shifts.
    let best = 0;
    for (let i = 1; i < pending.length; i++) {
      if (pending[i].gain > pending[best].gain) {
        best = i;
      }
    }
    const split = pending.splice(best, 1)[0];
    found.push(split.k);
    consider(split.s, split.k);
    consider(split.k, split.e);
  }
  return found.sort((a, b) => a - b);
}

interface Split {
  s: number;
  e: number;
  k: number;
  gain: number;
}

/** Best step position in [s, e) against a straight line through the segment, or null if too short. */
function bestSplit(x: Float64Array, y: Float64Array, s: number, e: number, minSegment: number): Split | null {
  const m = e - s;
  if (m < 2 * minSegment) {
    return null;
  }
  let mx = 0;
  let my = 0;
  for (let i = s; i < e; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= m;
  my /= m;
  let sxx = 0;
  let sxy = 0;
  for (let i = s; i < e; i++) {
    const dx = x[i] - mx;
    sxx += dx * dx;
    sxy += dx * (y[i] - my);
  }
  const b = sxx > 0 ? sxy / sxx : 0;
  // Walk k downwards so that the suffix sums over [k, e) of residuals and centred x build up in O(1).
  let sumR = 0;
  let sumX = 0;
  let best: Split | null = null;
  for (let k = e - 1; k >= s + minSegment; k--) {
    const dx = x[k] - mx;
    sumR += y[k] - my - b * dx;
    sumX += dx;
    const c = e - k;
    if (c < minSegment) {
      continue;
    }
    // ‖residual of the step indicator after projecting on (1, x)‖².
    const denom = c - (c * c) / m - (sxx > 0 ? (sumX * sumX) / sxx : 0);
    if (denom <= 1e-9 * c) {
      continue;
    }
    const gain = (sumR * sumR) / denom;
    if (best === null || gain > best.gain) {
      best = { s, e, k, gain };
    }
  }
  return best;
}

/** Clamps z in place to its running median (odd window of about `minSegment` points, at most 51) ± 3σ. */
function clipSpikes(z: Float64Array, sigma: number, minSegment: number): void {
  const n = z.length;
  // Capped so that a huge minSegment does not make this O(n·minSegment·log): bursts up to 25 points are clipped.
  const half = Math.min(25, Math.max(1, Math.floor(minSegment / 2)));
  const limit = 3 * sigma;
  const medians = new Float64Array(n);
  const window = new Float64Array(2 * half + 1);
  for (let i = 0; i < n; i++) {
    const lo = Math.max(0, i - half);
    const hi = Math.min(n - 1, i + half);
    const w = window.subarray(0, hi - lo + 1);
    w.set(z.subarray(lo, hi + 1));
    medians[i] = medianInPlace(w);
  }
  for (let i = 0; i < n; i++) {
    z[i] = Math.min(medians[i] + limit, Math.max(medians[i] - limit, z[i]));
  }
}

/** y mapped into [−1, 1] (no overflow on extreme values, sums stay exact enough); null if constant. */
function normalised(y: Float64Array): Float64Array | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < y.length; i++) {
    if (y[i] < lo) {
      lo = y[i];
    }
    if (y[i] > hi) {
      hi = y[i];
    }
  }
  const half = hi / 2 - lo / 2;
  if (!(half > 0)) {
    return null;
  }
  const centre = hi / 2 + lo / 2;
  const z = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    z[i] = (y[i] - centre) / half;
  }
  return z;
}

/**
 * Noise σ from consecutive differences: their median absolute deviation, so level shifts (a few large
 * differences) and a trend (a constant offset of all of them) do not inflate it; falls back to their
 * RMS deviation when most are identical (quantised or piecewise-constant data).
 */
function noiseSigma(z: Float64Array): number {
  const n = z.length;
  const d = new Float64Array(n - 1);
  for (let i = 1; i < n; i++) {
    d[i - 1] = z[i] - z[i - 1];
  }
  const centre = medianInPlace(d);
  let sq = 0;
  for (let i = 0; i < d.length; i++) {
    d[i] = Math.abs(d[i] - centre);
    sq += d[i] * d[i];
  }
  const mad = medianInPlace(d);
  if (mad > 0) {
    return mad * MAD_TO_SIGMA_OF_DIFFS;
  }
  return Math.sqrt(sq / d.length / 2);
}
