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
