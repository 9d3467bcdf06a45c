// CPU utilisation as the fraction 0..1 the rules reason with, whichever way a query reports it.
import type { Series } from '../types';

/** A series whose largest reading is above this is in percent: a fraction overshoots 1 only by jitter. */
const MAX_FRACTION = 1.5;

/**
 * The utilisation as a fraction: a series in percent (0–100, e.g. `100 * (1 - rate(idle))`) divided by 100,
 * a fraction returned as it is. Decided on the largest finite reading, so an idle host at 1–3 % is still read
 * as percent (its median would not tell).
 */
export function utilisationFraction(cpu: Series): Series {
  let max = -Infinity;
  for (let i = 0; i < cpu.values.length; i++) {
    const v = cpu.values[i];
    if (Number.isFinite(v) && v > max) {
      max = v;
    }
  }
  if (!(max > MAX_FRACTION)) {
    return cpu;
  }
  return { timestamps: cpu.timestamps, values: Float64Array.from(cpu.values, (v) => v / 100) };
}
