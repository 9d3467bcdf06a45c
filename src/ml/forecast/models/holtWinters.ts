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

/** The filter's starting state: level and trend from the first two seasons (or points), the first season's shape. */
function initialState(y: Float64Array, m: number): { level: number; trend: number; season: Float64Array } {
  const n = y.length;
  const season = new Float64Array(m);
  if (m > 1 && n >= 2 * m) {
    let first = 0;
    let second = 0;
    for (let i = 0; i < m; i++) {
      first += y[i];
      second += y[i + m];
    }
    first /= m;
    second /= m;
    const trend = (second - first) / m;
    for (let i = 0; i < m; i++) {
      season[i] = y[i] - (first + trend * (i - (m - 1) / 2));
    }
    return { level: first, trend, season };
  }
  return { level: y[0], trend: n > 1 ? (y[Math.min(n - 1, 9)] - y[0]) / Math.min(n - 1, 9) : 0, season };
}

/**
 * Runs the filter over y; returns the final state and the sum of squared one-step errors. With `origins`
 * (ascending), the state the filter had on reaching each origin (the final state of y[0 .. origin)) is passed
 * to `onOrigin`: a backtest's fits in one pass.
 */
export function holtWintersFilter(
  y: Float64Array,
  period: number,
  p: HoltWintersParams,
  origins: number[] = [],
  onOrigin?: (state: State, index: number) => void
): State {
  const m = Math.max(1, period);
  const start = initialState(y, m);
  return runFilter(y, m, start, start.season, p, origins, onOrigin);
}

/**
 * The filter's recursions from `start`, updating `season` in place (a scratch copy when the caller must keep the
 * starting season). Seasonal updates only when m > 1.
 */
function runFilter(
  y: Float64Array,
  m: number,
  start: { level: number; trend: number },
  season: Float64Array,
  p: HoltWintersParams,
  origins: number[],
  onOrigin?: (state: State, index: number) => void
): State {
  const n = y.length;
  let { level, trend } = start;
  let sse = 0;
  const { alpha, beta, gamma, phi } = p;
  const seasonal = m > 1;
  let next = 0;
  for (let t = 0, phase = 0; t <= n; t++) {
    for (; next < origins.length && origins[next] === t; next++) {
      onOrigin?.({ level, trend, season: season.slice(), sse }, next);
    }
    if (t === n) {
      break;
    }
    const s = season[phase];
    const e = y[t] - (level + phi * trend + s);
    sse += e * e;
    const newLevel = alpha * (y[t] - s) + (1 - alpha) * (level + phi * trend);
    trend = beta * (newLevel - level) + (1 - beta) * phi * trend;
    level = newLevel;
    if (seasonal) {
      season[phase] = gamma * (y[t] - level) + (1 - gamma) * s;
    }
    if (++phase === m) {
      phase = 0;
    }
  }
  return { level, trend, season, sse };
}

const NO_ORIGINS: number[] = [];

/** The filter's sum of squared one-step errors alone, on a scratch copy of the starting season: the minimiser's objective. */
function oneStepSse(
  y: Float64Array,
  m: number,
  start: { level: number; trend: number; season: Float64Array },
  season: Float64Array,
  p: HoltWintersParams
): number {
  season.set(start.season);
  return runFilter(y, m, start, season, p, NO_ORIGINS).sse;
}

/**
 * Smoothing parameters are fitted on the recent tail only: a few seasons pin them down as well as
 * the whole window does, at a fraction of the cost of each of the minimiser's evaluations. 720 points
 * (a month of hours; three days of 5-minute steps, or three seasons when they are longer) is the
 * window the benchmarks score, so their figures were measured with it.
 */
const MAX_FIT_POINTS = 720;

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
  const m = Math.max(1, period);
  const initial = initialState(y, m);
  const scratch = new Float64Array(m);
  const best = nelderMead((x) => oneStepSse(y, m, initial, scratch, decode(x)), start, { maxIter: 80, step: 1 });
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

/** The season a fit on n points uses: the shortest, once two of its cycles are there. */
function seasonFor(n: number, periods: number[]): number {
  return periods.length && n >= 2 * periods[0] ? periods[0] : 1;
}

/** Shortest prefix whose filter starts as the whole series' does (its first ten points, or two seasons). */
const SHORTEST_SHARED_START = 10;

export const holtWinters: ForecastModel<HoltWintersParams> = {
  name: 'holt-winters',
  minLength: (periods) => (periods.length ? 2 * periods[0] + 2 : 10),
  fit(y, periods, params) {
    const period = seasonFor(y.length, periods);
    const p = params ?? fitHoltWintersParams(y, period);
    const state = holtWintersFilter(y, period, p);
    return { params: p, predict: (horizon) => forecastFromState(state, y.length, period, p.phi, horizon) };
  },
  backtest(y, periods, params, origins, horizon) {
    const period = seasonFor(origins[0], periods);
    // Prefixes that start the filter differently (too short for the season or the trend) are refitted alone.
    if (origins[0] < SHORTEST_SHARED_START || period !== seasonFor(y.length, periods)) {
      return origins.map((o) => holtWinters.fit(y.subarray(0, o), periods, params).predict(horizon));
    }
    const out: Float64Array[] = [];
    holtWintersFilter(y, period, params, origins, (state, i) => {
      out[i] = forecastFromState(state, origins[i], period, params.phi, horizon);
    });
    return out;
  },
};

/** Damped Holt on a series with no season (used on deseasonalised data). */
export function dampedHolt(y: Float64Array, params?: HoltWintersParams) {
  const p = params ?? fitHoltWintersParams(y, 1);
  const state = holtWintersFilter(y, 1, p);
  return { params: p, predict: (horizon: number) => forecastFromState(state, y.length, 1, p.phi, horizon) };
}
