// The fleet challenger's backtest: its forecasts at auto's origins (where its window allows), scored as auto's
// candidates are, so that forecast() can compare the two on the same points and calibrate its band.
import { ForecastChallenger } from '../types';
import { BacktestPlan } from './backtest';

/** Where the modelled values sit in time: index i is at start + i·step (ms). */
export interface Timing {
  start: number;
  step: number;
}

export type TimedChallenger = Timing & { challenger: ForecastChallenger };

export function actualsOf(y: Float64Array, plan: BacktestPlan): Float64Array {
  const out = new Float64Array(plan.origins.length * plan.horizon);
  plan.origins.forEach((o, i) => out.set(y.subarray(o, o + plan.horizon), i * plan.horizon));
  return out;
}

/** Fewest backtest origins a challenger must forecast to be compared at all. */
const MIN_CHALLENGER_ORIGINS = 3;

/**
 * The challenger's forecast − actual, [origin][step], at the origins (indices `kept` into the plan's) where it
 * could forecast; null when it could at fewer than MIN_CHALLENGER_ORIGINS or gave a non-finite number.
 */
export function challengerBacktest(
  c: TimedChallenger,
  y: Float64Array,
  plan: BacktestPlan,
  actuals: Float64Array
): { kept: number[]; plan: BacktestPlan; errors: Float64Array } | null {
  const steps = plan.horizon;
  const kept: number[] = [];
  const rows: Float64Array[] = [];
  for (let i = 0; i < plan.origins.length; i++) {
    const o = plan.origins[i];
    const f = c.challenger.predict(y.subarray(0, o), steps, c.start + (o - 1) * c.step, c.step);
    if (!f || f.length < steps) {
      continue;
    }
    const row = new Float64Array(steps);
    for (let h = 0; h < steps; h++) {
      row[h] = f[h] - actuals[i * steps + h];
    }
    if (!row.every(Number.isFinite)) {
      return null;
    }
    kept.push(i);
    rows.push(row);
  }
  if (kept.length < Math.min(MIN_CHALLENGER_ORIGINS, plan.origins.length)) {
    return null;
  }
  const errors = new Float64Array(kept.length * steps);
  rows.forEach((r, k) => errors.set(r, k * steps));
  return { kept, plan: { origins: kept.map((i) => plan.origins[i]), horizon: steps }, errors };
}

/** The [origin][step] rows of `values` at the origin indices `kept`. */
export function pickOrigins(values: Float64Array, kept: number[], steps: number): Float64Array {
  const out = new Float64Array(kept.length * steps);
  kept.forEach((i, k) => out.set(values.subarray(i * steps, (i + 1) * steps), k * steps));
  return out;
}

export function pickWeights(weights: Float64Array, kept: number[]): Float64Array {
  return Float64Array.from(kept, (i) => weights[i]);
}

/** The challenger's forecast from the whole history, or null when it cannot give `horizon` finite steps. */
export function predictFinite(c: TimedChallenger, y: Float64Array, horizon: number): Float64Array | null {
  const f = c.challenger.predict(y, horizon, c.start + (y.length - 1) * c.step, c.step);
  return f && f.length >= horizon && f.subarray(0, horizon).every(Number.isFinite) ? f.slice(0, horizon) : null;
}

/** Summed absolute error per origin times the origin's weight, as chooseCombination scores subsets. */
export function weightedError(errors: Float64Array, steps: number, weights: Float64Array): number {
  let total = 0;
  for (let o = 0; o < weights.length; o++) {
    let e = 0;
    for (let h = o * steps; h < (o + 1) * steps; h++) {
      e += Math.abs(errors[h]);
    }
    total += e * weights[o];
  }
  return total;
}
