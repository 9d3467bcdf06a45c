// One forecast series' state and its updates between refits: new observations extend the history, feed the
// streaming anomaly scorer, move the forecast level (incremental learning), and add to the month's energy.
import { RegularHistory } from './history';
import { Labels } from './labels';
import { counterReadingWatts, ForecastModelChoice, kWhOf, StreamingAnomalyScorer } from './ml';
import { counterUnitOf } from '../src/shared/predictedAlertContract';

/** Weight of each new residual in the level correction between refits (Holt's level update, α). */
export const LEVEL_ALPHA = 0.2;
/**
 * Half-life of a level correction over the forecast ahead, chosen leave-one-corpus-out by
 * bench/forecast/levelFade.ts (ETTh1's seven columns and three BioHPC servers hourly, the demo racks at 5 minutes;
 * 40 origins per series, the engine's replay of the last hour): the folds chose 6 h, 6 h and 12 h among none, 24,
 * 12, 6, 3 and 1 h; held out, day-ahead MAE 0.95 (ETTh1), 0.94 (BioHPC) and 0.82 (racks) of no fading.
 */
export const LEVEL_HALF_LIFE_MS = 6 * 3_600_000;
/**
 * A residual beyond this many band σ moves the level only this far (Huber), so one spike does not drag the
 * forecast; a second one in a row on the same side is a level shift and counts in full.
 */
const LEVEL_CLIP_SIGMA = 4;
/** An anomaly score at or above this counts as an alert-level event (the ML core's alert level). */
export const ANOMALY_EVENT_LEVEL = 0.5;
/** Anomaly events kept per series for the insights API. */
export const MAX_EVENTS = 20;

/** A fitted forecast: the path after the last training point, at the training step. */
export interface ForecastPath {
  /** Time of the last training point; mean[0] is at origin + stepMs. */
  origin: number;
  stepMs: number;
  mean: Float32Array;
  lower: Float32Array;
  upper: Float32Array;
  /** z of the interval level (1.96 for 95%): turns half-widths into σ for the level clip. */
  z: number;
  /** Display label of the fitted model (the ML core's describeForecastModel); never parsed. */
  method: string;
  seasonalities: number[];
}

export interface AnomalyEvent {
  start: number;
  end: number;
  maxScore: number;
  /** Value and expected value at the highest score. */
  value: number;
  expected: number;
}

export interface MonthEnergy {
  /** Start of the month being accumulated (ms, local calendar). */
  start: number;
  /** kWh of this series since `start`, through `until`. */
  kWh: number;
  /** Of which inside the tariff's peak window. */
  peakKWh: number;
  until: number;
}

export interface SeriesState {
  key: string;
  labels: Labels;
  hash: number;
  history: RegularHistory;
  /** For counter kinds: the last raw counter reading and its time, to turn the next one into power. */
  lastRaw: number;
  lastRawT: number;
  /** Time of the newest sample Prometheus returned for the series (NaN before any): discovery drops it when old. */
  lastSeenT: number;
  forecast?: ForecastPath;
  /** Level correction learnt since the fit, as of `levelAt`; it fades over the path ahead (levelOffsetAt). */
  levelOffset: number;
  /** Time of the observation the level correction last learnt from; undefined: the forecast's origin. */
  levelAt?: number;
  /** Sign of the previous residual if it was clipped (+1/−1), else 0. */
  clippedSide: number;
  /** Wall-clock time of the last successful fit; -Infinity before the first. */
  fittedAt: number;
  /** Last time `auto` chose the model, and the model or ensemble it chose (refits in between reuse it). */
  selectedAt: number;
  chosenModel?: ForecastModelChoice;
  phaseMs: number;
  anomaly?: StreamingAnomalyScorer;
  /** Latest score (before the scorer's per-incident damping: an ongoing anomaly keeps scoring). */
  anomalyScore: number;
  anomalyEvents: AnomalyEvent[];
  month?: MonthEnergy;
}

export function newSeriesState(
  key: string,
  labels: Labels,
  hash: number,
  capacity: number,
  stepMs: number,
  phaseMs: number
): SeriesState {
  return {
    key,
    labels,
    hash,
    history: new RegularHistory(capacity, stepMs),
    lastRaw: NaN,
    lastRawT: NaN,
    lastSeenT: NaN,
    levelOffset: 0,
    clippedSide: 0,
    fittedAt: -Infinity,
    selectedAt: -Infinity,
    phaseMs,
    anomalyScore: 0,
    anomalyEvents: [],
  };
}

export interface PathPoint {
  mean: number;
  lower: number;
  upper: number;
}

/** The forecast at time t (linear between path points, level correction included); undefined beyond the path. */
export function forecastAt(state: SeriesState, t: number, withOffset = true): PathPoint | undefined {
  const f = state.forecast;
  if (!f) {
    return undefined;
  }
  const x = (t - f.origin) / f.stepMs - 1;
  const n = f.mean.length;
  if (x > n - 1 || n === 0) {
    return undefined;
  }
  const offset = withOffset ? levelOffsetAt(state, t) : 0;
  if (x <= 0) {
    return { mean: f.mean[0] + offset, lower: f.lower[0] + offset, upper: f.upper[0] + offset };
  }
  const i = Math.floor(x);
  const w = x - i;
  const j = Math.min(i + 1, n - 1);
  const lerp = (a: Float32Array) => a[i] * (1 - w) + a[j] * w + offset;
  return { mean: lerp(f.mean), lower: lerp(f.lower), upper: lerp(f.upper) };
}

/**
 * Moves the forecast's level toward an observation (incremental learning between refits): the residual
 * against the corrected path (a lone outlier clipped at LEVEL_CLIP_SIGMA band-σ) is added with weight LEVEL_ALPHA.
 */
export function correctLevel(state: SeriesState, t: number, v: number): void {
  const p = forecastAt(state, t);
  if (!p || !Number.isFinite(v) || !state.forecast) {
    return;
  }
  const sigma = Math.max((p.upper - p.lower) / (2 * state.forecast.z), 1e-9);
  const residual = v - p.mean;
  const limit = LEVEL_CLIP_SIGMA * sigma;
  const side = Math.abs(residual) > limit ? Math.sign(residual) : 0;
  const r = side !== 0 && side !== state.clippedSide ? side * limit : residual;
  state.clippedSide = side;
  state.levelOffset = levelOffsetAt(state, t) + LEVEL_ALPHA * r;
  state.levelAt = t;
}

/**
 * The level correction at t: what was learnt at the last observation, halved every LEVEL_HALF_LIFE_MS ahead of
 * it. A residual that persists is re-learnt at each update and refit; one carried unchanged over the whole
 * horizon lifted tomorrow by today's surprise (a Monday evening above a Sunday-based forecast put the demo's
 * rack-a 0.6 kW over its next day's peak, and over its capacity).
 */
export function levelOffsetAt(state: SeriesState, t: number): number {
  const from = state.levelAt ?? state.forecast?.origin ?? t;
  return state.levelOffset * Math.pow(0.5, Math.max(0, t - from) / LEVEL_HALF_LIFE_MS);
}

/** Feeds a point to the streaming scorer and records alert-level events. */
export function scorePoint(state: SeriesState, t: number, v: number): void {
  if (!state.anomaly) {
    return;
  }
  state.anomaly.push(t, v);
  const score = Number.isFinite(v) ? state.anomaly.lastScore : 0;
  state.anomalyScore = score;
  if (score < ANOMALY_EVENT_LEVEL) {
    return;
  }
  const last = state.anomalyEvents[state.anomalyEvents.length - 1];
  if (last && t - last.end <= state.history.stepMs) {
    last.end = t;
    if (score > last.maxScore) {
      Object.assign(last, { maxScore: score, value: v, expected: state.anomaly.lastExpected });
    }
    return;
  }
  state.anomalyEvents.push({ start: t, end: t, maxScore: score, value: v, expected: state.anomaly.lastExpected });
  if (state.anomalyEvents.length > MAX_EVENTS) {
    state.anomalyEvents.shift();
  }
}

/**
 * Converts a raw reading to the value the engine models: counters become the average power (W) over the step
 * since the previous reading (a drop is a counter reset, read as a restart from zero, as rate() does).
 */
export function toModelValue(state: SeriesState, kind: string, t: number, raw: number): number {
  const unit = counterUnitOf(kind);
  if (unit === undefined) {
    return raw;
  }
  if (!Number.isFinite(raw)) {
    return NaN;
  }
  const prev = state.lastRaw;
  const prevT = state.lastRawT;
  state.lastRaw = raw;
  state.lastRawT = t;
  // The ML core's reading of a counter (a drop is a restart; below zero is unknown), as the data source's.
  return counterReadingWatts(prev, prevT, raw, t, unit);
}

/** Adds one step of power (W at t, over the step ending at t) to the month's energy; starts a new month when due. */
export function addEnergy(
  state: SeriesState,
  t: number,
  watts: number,
  stepMs: number,
  month: { start: number },
  peak: boolean
): void {
  if (!state.month || state.month.start !== month.start) {
    state.month = { start: month.start, kWh: 0, peakKWh: 0, until: month.start };
  }
  if (t <= state.month.until || t < month.start || !Number.isFinite(watts)) {
    return;
  }
  const kWh = kWhOf(watts, stepMs);
  state.month.kWh += kWh;
  if (peak) {
    state.month.peakKWh += kWh;
  }
  state.month.until = t;
}
