// Refitting one series: the ML core's forecast() on the series' history, with the model choice reused between
// re-selections, bands clamped to what the quantity allows, and the path stored compactly (Float32).
import { TargetKind } from './config';
import { Forecast, forecast, ForecastChallenger, forecastMethodFor, ForecastModelChoice } from './ml';
import { correctLevel, ForecastPath, SeriesState } from './series';

export interface FitSettings {
  kind: TargetKind;
  /** Forecast length in steps (longest horizon plus the time until the next refit). */
  pathSteps: number;
  level: number;
  /** Configured method; 'auto' lets the core choose by backtest. */
  method: string;
  reselectMs: number;
  /**
   * The newest points left out of training and replayed as incremental updates instead: the forecast then
   * starts from the current level even when the chosen model averages over weeks (a level shift an hour
   * old, such as a runaway job, would otherwise be forecast away).
   */
  replaySteps: number;
  /** The target's fleet model (engine/fleet), competing in auto's backtest; absent when none is trained. */
  challenger?: ForecastChallenger;
}

/** z such that a central normal interval of `level` is ±z·σ (Abramowitz–Stegun 26.2.23, error < 5e-4). */
export function zForLevel(level: number): number {
  const p = (1 - level) / 2;
  const t = Math.sqrt(-2 * Math.log(p));
  return (
    t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t)
  );
}

/**
 * The model or ensemble `auto` chose, to be refitted by name until the next re-selection; undefined for a
 * fallback, which must be re-chosen. Seasonalities are left out: each refit detects them again.
 */
export function reusableChoice(f: Pick<Forecast, 'model' | 'fallback'>): ForecastModelChoice | undefined {
  if (f.fallback) {
    return undefined;
  }
  const { name, components } = f.model;
  return components ? { name, components: [...components] } : { name };
}

/** Refits the series in place; throws the core's EcotiMlError when the history cannot be forecast. */
export function fitSeries(state: SeriesState, settings: FitSettings, now: number): ForecastPath {
  const all = state.history.toSeries();
  const n = all.timestamps.length;
  // Keep at least three quarters of the history for training.
  const replay = Math.max(0, Math.min(settings.replaySteps, Math.floor(n / 4)));
  const series = { timestamps: all.timestamps.subarray(0, n - replay), values: all.values.subarray(0, n - replay) };
  let method = settings.method;
  const chosen = state.chosenModel;
  const reuse = method === 'auto' && chosen !== undefined && now - state.selectedAt < settings.reselectMs;
  if (reuse) {
    method = forecastMethodFor(chosen);
  }
  const f = forecast(
    series,
    { horizon: settings.pathSteps + replay, level: settings.level, method },
    settings.challenger
  );
  if (settings.method === 'auto' && !reuse) {
    state.selectedAt = now;
    // A choice holding the fleet model is not kept: the core cannot refit it by name, nor can a state file hold
    // it; such a series re-selects at each refit (auto's search plus the challenge).
    state.chosenModel = f.challenge?.used ? undefined : reusableChoice(f);
  }
  const len = f.mean.length;
  const mean = new Float32Array(len);
  const lower = new Float32Array(len);
  const upper = new Float32Array(len);
  const floor = settings.kind === 'temperature' ? -Infinity : 0;
  const ceiling = settings.kind === 'utilisation' ? 1 : Infinity;
  const clamp = (x: number) => Math.min(ceiling, Math.max(floor, x));
  for (let i = 0; i < len; i++) {
    mean[i] = clamp(f.mean[i]);
    lower[i] = clamp(f.lower[i]);
    upper[i] = clamp(f.upper[i]);
  }
  const path: ForecastPath = {
    origin: series.timestamps[series.timestamps.length - 1],
    stepMs: state.history.stepMs,
    mean,
    lower,
    upper,
    z: zForLevel(settings.level),
    method: f.method,
    seasonalities: f.seasonalities,
  };
  state.forecast = path;
  state.levelOffset = 0;
  state.levelAt = undefined;
  state.clippedSide = 0;
  state.fittedAt = now;
  for (let i = n - replay; i < n; i++) {
    correctLevel(state, all.timestamps[i], all.values[i]);
  }
  return path;
}
