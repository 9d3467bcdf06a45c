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

/** Picks origins that leave at least `minTrain` points to fit and `horizon` points to score. */
export function planBacktest(n: number, horizon: number, minTrain: number): BacktestPlan | null {
  const h = Math.min(horizon, n - minTrain);
  if (h < 1) {
    return null;
  }
  const first = minTrain;
  const last = n - h;
  const count = Math.min(MAX_ORIGINS, last - first + 1);
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
