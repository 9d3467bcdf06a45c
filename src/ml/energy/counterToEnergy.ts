// Turns cumulative energy counters (Scaphandre's µJ, RAPL's J, smart meters' kWh) into kWh per step,
// reading drops as exporter restarts rather than as negative consumption.

import { EcotiMlError, Series } from '../types';
import { show } from '../hygiene/checkInput';
import { counterIncrease, counterIncreases } from '../hygiene/counter';
import { regularize } from '../hygiene/regularize';
import { checkMaxGap, defaultMaxGap, EnergySteps, summariseSteps } from './energySteps';
import { averageWatts, JOULES_PER_KWH } from './units';

export type EnergyCounterUnit = 'uJ' | 'µJ' | 'mJ' | 'J' | 'kJ' | 'Wh' | 'kWh';

const KWH_PER_UNIT: Record<EnergyCounterUnit, number> = {
  uJ: 1 / (JOULES_PER_KWH * 1e6),
  µJ: 1 / (JOULES_PER_KWH * 1e6),
  mJ: 1 / (JOULES_PER_KWH * 1e3),
  J: 1 / JOULES_PER_KWH,
  kJ: 1 / (JOULES_PER_KWH / 1e3),
  Wh: 1 / 1000,
  kWh: 1,
};

export interface CounterToEnergyOptions {
  /**
   * Longest time between two samples whose increase is spread evenly over the steps between them, ms;
   * across longer gaps the steps stay unknown (a restart inside them would hide consumption).
   * Default: 10 minutes, and at least two steps.
   */
  maxGapMs?: number;
}

/** kWh in one unit of an energy counter; BAD_OPTION for an unknown unit. */
export function kWhPerCounterUnit(unit: EnergyCounterUnit): number {
  // Own properties only: "toString" is an unknown unit, not Object.prototype's function.
  const perUnit = Object.hasOwn(KWH_PER_UNIT, unit) ? KWH_PER_UNIT[unit] : undefined;
  if (perUnit === undefined) {
    throw new EcotiMlError(
      'BAD_OPTION',
      `Unknown energy unit "${show(unit)}": use one of ${Object.keys(KWH_PER_UNIT).join(', ')}.`
    );
  }
  return perUnit;
}

/**
 * The average power (W) between two readings of an energy counter, one reading at a time as a live consumer sees
 * them (the engine, the alert preview): a drop is a restart from zero, as rate() reads it; NaN when either reading
 * is not a number or the time does not move forward.
 */
export function counterReadingWatts(
  previous: number,
  previousT: number,
  reading: number,
  t: number,
  unit: EnergyCounterUnit
): number {
  if (!Number.isFinite(previous) || !Number.isFinite(reading) || !(t > previousT)) {
    return NaN;
  }
  return averageWatts(counterIncrease(previous, reading) * kWhPerCounterUnit(unit), t - previousT);
}

/**
 * kWh per step from an energy counter in `unit`. Step k covers [t_k, t_k+1) and gets the counter's
 * increase between those samples; a drop counts as a restart from zero (`resets`), as Prometheus'
 * increase() does. Throws BAD_OPTION for an unknown unit, otherwise only as `regularize` does.
 */
export function counterToEnergy(
  counter: Series,
  unit: EnergyCounterUnit,
  options: CounterToEnergyOptions = {}
): EnergySteps & { resets: number } {
  const perUnit = kWhPerCounterUnit(unit);
  checkMaxGap(options.maxGapMs);
  const grid = regularize(counter);
  const v = grid.values;
  const n = v.length;
  const maxGap = options.maxGapMs ?? defaultMaxGap(grid.step);
  // Counters only need the observed samples: the increase between two of them is known however far apart.
  const index: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!Number.isNaN(v[i])) {
      index.push(i);
    }
  }
  const observed = Float64Array.from(index, (i) => v[i]);
  const { increases, resets } = counterIncreases(observed);
  const kWh = new Float64Array(Math.max(0, n - 1)).fill(NaN);
  let bridgedSteps = 0;
  for (let j = 1; j < index.length; j++) {
    const from = index[j - 1];
    const gap = index[j] - from;
    if (gap > 1 && gap * grid.step > maxGap) {
      continue;
    }
    const each = (increases[j] * perUnit) / gap;
    for (let k = from; k < index[j]; k++) {
      kWh[k] = each;
    }
    if (gap > 1) {
      bridgedSteps += gap;
    }
  }
  const notes = [...grid.notes];
  if (resets > 0) {
    notes.push(`${resets} counter reset(s) read as restarts`);
  }
  return { ...summariseSteps(grid.start, grid.step, kWh, bridgedSteps, notes), resets };
}
