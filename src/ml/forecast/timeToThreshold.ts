// How long until a forecast reaches a threshold, per bound: the number behind "crosses 6,000 W in ~14 h".
// Pure, on a forecast path, so the app's preview and the engine's ecoti_time_to_threshold_seconds can agree.
import { EcotiMlError } from '../types';

export type ThresholdDirection = 'above' | 'below';
export type ThresholdBound = 'mean' | 'lower' | 'upper';

export interface ForecastPath {
  timestamps: ArrayLike<number>;
  mean: ArrayLike<number>;
  lower: ArrayLike<number>;
  upper: ArrayLike<number>;
}

/**
 * Seconds from `from.t` (the last observation, or the engine's now) until each bound of the path first reaches
 * `threshold`, linear between points, as the engine exports it: 0 when `from.value` is already past it, +Infinity
 * when the path never gets there. Path points before `from.t` are ignored; one at `from.t` itself is the bound's
 * own start (the engine's level-corrected path at now). Non-finite path values are skipped (a gap, not a crossing).
 */
export function timeToThreshold(
  path: ForecastPath,
  from: { t: number; value: number },
  threshold: number,
  direction: ThresholdDirection
): Record<ThresholdBound, number> {
  if (!Number.isFinite(threshold)) {
    throw new EcotiMlError('BAD_OPTION', `The threshold must be a finite number, not ${String(threshold)}.`);
  }
  if (direction !== 'above' && direction !== 'below') {
    throw new EcotiMlError('BAD_OPTION', `The direction must be "above" or "below", not ${JSON.stringify(direction)}.`);
  }
  const crossed = (v: number) => (direction === 'above' ? v >= threshold : v <= threshold);
  if (Number.isFinite(from.value) && crossed(from.value)) {
    return { mean: 0, lower: 0, upper: 0 };
  }
  const out: Record<ThresholdBound, number> = { mean: Infinity, lower: Infinity, upper: Infinity };
  for (const bound of ['mean', 'lower', 'upper'] as const) {
    const values = path[bound];
    let prevT = from.t;
    let prevV = from.value;
    for (let i = 0; i < path.timestamps.length; i++) {
      const t = path.timestamps[i];
      const v = values[i];
      if (!Number.isFinite(v) || !(t >= from.t)) {
        continue;
      }
      if (crossed(v)) {
        // Without a finite value before it, the crossing is placed at the point itself.
        const frac = Number.isFinite(prevV) && v !== prevV ? (threshold - prevV) / (v - prevV) : 1;
        out[bound] = (prevT + Math.min(1, Math.max(0, frac)) * (t - prevT) - from.t) / 1000;
        break;
      }
      prevT = t;
      prevV = v;
    }
  }
  return out;
}
