// The ML work of one query, series by series: pure numbers in and out, with no Grafana imports, so
// that it can run in a Web Worker as well as on the main thread.
import {
  describeForecastModel,
  detectAnomalies,
  dominantStep,
  EcotiMlError,
  forecast,
  Forecast,
  scoreAnomalies,
  trend,
  AnomalyRegion,
  Trend,
} from '../../ml';
import type { EcotiSettings } from '../../shared/settings';
import type { UpstreamSeries } from '../frames/toSeries';
import type { PredictTarget } from '../types';
import { deriveTarget, TargetError } from './energyTargets';
import { DriverInput, ExplainedSeries, explainSeries } from './explainSeries';
import type { SeriesKind } from './seriesKind';

export type SeriesTask =
  | { kind: 'predict'; target: PredictTarget; seriesKind: SeriesKind; horizonMs: number; level: number; method: string }
  | { kind: 'anomalies'; sensitivity: number }
  | { kind: 'trends' }
  | { kind: 'drivers'; drivers: DriverInput[]; plannedUtilisation?: number };

export type SeriesResult =
  | {
      kind: 'predict';
      forecast: Forecast;
      /** Derived history (e.g. kWh per step) the forecast continues. */
      history: { timestamps: ArrayLike<number>; values: ArrayLike<number> };
      stepMs: number;
      unit?: string;
      quantity: string;
      notices: string[];
    }
  | { kind: 'anomalies'; scores: number[]; regions: AnomalyRegion[]; notices: string[] }
  | { kind: 'trends'; trend: Trend; notices: string[] }
  | ({ kind: 'drivers' } & ExplainedSeries)
  | { kind: 'error'; message: string };

/** Longest horizon served, in steps: beyond this a forecast is a guess, and a slow one. */
export const MAX_HORIZON_STEPS = 5000;

export function computeSeries(series: UpstreamSeries, task: SeriesTask, settings: EcotiSettings): SeriesResult {
  try {
    switch (task.kind) {
      case 'predict':
        return predictSeries(series, task, settings);
      case 'anomalies':
        return {
          kind: 'anomalies',
          scores: scoreAnomalies(series),
          regions: detectAnomalies(series, { sensitivity: task.sensitivity }),
          notices: [],
        };
      case 'trends':
        return { kind: 'trends', trend: trend(series), notices: [] };
      case 'drivers':
        return { kind: 'drivers', ...explainSeries(series, task.drivers, task.plannedUtilisation, settings) };
    }
  } catch (e) {
    if (e instanceof EcotiMlError || e instanceof TargetError) {
      return { kind: 'error', message: e.message.startsWith(series.name) ? e.message : `${series.name}: ${e.message}` };
    }
    throw e;
  }
}

function predictSeries(
  series: UpstreamSeries,
  task: Extract<SeriesTask, { kind: 'predict' }>,
  settings: EcotiSettings
): SeriesResult {
  const derived = deriveTarget(series, task.target, task.seriesKind, settings);
  const stepMs = dominantStep(derived.series.timestamps);
  if (!(stepMs > 0)) {
    return { kind: 'error', message: `${series.name}: needs at least two points to forecast.` };
  }
  const notices = [...derived.notices];
  let steps = Math.ceil(task.horizonMs / stepMs);
  if (steps > MAX_HORIZON_STEPS) {
    notices.push(
      `${series.name}: horizon cut to ${MAX_HORIZON_STEPS} steps of ${stepMs / 1000}s; use a coarser step for longer forecasts`
    );
    steps = MAX_HORIZON_STEPS;
  }
  const f = forecast(derived.series, { horizon: Math.max(1, steps), level: task.level, method: task.method });
  if (f.fallback) {
    notices.push(`${series.name}: ${describeForecastModel(f)}`);
  }
  // Emissions and cost are consumption × a positive factor at each time, so the band maps exactly.
  const k = derived.factorAt;
  const scaled: Forecast = {
    ...f,
    mean: f.mean.map((v, i) => v * k(f.timestamps[i])),
    lower: f.lower.map((v, i) => v * k(f.timestamps[i])),
    upper: f.upper.map((v, i) => v * k(f.timestamps[i])),
  };
  const ht = derived.series.timestamps;
  const hv = derived.series.values;
  const history = { timestamps: ht, values: Float64Array.from({ length: hv.length }, (_, i) => hv[i] * k(ht[i])) };
  return {
    kind: 'predict',
    forecast: scaled,
    history,
    stepMs,
    unit: derived.targetUnit,
    quantity: derived.targetQuantity,
    notices,
  };
}
