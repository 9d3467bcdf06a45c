// Additive Holt–Winters (ETS A,Ad,A) with damped trend; smoothing parameters fitted by minimising
// one-step squared error with Nelder–Mead. Without a season it is damped Holt (ETS A,Ad,N).
import { ForecastModel } from './model';
import { nelderMead, squash, unsquash } from '../nelderMead';

export interface HoltWintersParams {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

interface State {
  level: number;
  trend: number;
  season: Float64Array;
  sse: number;
}

const BOUNDS = { alpha: [0.01, 0.99], beta: [0.001, 0.3], gamma: [0.001, 0.5], phi: [0.8, 0.98] } as const;

/** Runs the filter over y; returns the final state and the sum of squared one-step errors. */
export function holtWintersFilter(y: Float64Array, period: number, p: HoltWintersParams): State {
  const n = y.length;
  const m = Math.max(1, period);
  const season = new Float64Array(m);
  let level: number;
  let trend: number;
  if (m > 1 && n >= 2 * m) {
    let first = 0;
    let second = 0;
    for (let i = 0; i < m; i++) {
      first += y[i];
      second += y[i + m];
    }
    first /= m;
    second /= m;
    level = first;
    trend = (second - first) / m;
    for (let i = 0; i < m; i++) {
      season[i] = y[i] - (first + trend * (i - (m - 1) / 2));
    }
  } else {
    level = y[0];
    trend = n > 1 ? (y[Math.min(n - 1, 9)] - y[0]) / Math.min(n - 1, 9) : 0;
  }
  let sse = 0;
  const { alpha, beta, gamma, phi } = p;
  for (let t = 0; t < n; t++) {
    const s = m > 1 ? season[t % m] : 0;
    const fc = level + phi * trend + s;
    const e = y[t] - fc;
    sse += e * e;
    const newLevel = alpha * (y[t] - s) + (1 - alpha) * (level + phi * trend);
    trend = beta * (newLevel - level) + (1 - beta) * phi * trend;
    level = newLevel;
    if (m > 1) {
      season[t % m] = gamma * (y[t] - level) + (1 - gamma) * s;
    }
  }
  return { level, trend, season, sse };
}

/**
 * Smoothing parameters are fitted on the recent tail only: a few seasons pin them down as well as
 * the whole window does, at a fraction of the cost of each of the minimiser's evaluations.
 */
const MAX_FIT_POINTS = 1000;

export function fitHoltWintersParams(series: Float64Array, period: number): HoltWintersParams {
  const seasonal = period > 1;
  const keep = Math.max(MAX_FIT_POINTS, seasonal ? 3 * period : 0);
  const y = series.length > keep ? series.subarray(series.length - keep) : series;
  const keys = seasonal ? (['alpha', 'beta', 'gamma', 'phi'] as const) : (['alpha', 'beta', 'phi'] as const);
  const decode = (x: Float64Array): HoltWintersParams => {
    const p: HoltWintersParams = { alpha: 0.3, beta: 0.01, gamma: 0.1, phi: 0.9 };
    keys.forEach((k, i) => (p[k] = squash(x[i], BOUNDS[k][0], BOUNDS[k][1])));
    return p;
  };
  const start = keys.map((k) =>
    unsquash({ alpha: 0.3, beta: 0.01, gamma: 0.1, phi: 0.9 }[k], BOUNDS[k][0], BOUNDS[k][1])
  );
  const best = nelderMead((x) => holtWintersFilter(y, period, decode(x)).sse, start, { maxIter: 80, step: 1 });
  return decode(best);
}

function forecastFromState(state: State, n: number, period: number, phi: number, horizon: number): Float64Array {
  const out = new Float64Array(horizon);
  let damp = 0;
  let pow = 1;
  for (let h = 1; h <= horizon; h++) {
    pow *= phi;
    damp += pow;
    const s = period > 1 ? state.season[(n + h - 1) % period] : 0;
    out[h - 1] = state.level + damp * state.trend + s;
  }
  return out;
}

export const holtWinters: ForecastModel<HoltWintersParams> = {
  name: 'holt-winters',
  minLength: (periods) => (periods.length ? 2 * periods[0] + 2 : 10),
  fit(y, periods, params) {
    const period = periods.length && y.length >= 2 * periods[0] ? periods[0] : 1;
    const p = params ?? fitHoltWintersParams(y, period);
    const state = holtWintersFilter(y, period, p);
    return { params: p, predict: (horizon) => forecastFromState(state, y.length, period, p.phi, horizon) };
  },
};

/** Damped Holt on a series with no season (used on deseasonalised data). */
export function dampedHolt(y: Float64Array, params?: HoltWintersParams) {
  const p = params ?? fitHoltWintersParams(y, 1);
  const state = holtWintersFilter(y, 1, p);
  return { params: p, predict: (horizon: number) => forecastFromState(state, y.length, 1, p.phi, horizon) };
}
