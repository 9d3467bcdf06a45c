// Peer forecasters for the bench: seasonal naive, Prometheus-like predict_linear, and augurs
// (Grafana's WASM library) MSTL with an ETS trend.
import fs from 'fs';
import path from 'path';
import { PointForecast, SEASON } from './protocol';

type Train = { timestamps: Float64Array; values: Float64Array };

export function seasonalNaivePeer(train: Train, horizon: number): PointForecast {
  const n = train.values.length;
  const mean = new Float64Array(horizon);
  for (let i = 0; i < horizon; i++) {
    mean[i] = train.values[n - SEASON + (i % SEASON)];
  }
  return { mean };
}

/** Least squares line over the last 6 hours' worth of points, extrapolated (predict_linear(x[6h], ...)). */
export function predictLinearPeer(window: number) {
  return (train: Train, horizon: number): PointForecast => {
    const n = train.values.length;
    const from = Math.max(0, n - window);
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let sxy = 0;
    const m = n - from;
    for (let i = from; i < n; i++) {
      const x = i - from;
      const y = train.values[i];
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
    model.fit(train.values);
    const f = model.predict(horizon, 0.95);
    return { mean: f.point, lower: f.intervals?.lower, upper: f.intervals?.upper };
  };
}

/** augurs AutoETS with a daily season (model form searched, "ZZZ"). */
export async function loadAugursEts() {
  const ets = await loadAugursModule('ets', import('@bsull/augurs/ets'));
  return (train: Train, horizon: number): PointForecast => {
    const model = new ets.AutoETS(SEASON, 'ZZZ');
    model.fit(train.values);
    const f = model.predict(horizon, 0.95);
    return { mean: f.point, lower: f.intervals?.lower, upper: f.intervals?.upper };
  };
}
