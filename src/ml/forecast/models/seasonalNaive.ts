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
