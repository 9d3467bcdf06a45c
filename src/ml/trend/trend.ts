// The trend shown beside a metric: how fast it grows per day, how sure we are, and where its level jumped.

import { EcotiMlError, Series, Trend } from '../types';
import { regularize } from '../hygiene/regularize';
import { levelShifts } from './changepoints';
import { removeDailyCycle } from './dailyCycle';
import { observedPoints } from './observed';
import { theilSen } from './theilSen';

const DAY_MS = 86_400_000;

/**
 * Theil–Sen slope per day with its ~95% range (see `theilSen`: exact up to 2000 observed points, on
 * 1000 bin means beyond) and the level change points (see `levelShifts`), on the series regularised
 * to its dominant step. NaN values are ignored. When the step divides a day and at least 5 days show
 * a clear daily cycle, the cycle is removed first (see `removeDailyCycle`).
 *
 * A constant series gives 0 [0, 0] and no change points; fewer than two observed points give the same.
 * Throws `EcotiMlError` from `regularize` (EMPTY_SERIES when no timestamp is valid, BAD_INPUT,
 * LENGTH_MISMATCH, TOO_LONG, or BAD_OPTION when the grid would exceed `MAX_GRID_POINTS`), and
 * OUT_OF_RANGE when the slope per day does not fit in a double.
 */
export function trend(series: Series): Trend {
  const grid = regularize(series);
  const { x, y } = observedPoints(grid.values);
  const flat: Trend = { slopePerDay: 0, lower: 0, upper: 0, changepoints: [] };
  if (y.length < 2 || !(grid.step > 0)) {
    return flat;
  }
  // Work in [−1, 1]: differences of values near ±1e308 would overflow into NaN slopes otherwise.
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < y.length; i++) {
    lo = Math.min(lo, y[i]);
    hi = Math.max(hi, y[i]);
  }
  const half = hi / 2 - lo / 2;
  if (!(half > 0)) {
    return flat;
  }
  const centre = hi / 2 + lo / 2;
  let z: Float64Array = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    z[i] = (y[i] - centre) / half;
  }
  let fit = theilSen(x, z);
  const stepsPerDay = DAY_MS / grid.step;
  const withoutCycle = removeDailyCycle(x, z, fit.slope, stepsPerDay);
  if (withoutCycle !== null) {
    z = withoutCycle;
    fit = theilSen(x, z);
  }
  // Scale before converting to days so that a zero slope stays 0 (never 0 × Infinity).
  const toDay = (s: number) => s * half * stepsPerDay;
  const slopes = { slopePerDay: toDay(fit.slope), lower: toDay(fit.lower), upper: toDay(fit.upper) };
  if (!Object.values(slopes).every(Number.isFinite)) {
    throw new EcotiMlError(
      'OUT_OF_RANGE',
      `The slope per day is beyond ±1.8e308, the largest number a double holds (values up to ${hi.toExponential(1)} ` +
        `every ${grid.step} ms): use a larger unit.`
    );
  }
  return { ...slopes, changepoints: levelShifts(x, z).map((k) => grid.start + x[k] * grid.step) };
}
