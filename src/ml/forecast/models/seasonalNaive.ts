// Seasonal naive: tomorrow looks like today (the shortest detected season), or like the last value.
import { ForecastModel } from './model';

export const seasonalNaive: ForecastModel<null> = {
  name: 'seasonal-naive',
  minLength: () => 1,
  fit(y, periods) {
    const n = y.length;
    const p = periods.find((q) => q <= n) ?? 1;
    return {
      params: null,
      predict(horizon) {
        const out = new Float64Array(horizon);
        for (let i = 0; i < horizon; i++) {
          out[i] = y[n - p + (i % p)];
        }
        return out;
      },
    };
  },
};

/** Weekly (longest season) naive, a separate candidate: it remembers weekday/weekend shapes. */
export const longSeasonNaive: ForecastModel<null> = {
  name: 'long-seasonal-naive',
  minLength: (periods) => (periods.length > 1 ? periods[periods.length - 1] : Infinity),
  fit(y, periods) {
    return seasonalNaive.fit(y, periods.length > 1 ? [periods[periods.length - 1]] : periods);
  },
};

/** Cycles averaged by the seasonal mean. */
const MEAN_CYCLES = 7;

/**
 * Seasonal mean: each phase of the shortest season forecast by its average over the last week of
 * cycles. Less noisy than copying one cycle, and it forgets old levels after a week.
 */
export const seasonalMean: ForecastModel<null> = {
  name: 'seasonal-mean',
  minLength: (periods) => (periods.length ? 2 * periods[0] : Infinity),
  fit(y, periods) {
    const n = y.length;
    const p = periods[0];
    const cycles = Math.min(MEAN_CYCLES, Math.floor(n / p));
    const profile = new Float64Array(p);
    for (let c = 1; c <= cycles; c++) {
      for (let k = 0; k < p; k++) {
        profile[k] += y[n - c * p + k] / cycles;
      }
    }
    return {
      params: null,
      predict(horizon) {
        const out = new Float64Array(horizon);
        for (let i = 0; i < horizon; i++) {
          out[i] = profile[i % p];
        }
        return out;
      },
    };
  },
};
