// Multi-seasonal decomposition (daily + weekly, MSTL-like): seasonal profiles by phase, estimated
// in turn on the series less the trend and the other seasons; the seasonally adjusted series is
// forecast with damped Holt and the profiles are added back.
import { ForecastModel } from './model';
import { dampedHolt, HoltWintersParams } from './holtWinters';
import { movingAverage } from '../../stats/movingAverage';
import { linearTrend } from './linearTrend';

const ITERATIONS = 2;

export interface Decomposition {
  periods: number[];
  seasonals: Float64Array[];
  adjusted: Float64Array;
}

/**
 * Decompositions of recent prefixes of a series, by buffer: backtests refit 'mstl' and
 * 'seasonal-linear' at the same origins, and both start from the same decomposition.
 */
const memo = new WeakMap<ArrayBufferLike, Map<string, Decomposition>>();

export function decompose(y: Float64Array, periods: number[]): Decomposition {
  const key = `${y.byteOffset}:${y.length}:${periods.join(',')}`;
  let byKey = memo.get(y.buffer);
  const hit = byKey?.get(key);
  if (hit) {
    return hit;
  }
  const d = decomposeUncached(y, periods);
  if (!byKey) {
    byKey = new Map();
    memo.set(y.buffer, byKey);
  }
  if (byKey.size > 64) {
    byKey.clear();
  }
  byKey.set(key, d);
  return d;
}

function decomposeUncached(y: Float64Array, periods: number[]): Decomposition {
  const n = y.length;
  const ps = periods.filter((p) => p > 1 && n >= 2 * p).sort((a, b) => a - b);
  const seasonals = ps.map((p) => new Float64Array(p));
  const work = new Float64Array(n);
  let trend = movingAverage(y, ps.length ? ps[ps.length - 1] : 1);
  for (let it = 0; it < ITERATIONS; it++) {
    for (let j = 0; j < ps.length; j++) {
      // y less the trend and every other season, then averaged by phase of this one.
      for (let t = 0; t < n; t++) {
        work[t] = y[t] - trend[t];
      }
      for (let k = 0; k < ps.length; k++) {
        if (k !== j) {
          subtractSeason(work, seasonals[k]);
        }
      }
      phaseMeans(work, ps[j], seasonals[j]);
    }
    work.set(y);
    seasonals.forEach((s) => subtractSeason(work, s));
    trend = movingAverage(work, ps.length ? ps[0] : 1);
  }
  const adjusted = y.slice();
  seasonals.forEach((s) => subtractSeason(adjusted, s));
  return { periods: ps, seasonals, adjusted };
}

/** x[t] -= season[t mod p], walking the phase instead of dividing at every point. */
function subtractSeason(x: Float64Array, season: Float64Array) {
  const p = season.length;
  for (let t = 0, phase = 0; t < x.length; t++) {
    x[t] -= season[phase];
    if (++phase === p) {
      phase = 0;
    }
  }
}

/** Mean of x at each phase of the period, centred on zero. */
function phaseMeans(x: Float64Array, p: number, out: Float64Array) {
  out.fill(0);
  const counts = new Float64Array(p);
  for (let t = 0, phase = 0; t < x.length; t++) {
    out[phase] += x[t];
    counts[phase]++;
    if (++phase === p) {
      phase = 0;
    }
  }
  let mean = 0;
  for (let k = 0; k < p; k++) {
    out[k] /= counts[k] || 1;
    mean += out[k];
  }
  mean /= p;
  for (let k = 0; k < p; k++) {
    out[k] -= mean;
  }
}

function withSeasons(d: Decomposition, n: number, adjusted: (horizon: number) => Float64Array) {
  return (horizon: number) => {
    const out = adjusted(horizon);
    for (let h = 0; h < horizon; h++) {
      for (let k = 0; k < d.periods.length; k++) {
        out[h] += d.seasonals[k][(n + h) % d.periods[k]];
      }
    }
    return out;
  };
}

/** Seasonal profiles + damped Holt on the adjusted series (like augurs' MSTL with ETS). */
export const seasonalDecomposition: ForecastModel<HoltWintersParams | undefined> = {
  name: 'mstl',
  minLength: (periods) => (periods.length ? 2 * periods[0] : Infinity),
  fit(y, periods, params) {
    const d = decompose(y, periods);
    const holt = dampedHolt(d.adjusted, params);
    return { params: holt.params, predict: withSeasons(d, y.length, holt.predict) };
  },
};

/** Seasonal profiles + a straight line through the whole adjusted window: for slow drifts that persist. */
export const seasonalLinearTrend: ForecastModel<null> = {
  name: 'seasonal-linear',
  minLength: (periods) => (periods.length ? 2 * periods[0] : Infinity),
  fit(y, periods) {
    const d = decompose(y, periods);
    const line = linearTrend.fit(d.adjusted, []);
    return { params: null, predict: withSeasons(d, y.length, line.predict) };
  },
};
