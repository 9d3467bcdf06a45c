// From series state to exported numbers, without I/O: forecast values at each horizon, the highest value
// within each horizon, time until a threshold is crossed, and this month's energy (observed + forecast).
import { formatDuration } from './duration';
import { Labels } from './labels';
import { Bound, BOUNDS, kWhOf, timeToThreshold as pathTimeToThreshold } from './ml';
import { forecastAt, levelOffsetAt, PathPoint, SeriesState } from './series';
import { forecastPath, pathColumns } from './forecastPath';

export { BOUNDS };
export type { Bound };

export interface Sample {
  labels: Labels;
  value: number;
}

/** Label value for a horizon: the configured spelling when given, else canonical ("1d"). */
export function horizonLabel(ms: number, spelled?: string): string {
  return spelled ?? formatDuration(ms);
}

/** ecoti_forecast: the forecast at now + h for each horizon and bound. Horizons beyond the path are left out. */
export function forecastSamples(
  target: string,
  state: SeriesState,
  now: number,
  horizons: Array<{ ms: number; label: string }>
): Sample[] {
  return perHorizon(target, state, horizons, (h) => forecastAt(state, now + h));
}

/** ecoti_forecast_max: the highest value of each bound over (now, now + h], for "will it exceed X within h" alerts. */
export function forecastMaxSamples(
  target: string,
  state: SeriesState,
  now: number,
  horizons: Array<{ ms: number; label: string }>
): Sample[] {
  return perHorizon(target, state, horizons, (h) => highest(state, now, h));
}

/** A sample per horizon and bound of what `at` gives for the horizon; horizons it gives nothing for are left out. */
function perHorizon(
  target: string,
  state: SeriesState,
  horizons: Array<{ ms: number; label: string }>,
  at: (h: number) => PathPoint | undefined
): Sample[] {
  const out: Sample[] = [];
  for (const h of horizons) {
    const p = at(h.ms);
    if (!p) {
      continue;
    }
    for (const bound of BOUNDS) {
      out.push({ labels: { ...state.labels, target, horizon: h.label, bound }, value: p[bound] });
    }
  }
  return out;
}

/** The highest forecast of each bound over (now, now + h]; undefined when the path does not reach now + h. */
function highest(state: SeriesState, now: number, h: number): PathPoint | undefined {
  const end = now + h;
  if (!forecastAt(state, end)) {
    return undefined;
  }
  const max: PathPoint = { mean: -Infinity, lower: -Infinity, upper: -Infinity };
  for (const p of [forecastAt(state, now), ...forecastPath(state, now, h), forecastAt(state, end)]) {
    if (p) {
      max.mean = Math.max(max.mean, p.mean);
      max.lower = Math.max(max.lower, p.lower);
      max.upper = Math.max(max.upper, p.upper);
    }
  }
  return max;
}

/**
 * Seconds from now until each bound of the forecast first reaches the threshold (the ML core's rule, linear
 * between path points, on the level-corrected path from its value at now); 0 when the latest observation is
 * already past it; +Inf when the forecast does not get there.
 */
export function timeToThreshold(
  state: SeriesState,
  now: number,
  threshold: number,
  direction: 'above' | 'below'
): Record<Bound, number> {
  if (!state.forecast) {
    return { mean: Infinity, lower: Infinity, upper: Infinity };
  }
  // The path from its value at now on (a point at now comes twice when now is on a step: the same value).
  const start = forecastAt(state, now);
  const points = start ? [{ t: now, ...start }, ...forecastPath(state, now, Infinity)] : [];
  return pathTimeToThreshold(pathColumns(points), { t: now, value: state.history.lastFinite() }, threshold, direction);
}

/**
 * This month's energy per bound, kWh: observed so far plus the forecast to the month's end. Beyond the end
 * of the forecast path the path's last day is assumed to repeat (a long horizon from a short history is not
 * modelled; the estimate is labelled as such in the README). Summing per-step bands is conservative: it
 * treats errors as fully correlated, so lower/upper are wider than a joint interval would be.
 */
export function monthEnergyForecast(
  state: SeriesState,
  monthEnd: number,
  dayMs = 86_400_000
): Record<Bound, number> | undefined {
  const f = state.forecast;
  const m = state.month;
  if (!m) {
    return undefined;
  }
  const out: Record<Bound, number> = { mean: m.kWh, lower: m.kWh, upper: m.kWh };
  if (!f || m.until >= monthEnd) {
    return out;
  }
  const pathEnd = f.origin + f.mean.length * f.stepMs;
  let t = Math.max(m.until, f.origin) + f.stepMs;
  t = f.origin + Math.ceil((t - f.origin) / f.stepMs) * f.stepMs;
  for (; t <= Math.min(monthEnd, pathEnd); t += f.stepMs) {
    const p = forecastAt(state, t)!;
    for (const b of BOUNDS) {
      out[b] += kWhOf(p[b], f.stepMs);
    }
  }
  if (monthEnd > pathEnd) {
    const n = Math.max(1, Math.min(f.mean.length, Math.round(dayMs / f.stepMs)));
    const tail: PathPoint = { mean: 0, lower: 0, upper: 0 };
    const offset = levelOffsetAt(state, pathEnd);
    for (let i = f.mean.length - n; i < f.mean.length; i++) {
      tail.mean += f.mean[i] + offset;
      tail.lower += f.lower[i] + offset;
      tail.upper += f.upper[i] + offset;
    }
    for (const b of BOUNDS) {
      out[b] += kWhOf(tail[b] / n, monthEnd - pathEnd);
    }
  }
  return out;
}
