// The ETTh1 forecast protocol: 20 origins evenly spread over the last 40% of the series,
// 720 training points before each, horizons 24 and 168; MASE, sMAPE, interval coverage, time.
import fs from 'fs';
import path from 'path';
import { SHARED_DATASETS } from '../datasets';
import { median } from '../../src/ml';

export const TRAIN = 720;
export const HORIZONS = [24, 168];
export const ORIGINS = 20;
export const SEASON = 24;

export interface Column {
  name: string;
  timestamps: Float64Array;
  values: Float64Array;
}

export function loadEtth1(columns: string[]): Column[] {
  const text = fs
    .readFileSync(path.join(SHARED_DATASETS, 'ETT', 'ETTh1.csv'), 'utf8')
    .trim()
    .split('\n');
  const header = text[0].split(',');
  const rows = text.slice(1);
  return columns.map((name) => {
    const c = header.indexOf(name);
    const timestamps = new Float64Array(rows.length);
    const values = new Float64Array(rows.length);
    rows.forEach((line, i) => {
      const cells = line.split(',');
      timestamps[i] = Date.parse(cells[0].replace(' ', 'T') + 'Z');
      values[i] = Number(cells[c]);
    });
    return { name, timestamps, values };
  });
}

/** Origin indices (the first forecast step) shared by both horizons. */
export function origins(length: number, maxHorizon: number): number[] {
  const first = Math.ceil(0.6 * length);
  const last = length - maxHorizon;
  return Array.from({ length: ORIGINS }, (_, k) => Math.round(first + (k * (last - first)) / (ORIGINS - 1)));
}

export interface PointForecast {
  mean: ArrayLike<number>;
  lower?: ArrayLike<number>;
  upper?: ArrayLike<number>;
}

export interface CaseScore {
  mase: number;
  smape: number;
  coverage: number;
  medianMs: number;
}

/** Scores one forecaster on one column and horizon over all origins. */
export function scoreCase(
  column: Column,
  horizon: number,
  forecaster: (train: { timestamps: Float64Array; values: Float64Array }, horizon: number) => PointForecast
): CaseScore {
  const os = origins(column.values.length, Math.max(...HORIZONS));
  let maseSum = 0;
  let smapeSum = 0;
  let covered = 0;
  let intervalPoints = 0;
  const times: number[] = [];
  for (const o of os) {
    const train = {
      timestamps: column.timestamps.subarray(o - TRAIN, o),
      values: column.values.subarray(o - TRAIN, o),
    };
    const actual = column.values.subarray(o, o + horizon);
    const t0 = performance.now();
    const f = forecaster(train, horizon);
    times.push(performance.now() - t0);
    let scale = 0;
    for (let i = SEASON; i < TRAIN; i++) {
      scale += Math.abs(train.values[i] - train.values[i - SEASON]);
    }
    scale /= TRAIN - SEASON;
    let ae = 0;
    let sm = 0;
    for (let i = 0; i < horizon; i++) {
      const e = Math.abs(actual[i] - f.mean[i]);
      ae += e;
      const denom = Math.abs(actual[i]) + Math.abs(f.mean[i]);
      sm += denom === 0 ? 0 : (2 * e) / denom;
      if (f.lower && f.upper) {
        intervalPoints++;
        if (actual[i] >= f.lower[i] && actual[i] <= f.upper[i]) {
          covered++;
        }
      }
    }
    maseSum += ae / horizon / scale;
    smapeSum += (100 * sm) / horizon;
  }
  return {
    mase: maseSum / os.length,
    smape: smapeSum / os.length,
    coverage: intervalPoints ? covered / intervalPoints : NaN,
    medianMs: median(times),
  };
}
