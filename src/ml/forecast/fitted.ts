// What each fitting path of forecast() returns, and the steps they share: the band calibrated on backtest errors,
// the seasonal-naive fallback, and the check that sends a non-finite forecast to that fallback.
import { ForecastChallenge, ForecastFallback, ForecastModelChoice } from '../types';
import { MODELS } from './candidates';
import { ForecastModel } from './models/model';
import { BacktestPlan, independentBlocks } from './backtest';
import { Band, calibrateBand, naiveBand, withSeasonalSpread } from './intervals';
import { AutoSettings } from './autoSettings';

export interface Fitted {
  choice: ForecastModelChoice;
  mean: Float64Array;
  /** Distances from the mean to the prediction band's edges at each step. */
  band: Band;
  fallback?: ForecastFallback;
  challenge?: ForecastChallenge;
}

/** The band from backtest errors (forecast − actual), blended with the window's seasonal changes. */
export function calibratedBand(
  errors: Float64Array,
  y: Float64Array,
  periods: number[],
  plan: BacktestPlan,
  horizon: number,
  level: number,
  relative: number,
  settings: AutoSettings
): Band {
  const blocks = independentBlocks(plan);
  const band = calibrateBand(errors, plan.horizon, horizon, level, blocks, settings.band);
  return withSeasonalSpread(band, y, periods, level, blocks, relative, settings.band);
}

/** Seasonal naive with a random-walk band: what a handful of points can honestly support. */
export function fitFallback(
  y: Float64Array,
  periods: number[],
  horizon: number,
  level: number,
  fallback: ForecastFallback
): Fitted {
  const model: ForecastModel<null> = MODELS['seasonal-naive'];
  return {
    choice: { name: 'seasonal-naive' },
    mean: model.fit(y, periods).predict(horizon),
    band: naiveBand(y, horizon, level),
    fallback,
  };
}

/** A model that produced a non-finite number is replaced by the fallback rather than shown. */
export function finite(f: Fitted, y: Float64Array, periods: number[], horizon: number, level: number): Fitted {
  const ok =
    f.mean.every(Number.isFinite) && f.band.below.every(Number.isFinite) && f.band.above.every(Number.isFinite);
  if (ok) {
    return f;
  }
  return fitFallback(y, periods, horizon, level, { from: f.choice, reason: 'not-converged', points: y.length });
}
