// Forecasts that need no model: persistence (the last value), the mean of the last season held flat, drift
// (the last value plus the window's average step) and the median of the last two seasons. On bursty or
// random-walk-like series, such as a GPU server between idle and multi-day jobs, they are what a model has to
// beat, so `auto` backtests them too.
import { ForecastModel } from './model';
import { medianInPlace } from '../../stats/quantile';

function flat(value: number, horizon: number): Float64Array {
  return new Float64Array(horizon).fill(value);
}

/** Persistence: every future step equals the last observed one (a random walk's best forecast). */
export const naive: ForecastModel<null> = {
  name: 'naive',
  minLength: () => 1,
  fit(y) {
    const last = y[y.length - 1];
    return { params: null, predict: (horizon) => flat(last, horizon) };
  },
};

/** Without a detected season, the "last season" is this share of the window (a day of a 30-day window). */
const UNSEASONAL_SHARE = 1 / 30;

/** Points the last-season mean averages: the shortest season, else a thirtieth of the window. */
export function lastSeasonLength(n: number, periods: number[]): number {
  const p = periods.find((q) => q <= n) ?? Math.round(n * UNSEASONAL_SHARE);
  return Math.max(1, Math.min(n, p));
}

/**
 * The mean of the last season, held flat: persistence with the noise and the daily swing averaged out, so it
 * follows a level shift a season after it happens.
 */
export const lastSeasonMean: ForecastModel<null> = {
  name: 'last-season-mean',
  minLength: () => 1,
  fit(y, periods) {
    const n = y.length;
    const p = lastSeasonLength(n, periods);
    let s = 0;
    for (let i = n - p; i < n; i++) {
      s += y[i];
    }
    const mean = s / p;
    return { params: null, predict: (horizon) => flat(mean, horizon) };
  },
};

/** Random walk with drift: the last value plus the average step over the window, per step ahead. */
export const drift: ForecastModel<null> = {
  name: 'drift',
  minLength: () => 2,
  fit(y) {
    const n = y.length;
    const last = y[n - 1];
    const slope = n > 1 ? (last - y[0]) / (n - 1) : 0;
    return {
      params: null,
      predict(horizon) {
        const out = new Float64Array(horizon);
        for (let h = 0; h < horizon; h++) {
          out[h] = last + slope * (h + 1);
        }
        return out;
      },
    };
  },
};

/** Seasons the recent median spans. */
const MEDIAN_SEASONS = 2;

/**
 * The median of the last two seasons (the last 48 hours of an hourly series), held flat. On a server that
 * alternates between idle and jobs it is the level the series held most of the time lately: a burst of a few
 * hours at the end of the window does not move it, a job running for more than a day does (absolute error,
 * which MASE scores, is smallest at the median).
 */
export const recentMedian: ForecastModel<null> = {
  name: 'recent-median',
  minLength: () => 1,
  fit(y, periods) {
    const n = y.length;
    const w = Math.min(n, MEDIAN_SEASONS * lastSeasonLength(n, periods));
    const level = medianInPlace(y.slice(n - w));
    return { params: null, predict: (horizon) => flat(level, horizon) };
  },
};
