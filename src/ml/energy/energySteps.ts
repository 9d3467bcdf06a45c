// The shape shared by power- and counter-derived energy, so that cost and emissions take either.

import { EcotiMlError, Series } from '../types';
import { averageWatts } from './units';
import { show } from '../hygiene/checkInput';

/** Energy per regular step, with what could not be measured said out loud. */
export interface EnergySteps {
  /** Start of each step, ms epoch: step k covers [timestamps[k], timestamps[k] + stepMs). */
  timestamps: Float64Array;
  /** kWh used during each step; NaN where unknown. */
  kWhPerStep: Float64Array;
  stepMs: number;
  /** Sum of the known steps, kWh. */
  totalKWh: number;
  /** Steps whose energy is unknown (a gap longer than the allowed bridge). */
  missingSteps: number;
  /** missingSteps / steps, 0 when there is no step. */
  missingFraction: number;
  /** Steps inside gaps that were bridged (estimated, not measured). */
  bridgedSteps: number;
  /** What was repaired or left out, in words. */
  notes: string[];
}

/** Gaps up to this long are bridged by default: a few lost scrapes, not an outage. */
export const DEFAULT_MAX_GAP_MS = 10 * 60_000;

/** The default bridge for a grid step: 10 minutes, and never less than one missing sample (2 steps). */
export function defaultMaxGap(stepMs: number): number {
  return Math.max(DEFAULT_MAX_GAP_MS, 2 * stepMs);
}

/** Fills totals, missing counts and notes from per-step energy; OUT_OF_RANGE when the total overflows. */
export function summariseSteps(
  start: number,
  stepMs: number,
  kWhPerStep: Float64Array,
  bridgedSteps: number,
  notes: string[]
): EnergySteps {
  const n = kWhPerStep.length;
  const timestamps = new Float64Array(n);
  let totalKWh = 0;
  let missingSteps = 0;
  for (let k = 0; k < n; k++) {
    timestamps[k] = start + k * stepMs;
    const e = kWhPerStep[k];
    if (Number.isNaN(e)) {
      missingSteps++;
    } else {
      totalKWh += e;
    }
  }
  // Watts near 1e308 overflow to Infinity once multiplied into kWh; such a total is not a reading.
  if (!Number.isFinite(totalKWh)) {
    throw new EcotiMlError(
      'OUT_OF_RANGE',
      'The energy adds up beyond the largest number a double holds: check the series is in watts (or the counter unit).'
    );
  }
  const missingFraction = n > 0 ? missingSteps / n : 0;
  const out = [...notes];
  if (bridgedSteps > 0) {
    out.push(`${bridgedSteps} step(s) estimated across short gaps`);
  }
  if (missingSteps > 0) {
    out.push(
      `${missingSteps} step(s) unknown (${(100 * missingFraction).toFixed(1)}% of the span): total excludes them`
    );
  }
  return { timestamps, kWhPerStep, stepMs, totalKWh, missingSteps, missingFraction, bridgedSteps, notes: out };
}

export function checkMaxGap(maxGapMs: number | undefined): void {
  if (maxGapMs !== undefined && !(typeof maxGapMs === 'number' && maxGapMs >= 0)) {
    throw new EcotiMlError('BAD_OPTION', `maxGapMs must be ≥ 0, got ${show(maxGapMs)}.`);
  }
}

/**
 * Average power, W, of each step, timestamped at the step's end: the series a power forecast continues (see
 * forecastEnergy's PowerBand), so a counter is forecast the way a power meter is. Unknown steps stay NaN.
 */
export function stepPower(energy: EnergySteps): Series {
  const n = energy.kWhPerStep.length;
  const timestamps = new Float64Array(n);
  const values = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    timestamps[k] = energy.timestamps[k] + energy.stepMs;
    values[k] = averageWatts(energy.kWhPerStep[k], energy.stepMs);
  }
  return { timestamps, values };
}
