// Turns whatever a data source returns (unsorted, duplicated, irregular, with NaN and ±Infinity)
// into one regular grid at the dominant step, so that every model can index by step.
import { EcotiMlError, ForecastNote, ForecastNoteCode, Series } from '../types';
import { checkSeries } from './checkInput';
import { quantileOfSorted, sortedFinite } from '../stats/quantile';

export interface RegularSeries {
  /** Timestamp of values[0], ms epoch. */
  start: number;
  /** Dominant step in ms. */
  step: number;
  /** One value per step; NaN where nothing was observed. */
  values: Float64Array;
  /** What was repaired, typed (forecast() passes these on as `Forecast.notes`). */
  repairs: ForecastNote[];
  /** The same, in words (energy summaries list these). */
  notes: string[];
}

/** Grids longer than this are refused: they would not fit a browser tab. */
export const MAX_GRID_POINTS = 5_000_000;
const MAX_STEP_SAMPLES = 20_000;
/** Beyond this magnitude a sum of a few values can overflow. */
const OVERFLOW_RISK = 2 ** 1000;

/**
 * Resamples a series onto a regular grid at its dominant (median) step.
 * Points falling in the same step are averaged; missing steps become NaN.
 * Throws `EcotiMlError` only when there is nothing usable at all, or the input is not a series (see
 * `checkSeries`).
 */
export function regularize(series: Series): RegularSeries {
  const n = checkSeries(series);
  const repairs: ForecastNote[] = [];
  const note = (code: ForecastNoteCode, count: number, message: string) => repairs.push({ code, count, message });
  // Keep points with a finite timestamp; ±Infinity values count as missing, and so do elements that
  // are not numbers (null, strings): never coerced, or null would read as 0.
  const ts = new Float64Array(n);
  const vs = new Float64Array(n);
  let m = 0;
  let outOfOrder = 0;
  let nonFinite = 0;
  let largest = 0;
  for (let i = 0; i < n; i++) {
    const t = series.timestamps[i];
    if (!Number.isFinite(t)) {
      continue;
    }
    let v = series.values[i];
    if (!Number.isFinite(v)) {
      if (v === Infinity || v === -Infinity) {
        nonFinite++;
      }
      v = NaN;
    } else if (Math.abs(v) > largest) {
      largest = Math.abs(v);
    }
    if (m > 0 && t < ts[m - 1]) {
      outOfOrder++;
    }
    ts[m] = t;
    vs[m] = v;
    m++;
  }
  if (m === 0) {
    throw new EcotiMlError('EMPTY_SERIES', 'The series has no points with a valid timestamp.');
  }
  if (nonFinite > 0) {
    note('infinite-values', nonFinite, `${nonFinite} infinite value(s) treated as missing`);
  }
  let times = ts.subarray(0, m);
  let values = vs.subarray(0, m);
  if (outOfOrder > 0) {
    const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => times[a] - times[b]);
    const t2 = new Float64Array(m);
    const v2 = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      t2[i] = times[order[i]];
      v2[i] = values[order[i]];
    }
    times = t2;
    values = v2;
    note('unsorted-timestamps', outOfOrder, 'timestamps sorted');
  }
  const step = dominantStep(times);
  const start = times[0];
  const span = times[m - 1] - start;
  const length = step > 0 ? Math.round(span / step) + 1 : 1;
  if (length > MAX_GRID_POINTS) {
    throw new EcotiMlError(
      'BAD_OPTION',
      `The series spans ${length} steps of ${step} ms, more than ${MAX_GRID_POINTS}: query a coarser step or a shorter range.`
    );
  }
  const sums = new Float64Array(length);
  const counts = new Uint32Array(length);
  // Two values near ±1.8e308 in one step would sum to Infinity: sum those series at 2^-64 (exact).
  const shrink = largest > OVERFLOW_RISK ? 2 ** -64 : 1;
  let merged = 0;
  for (let i = 0; i < m; i++) {
    const v = values[i];
    if (Number.isNaN(v)) {
      continue;
    }
    const k = step > 0 ? Math.round((times[i] - start) / step) : 0;
    if (counts[k] > 0) {
      merged++;
    }
    sums[k] += v * shrink;
    counts[k]++;
  }
  const out = new Float64Array(length);
  let missing = 0;
  for (let k = 0; k < length; k++) {
    if (counts[k] === 0) {
      out[k] = NaN;
      missing++;
    } else {
      out[k] = sums[k] / counts[k] / shrink;
    }
  }
  if (merged > 0) {
    note('merged-points', merged, `${merged} point(s) sharing a step averaged`);
  }
  if (missing > 0) {
    note('missing-steps', missing, `${missing} missing step(s)`);
  }
  return { start, step, values: out, repairs, notes: repairs.map((r) => r.message) };
}

/** The grid step of sorted timestamps: stepOfSpacings of the positive gaps between them (sampled on huge series). */
export function dominantStep(sortedTimes: ArrayLike<number>): number {
  const m = sortedTimes.length;
  if (m < 2) {
    return 0;
  }
  const stride = Math.max(1, Math.floor((m - 1) / MAX_STEP_SAMPLES));
  const diffs: number[] = [];
  for (let i = 1; i < m; i += stride) {
    const d = sortedTimes[i] - sortedTimes[i - 1];
    if (d > 0) {
      diffs.push(d);
    }
  }
  return stepOfSpacings(diffs);
}

/**
 * The step that spacings between samples call for: their median, snapped to the nearest spacing observed (the
 * coarser on a tie), 0 for none. A grid step must be a spacing the data has: a median between two (jittered
 * scrapes at 59.999 and 60.001 s, or as many 10 ms gaps as 990 ms ones) would put samples off the grid; on a tie
 * the coarser step averages the close samples instead of leaving every other step empty.
 */
export function stepOfSpacings(spacings: ArrayLike<number>): number {
  const sorted = sortedFinite(spacings);
  const n = sorted.length;
  if (n === 0) {
    return 0;
  }
  const median = quantileOfSorted(sorted, 0.5);
  const below = sorted[Math.floor((n - 1) / 2)];
  const above = sorted[Math.ceil((n - 1) / 2)];
  return median - below < above - median ? below : above;
}

/** Number of non-NaN values. */
export function countObserved(values: ArrayLike<number>): number {
  let c = 0;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isNaN(values[i])) {
      c++;
    }
  }
  return c;
}
