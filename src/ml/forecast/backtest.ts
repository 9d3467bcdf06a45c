// Rolling-origin backtest inside the training window: each candidate is refitted at several
// origins and scored on the steps that follow, which is what both model choice and the
// calibrated intervals are built from.
import { ForecastModel } from './models/model';

export interface BacktestPlan {
  /** Origins (first forecast index), ascending. */
  origins: number[];
  /** Steps forecast from each origin (may be shorter than the requested horizon). */
  horizon: number;
}

const MAX_ORIGINS = 12;

/** Picks up to `maxOrigins` origins that leave at least `minTrain` points to fit and `horizon` points to score. */
export function planBacktest(
  n: number,
  horizon: number,
  minTrain: number,
  maxOrigins = MAX_ORIGINS
): BacktestPlan | null {
  const h = Math.min(horizon, n - minTrain);
  if (h < 1) {
    return null;
  }
  const first = minTrain;
  const last = n - h;
  const count = Math.min(maxOrigins, last - first + 1);
  const origins: number[] = [];
  for (let k = 0; k < count; k++) {
    origins.push(count === 1 ? last : Math.round(last - (k * (last - first)) / (count - 1)));
  }
  return { origins: origins.reverse(), horizon: h };
}

/**
 * Forecasts of each model at each origin, flattened as [origin][step] into one Float64Array,
 * plus the actual values in the same layout.
 */
export function runBacktest(
  y: Float64Array,
  periods: number[],
  models: Array<{ model: ForecastModel<any>; params: unknown }>,
  plan: BacktestPlan
): { forecasts: Float64Array[]; actuals: Float64Array } {
  const { origins, horizon } = plan;
  const actuals = new Float64Array(origins.length * horizon);
  origins.forEach((o, i) => actuals.set(y.subarray(o, o + horizon), i * horizon));
  const forecasts = models.map(({ model, params }) => {
    const out = new Float64Array(origins.length * horizon);
    if (model.backtest) {
      model.backtest(y, periods, params, origins, horizon).forEach((f, i) => out.set(f, i * horizon));
      return out;
    }
    origins.forEach((o, i) => {
      const fitted = model.fit(y.subarray(0, o), periods, params);
      out.set(fitted.predict(horizon), i * horizon);
    });
    return out;
  });
  return { forecasts, actuals };
}

/** How many non-overlapping forecast windows the origins span: the backtest's independent samples. */
export function independentBlocks(plan: BacktestPlan): number {
  const o = plan.origins;
  return Math.min(o.length, (o[o.length - 1] - o[0]) / plan.horizon + 1);
}

export function meanAbsoluteError(forecast: Float64Array, actual: Float64Array): number {
  let s = 0;
  for (let i = 0; i < actual.length; i++) {
    s += Math.abs(actual[i] - forecast[i]);
  }
  return s / actual.length;
}

/** A stretch flatter than this share of the window's typical change still counts as this (see originWeights). */
const MIN_SCALE_SHARE = 0.1;

/**
 * What each origin's summed absolute error is multiplied by when candidates are compared. With `scaled`, it is
 * divided by the mean seasonal change (lag = the shortest season, else 1) of the series before the origin, as
 * MASE does, so that an origin in a quiet stretch counts as much as one in a job burst; a stretch that was
 * nearly flat is floored at a tenth of the whole window's change, or its origin alone would decide. With a
 * half-life, older origins weigh less.
 */
export function originWeights(
  y: Float64Array,
  periods: number[],
  plan: BacktestPlan,
  loss: 'scaled' | 'absolute',
  halfLife: number
): Float64Array {
  const o = plan.origins;
  const w = new Float64Array(o.length);
  const newest = o[o.length - 1];
  for (let i = 0; i < o.length; i++) {
    w[i] = halfLife > 0 ? Math.pow(0.5, (newest - o[i]) / halfLife) : 1;
  }
  if (loss === 'absolute') {
    return w;
  }
  const lag = periods.length && periods[0] < y.length ? periods[0] : 1;
  // cumulative[t]: summed |y[k] − y[k − lag]| for k < t.
  const cumulative = new Float64Array(y.length + 1);
  for (let t = 0; t < y.length; t++) {
    cumulative[t + 1] = cumulative[t] + (t >= lag ? Math.abs(y[t] - y[t - lag]) : 0);
  }
  const whole = cumulative[y.length] / Math.max(1, y.length - lag);
  const floor = Math.max(MIN_SCALE_SHARE * whole, Number.MIN_VALUE);
  for (let i = 0; i < o.length; i++) {
    const scale = o[i] > lag ? cumulative[o[i]] / (o[i] - lag) : whole;
    w[i] /= Math.max(scale, floor);
  }
  return w;
}

/** A candidate is backtested only when its minimum history leaves at least this share of the horizon to score. */
const MIN_BACKTEST_HORIZON_SHARE = 0.25;

/**
 * The candidates auto backtests. The plan starts at the longest minimum history among them, so one model that
 * needs nearly the whole window (lag regression's three seasons, on a window of three seasons and a little)
 * would shrink the backtest to a few steps, where naive and drift win and are then asked for a whole day: such
 * models sit out. Measured on three-day-and-a-bit windows forecasting a day (ETTh1's 7 columns and 3 BioHPC
 * servers at 73–90 hours, the demo simulator's racks at 3.05–5 days): never worse than keeping them, MAE/seasonal
 * naive 1.065 → 0.934 at 73 h, worst day's energy off by 19% → 5% on the racks; a whole horizon (share 1) lost
 * what lag regression gains from 78 h on. When no candidate qualifies, all are kept and scored on less.
 */
export function backtestable(models: ForecastModel[], n: number, periods: number[], horizon: number): ForecastModel[] {
  const fit = models.filter((m) => n >= m.minLength(periods));
  // A window that a candidate's minimum history fills entirely stays too short to backtest: the fallback decides.
  if (fit.some((m) => m.minLength(periods) >= n)) {
    return fit;
  }
  const scored = fit.filter((m) => n - m.minLength(periods) >= horizon * MIN_BACKTEST_HORIZON_SHARE);
  return scored.length > 0 ? scored : fit;
}
