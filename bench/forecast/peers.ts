// Peer forecasters for the bench: the baselines that need no model (persistence, the last day's mean, drift,
// seasonal naive, Prometheus-like predict_linear) and augurs (Grafana's WASM library) MSTL with an ETS trend.
// Missing hours (BioHPC's gaps) are carried forward from the last observed value before any peer sees them.
import fs from 'fs';
import path from 'path';
import { PointForecast, SEASON, Train } from './protocol';

/** The training values with each missing one replaced by the last observed (the first observed before any). */
export function carryForward(values: Float64Array): Float64Array {
  const out = values.slice();
  let last = NaN;
  for (let i = 0; i < out.length; i++) {
    if (Number.isFinite(out[i])) {
      last = out[i];
    } else {
      out[i] = last;
    }
  }
  const first = out.find(Number.isFinite) ?? 0;
  for (let i = 0; i < out.length && !Number.isFinite(out[i]); i++) {
    out[i] = first;
  }
  return out;
}

function flat(value: number, horizon: number): PointForecast {
  return { mean: new Float64Array(horizon).fill(value) };
}

/** Persistence: every future hour equals the last observed one. */
export function naivePeer(train: Train, horizon: number): PointForecast {
  const y = carryForward(train.values);
  return flat(y[y.length - 1], horizon);
}

/** The mean of the last season (24 h), held flat. */
export function lastSeasonMeanPeer(train: Train, horizon: number): PointForecast {
  const y = carryForward(train.values);
  let s = 0;
  for (let i = y.length - SEASON; i < y.length; i++) {
    s += y[i];
  }
  return flat(s / SEASON, horizon);
}

/** Random walk with drift: the last value plus the window's average step per hour. */
export function driftPeer(train: Train, horizon: number): PointForecast {
  const y = carryForward(train.values);
  const n = y.length;
  const slope = (y[n - 1] - y[0]) / (n - 1);
  return { mean: Float64Array.from({ length: horizon }, (_, h) => y[n - 1] + slope * (h + 1)) };
}

export function seasonalNaivePeer(train: Train, horizon: number): PointForecast {
  const y = carryForward(train.values);
  const n = y.length;
  const mean = new Float64Array(horizon);
  for (let i = 0; i < horizon; i++) {
    mean[i] = y[n - SEASON + (i % SEASON)];
  }
  return { mean };
}

/** Least squares line over the last 6 hours' worth of points, extrapolated (predict_linear(x[6h], ...)). */
export function predictLinearPeer(window: number) {
  return (train: Train, horizon: number): PointForecast => {
    const values = carryForward(train.values);
    const n = values.length;
    const from = Math.max(0, n - window);
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let sxy = 0;
    const m = n - from;
    for (let i = from; i < n; i++) {
      const x = i - from;
      const y = values[i];
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
    const slope = m > 1 ? (m * sxy - sx * sy) / (m * sxx - sx * sx) : 0;
    const icpt = (sy - slope * sx) / m;
    const mean = new Float64Array(horizon);
    for (let i = 0; i < horizon; i++) {
      mean[i] = icpt + slope * (m + i);
    }
    return { mean };
  };
}

/** augurs' WASM modules need their binary handed over explicitly in Node. */
async function loadAugursModule<T extends { initSync: (m: { module: Buffer }) => unknown }>(
  name: string,
  mod: Promise<T>
): Promise<T> {
  const dir = path.dirname(require.resolve(`@bsull/augurs/${name}`));
  const m = await mod;
  m.initSync({ module: fs.readFileSync(path.join(dir, `${name}_bg.wasm`)) });
  return m;
}

/** augurs MSTL (daily + weekly seasons) with an AutoETS trend, as Grafana's ML features use it. */
export async function loadAugursMstl(periods: number[]) {
  const mstl = await loadAugursModule('mstl', import('@bsull/augurs/mstl'));
  return (train: Train, horizon: number): PointForecast => {
    const model = mstl.MSTL.ets(periods);
    model.fit(carryForward(train.values));
    const f = model.predict(horizon, 0.95);
    return { mean: f.point, lower: f.intervals?.lower, upper: f.intervals?.upper };
  };
}

/** augurs AutoETS with a daily season (model form searched, "ZZZ"). */
export async function loadAugursEts() {
  const ets = await loadAugursModule('ets', import('@bsull/augurs/ets'));
  return (train: Train, horizon: number): PointForecast => {
    const model = new ets.AutoETS(SEASON, 'ZZZ');
    model.fit(carryForward(train.values));
    const f = model.predict(horizon, 0.95);
    return { mean: f.point, lower: f.intervals?.lower, upper: f.intervals?.upper };
  };
}
