// Turns a power reading (W: IPMI, Redfish, smart PDUs) into kWh per step, the unit bills and carbon use.

import { Series } from '../types';
import { regularize } from '../hygiene/regularize';
import { checkMaxGap, defaultMaxGap, EnergySteps, summariseSteps } from './energySteps';
import { W_MS_PER_KWH } from './units';

export interface PowerToEnergyOptions {
  /**
   * Longest time between two samples across which power is interpolated, ms; longer gaps stay
   * unknown. Default: 10 minutes, and at least two steps.
   */
  maxGapMs?: number;
}

/**
 * kWh per step of a power series in watts, by the trapezoid rule on its regular grid: step k gets
 * (P[k] + P[k+1]) / 2 × step, so the energy covers the span from the first to the last sample (n
 * samples give n − 1 steps). Gaps no longer than `maxGapMs` are bridged by a straight line in power;
 * longer ones are left NaN and counted in `missingSteps`. Throws only as `regularize` does.
 */
export function powerToEnergy(power: Series, options: PowerToEnergyOptions = {}): EnergySteps {
  checkMaxGap(options.maxGapMs);
  const grid = regularize(power);
  const w = grid.values;
  const n = w.length;
  const steps = Math.max(0, n - 1);
  const maxGap = options.maxGapMs ?? defaultMaxGap(grid.step);
  // Bridge short gaps in power first, so that each step sees two endpoint values.
  const p = new Float64Array(w);
  let bridgedSteps = 0;
  let prev = -1;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(p[i])) {
      continue;
    }
    if (prev >= 0 && i - prev > 1 && (i - prev) * grid.step <= maxGap) {
      const a = p[prev];
      const slope = (p[i] - a) / (i - prev);
      for (let j = prev + 1; j < i; j++) {
        p[j] = a + slope * (j - prev);
      }
      bridgedSteps += i - prev;
    }
    prev = i;
  }
  const kWh = new Float64Array(steps);
  const factor = grid.step / 2 / W_MS_PER_KWH;
  for (let k = 0; k < steps; k++) {
    // NaN propagates: a step touching an unbridged gap stays unknown.
    kWh[k] = (p[k] + p[k + 1]) * factor;
  }
  return summariseSteps(grid.start, grid.step, kWh, bridgedSteps, grid.notes);
}
