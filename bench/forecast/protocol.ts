// The forecast protocol: 20 origins evenly spread over the last 40% of a series, 720 training points before
// each, horizons 24 and 168; MASE, sMAPE, interval coverage, time. Series: ETTh1 columns and the BioHPC GPU
// servers' hourly power (real gaps: missing hours are NaN, never scored).
import fs from 'fs';
import path from 'path';
import { SHARED_DATASETS } from '../datasets';
import { BIOHPC_SERVERS, biohpcAvailable, loadBiohpc } from '../biohpc/load';
import { median } from '../../src/ml';

export const TRAIN = 720;
export const HORIZONS = [24, 168];
export const ORIGINS = 20;
export const SEASON = 24;
/** An origin is used only when this share of its training window and of its longest horizon is observed. */
const MIN_OBSERVED = 0.5;

export interface Column {
  /** What the tables call it: the ETTh1 column, or the BioHPC server. */
  name: string;
  corpus: 'ETTh1' | 'BioHPC';
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
    return { name, corpus: 'ETTh1', timestamps, values };
  });
}

/** Each BioHPC server's hourly mean power (`powerave`, W) on its hourly grid, NaN where the export has no row. */
export function loadBiohpcPower(servers: readonly string[] = BIOHPC_SERVERS): Column[] {
  return BIOHPC_SERVERS.filter((s) => servers.includes(s) && biohpcAvailable(s)).map((server) => {
    const grid = loadBiohpc(server);
    return { name: server, corpus: 'BioHPC', timestamps: grid.timestamps, values: grid.columns.powerave };
  });
}

/** The reported origins (first forecast index): 20 evenly spread over the last 40%, shared by both horizons. */
export function origins(length: number, maxHorizon: number): number[] {
  return spread(Math.ceil(0.6 * length), length - maxHorizon);
}

/**
 * Development origins, for choosing parameters: 20 spread over the first 60%, every forecast window ending
 * before the first reported origin, so nothing chosen on them has seen a reported actual.
 */
export function developmentOrigins(length: number, maxHorizon: number): number[] {
  return spread(TRAIN, Math.ceil(0.6 * length) - maxHorizon);
}

function spread(first: number, last: number): number[] {
  return Array.from({ length: ORIGINS }, (_, k) => Math.round(first + (k * (last - first)) / (ORIGINS - 1)));
}

/** Origins whose training window and longest forecast window are mostly observed (BioHPC has month-long gaps). */
export function usableOrigins(values: Float64Array, candidates: number[], maxHorizon: number): number[] {
  const share = (from: number, to: number) => {
    let seen = 0;
    for (let i = from; i < to; i++) {
      seen += Number.isFinite(values[i]) ? 1 : 0;
    }
    return seen / (to - from);
  };
  return candidates.filter((o) => share(o - TRAIN, o) >= MIN_OBSERVED && share(o, o + maxHorizon) >= MIN_OBSERVED);
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
  /** Origins scored (after dropping mostly-missing windows). */
  origins: number;
  /** Per origin, in order: MASE and 95% coverage (NaN without a band), for paired comparisons and standard errors. */
  perOrigin: { mase: number[]; coverage: number[] };
  /** Non-overlapping forecast windows the origins span: the independent samples behind a standard error. */
  windows: number;
}

export type Train = { timestamps: Float64Array; values: Float64Array };
export type Forecaster = (train: Train, horizon: number) => PointForecast;

/** In-sample seasonal-naive MAE of a training window, over the pairs both observed: MASE's denominator. */
export function maseScale(values: Float64Array): number {
  let scale = 0;
  let pairs = 0;
  for (let i = SEASON; i < values.length; i++) {
    const d = values[i] - values[i - SEASON];
    if (Number.isFinite(d)) {
      scale += Math.abs(d);
      pairs++;
    }
  }
  return scale / pairs;
}

/** Scores one forecaster on one column and horizon over the given origins (default: the reported ones). */
export function scoreCase(column: Column, horizon: number, forecaster: Forecaster, at?: number[]): CaseScore {
  const maxHorizon = Math.max(...HORIZONS);
  const os = usableOrigins(column.values, at ?? origins(column.values.length, maxHorizon), maxHorizon);
  let maseSum = 0;
  let smapeSum = 0;
  let covered = 0;
  let intervalPoints = 0;
  const times: number[] = [];
  const perOrigin: CaseScore['perOrigin'] = { mase: [], coverage: [] };
  for (const o of os) {
    const train = {
      timestamps: column.timestamps.subarray(o - TRAIN, o),
      values: column.values.subarray(o - TRAIN, o),
    };
    const actual = column.values.subarray(o, o + horizon);
    const t0 = performance.now();
    const f = forecaster(train, horizon);
    times.push(performance.now() - t0);
    const scale = maseScale(train.values);
    let ae = 0;
    let sm = 0;
    let scored = 0;
    let inside = 0;
    let banded = 0;
    for (let i = 0; i < horizon; i++) {
      if (!Number.isFinite(actual[i])) {
        continue;
      }
      scored++;
      const e = Math.abs(actual[i] - f.mean[i]);
      ae += e;
      const denom = Math.abs(actual[i]) + Math.abs(f.mean[i]);
      sm += denom === 0 ? 0 : (2 * e) / denom;
      if (f.lower && f.upper) {
        banded++;
        if (actual[i] >= f.lower[i] && actual[i] <= f.upper[i]) {
          inside++;
        }
      }
    }
    covered += inside;
    intervalPoints += banded;
    perOrigin.mase.push(ae / scored / scale);
    perOrigin.coverage.push(banded ? inside / banded : NaN);
    maseSum += ae / scored / scale;
    smapeSum += (100 * sm) / scored;
  }
  return {
    mase: maseSum / os.length,
    smape: smapeSum / os.length,
    coverage: intervalPoints ? covered / intervalPoints : NaN,
    medianMs: median(times),
    origins: os.length,
    perOrigin,
    windows: os.length > 1 ? Math.min(os.length, Math.floor((os[os.length - 1] - os[0]) / horizon) + 1) : os.length,
  };
}

/**
 * Standard error of a mean over origins, counting `windows` independent samples: origins closer than the
 * horizon share most of their forecast window, so their errors are not independent.
 */
export function standardError(values: number[], windows: number): number {
  const v = values.filter(Number.isFinite);
  if (v.length < 2) {
    return NaN;
  }
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const variance = v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1);
  return Math.sqrt(variance / Math.max(1, Math.min(windows, v.length)));
}
