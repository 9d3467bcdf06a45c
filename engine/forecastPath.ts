// A series' forecast read forward from now, as the API's energy views and the exported maximum and time to
// threshold all walk it: the fitted path at each step after now, level correction included.
import { forecastAt, PathPoint, SeriesState } from './series';

export type TimedPathPoint = { t: number } & PathPoint;

/** Forecast points from now to now + h at the series' step (now itself when it is on a step), until the path ends. */
export function forecastPath(state: SeriesState, now: number, h: number): TimedPathPoint[] {
  const f = state.forecast;
  if (!f) {
    return [];
  }
  const out: TimedPathPoint[] = [];
  const first = f.origin + Math.max(1, Math.ceil((now - f.origin) / f.stepMs)) * f.stepMs;
  for (let t = first; t <= now + h; t += f.stepMs) {
    const p = forecastAt(state, t);
    if (!p) {
      break;
    }
    out.push({ t, ...p });
  }
  return out;
}

/**
 * Points as the ML core's columns: its ForecastPath (time to threshold) and PowerBand (energy: each point the
 * average power over the step ending at it).
 */
export function pathColumns(points: TimedPathPoint[]) {
  return {
    timestamps: points.map((p) => p.t),
    mean: points.map((p) => p.mean),
    lower: points.map((p) => p.lower),
    upper: points.map((p) => p.upper),
  };
}
