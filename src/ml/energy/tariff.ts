// What energy costs under a time-of-use tariff (e.g. Brazil's tarifa branca), and what moving
// flexible load (batch jobs, backups) out of the peak window would save.

import { EcotiMlError } from '../types';
import { checkNumbers, kindOf, show } from '../hygiene/checkInput';
import { assertTimeZone, DEFAULT_TIME_ZONE, LocalClock, localClock } from './localTime';

export interface Tariff {
  peakPricePerKWh: number;
  offPeakPricePerKWh: number;
  /** Local hour the peak starts, 0..23. */
  peakStartHour: number;
  /** Local hour the peak ends, exclusive, 0..24. A window may cross midnight (22 → 6); equal hours mean no peak. */
  peakEndHour: number;
  /** Peak applies Monday–Friday only; weekends are off-peak all day. */
  peakWeekdaysOnly: boolean;
  /** Local dates (YYYY-MM-DD) billed off-peak all day, e.g. national holidays. */
  holidays?: string[];
}

export interface EnergyCost {
  total: number;
  peak: number;
  offPeak: number;
  peakKWh: number;
  offPeakKWh: number;
  /** Steps left out: unknown energy (NaN) or a timestamp that is not a date. */
  missingSteps: number;
}

export interface LoadShiftSavings {
  /** kWh moved from peak to off-peak hours. */
  shiftedKWh: number;
  /** Money saved: shiftedKWh × (peak − off-peak price). */
  savings: number;
  costBefore: number;
  costAfter: number;
}

/** True when `ts` (ms epoch) falls in the tariff's peak window, in local time of `timeZone`. */
export function isPeak(ts: number, tariff: Tariff, timeZone: string = DEFAULT_TIME_ZONE): boolean {
  return peakRule(tariff)(localClock(ts, timeZone));
}

/**
 * The price per kWh at a time (ms epoch), as a function: the tariff and zone are checked once, and the
 * local clock is looked up once per quarter hour, so pricing a million steps costs a million map reads.
 */
export function priceAt(tariff: Tariff, timeZone: string = DEFAULT_TIME_ZONE): (ts: number) => number {
  const inPeak = peakRule(tariff);
  assertTimeZone(timeZone);
  const { peakPricePerKWh: peak, offPeakPricePerKWh: offPeak } = tariff;
  return (ts) => (inPeak(localClock(ts, timeZone)) ? peak : offPeak);
}

/** What peak and off-peak kWh cost together. */
export function costOfSplit(peakKWh: number, offPeakKWh: number, tariff: Tariff): number {
  return peakKWh * tariff.peakPricePerKWh + offPeakKWh * tariff.offPeakPricePerKWh;
}

/**
 * Price of a kWh spread evenly over the week (loads that run around the clock: idle servers, cooling):
 * the week's peak hours at the peak price, the rest off-peak. Holidays are left out (a few days a year).
 */
export function flatLoadPricePerKWh(tariff: Tariff): number {
  peakRule(tariff);
  let peakHours = 0;
  for (let h = 0; h < 24; h++) {
    peakHours += inPeakWindow(tariff.peakStartHour, tariff.peakEndHour, h) ? 1 : 0;
  }
  const peakShare = (peakHours * (tariff.peakWeekdaysOnly ? 5 : 7)) / (24 * 7);
  return peakShare * tariff.peakPricePerKWh + (1 - peakShare) * tariff.offPeakPricePerKWh;
}

/**
 * Cost of energy steps, each priced by the local time of its timestamp (pass step starts, as
 * `powerToEnergy` returns). The local clock is looked up once per quarter hour, not per point.
 * Energy that is NaN, infinite or not a number, and timestamps that are not dates, are skipped and
 * counted in `missingSteps`. OUT_OF_RANGE when the cost does not fit in a double.
 */
export function costOfEnergy(
  timestamps: ArrayLike<number>,
  kWhPerStep: ArrayLike<number>,
  tariff: Tariff,
  timeZone: string = DEFAULT_TIME_ZONE
): EnergyCost {
  const n = checkNumbers(timestamps, 'The timestamps');
  if (checkNumbers(kWhPerStep, 'The energy steps') !== n) {
    throw new EcotiMlError('LENGTH_MISMATCH', `${n} timestamps but ${kWhPerStep.length} energy steps.`);
  }
  const inPeak = peakRule(tariff);
  assertTimeZone(timeZone);
  let peakKWh = 0;
  let offPeakKWh = 0;
  let missingSteps = 0;
  for (let i = 0; i < n; i++) {
    const e = kWhPerStep[i];
    const ts = timestamps[i];
    if (!Number.isFinite(e) || !Number.isFinite(ts) || Math.abs(ts) > MAX_DATE_MS) {
      missingSteps++;
      continue;
    }
    if (inPeak(localClock(ts, timeZone))) {
      peakKWh += e;
    } else {
      offPeakKWh += e;
    }
  }
  const peak = peakKWh * tariff.peakPricePerKWh;
  const offPeak = offPeakKWh * tariff.offPeakPricePerKWh;
  if (!Number.isFinite(peak + offPeak)) {
    throw new EcotiMlError(
      'OUT_OF_RANGE',
      `The cost of ${peakKWh + offPeakKWh} kWh is beyond the largest number a double holds: check the energy's unit.`
    );
  }
  return { total: peak + offPeak, peak, offPeak, peakKWh, offPeakKWh, missingSteps };
}

/**
 * Money saved by moving `fraction` (0..1) of the peak kWh to off-peak hours, the energy itself
 * unchanged. An upper bound when the moved load would raise a demand charge, which is not modelled.
 */
export function loadShiftSavings(
  timestamps: ArrayLike<number>,
  kWhPerStep: ArrayLike<number>,
  tariff: Tariff,
  fraction: number,
  timeZone: string = DEFAULT_TIME_ZONE
): LoadShiftSavings {
  if (!(Number.isFinite(fraction) && fraction >= 0 && fraction <= 1)) {
    throw new EcotiMlError(
      'BAD_OPTION',
      `The fraction of peak energy to shift must be between 0 and 1, got ${show(fraction)}.`
    );
  }
  const before = costOfEnergy(timestamps, kWhPerStep, tariff, timeZone);
  const shiftedKWh = before.peakKWh * fraction;
  const savings = shiftedKWh * (tariff.peakPricePerKWh - tariff.offPeakPricePerKWh);
  return { shiftedKWh, savings, costBefore: before.total, costAfter: before.total - savings };
}

/** ECMAScript dates end at ±8.64e15 ms. */
const MAX_DATE_MS = 8.64e15;

/** Throws BAD_OPTION unless `t` is a tariff: whole peak hours, finite prices, holidays a list of dates. */
export function checkTariff(t: Tariff): void {
  peakRule(t);
}

/** Validates the tariff once and returns the test applied to each local clock. */
function peakRule(t: Tariff): (c: LocalClock) => boolean {
  if (t === null || typeof t !== 'object') {
    throw new EcotiMlError('BAD_OPTION', `The tariff must be an object with peak hours and prices, got ${kindOf(t)}.`);
  }
  if (t.holidays !== undefined && !(Array.isArray(t.holidays) && t.holidays.every((d) => typeof d === 'string'))) {
    throw new EcotiMlError('BAD_OPTION', 'Tariff holidays must be a list of local dates (YYYY-MM-DD).');
  }
  const { peakStartHour: start, peakEndHour: end } = t;
  if (!(Number.isInteger(start) && start >= 0 && start <= 23 && Number.isInteger(end) && end >= 0 && end <= 24)) {
    throw new EcotiMlError(
      'BAD_OPTION',
      `Peak hours must be whole hours, start 0–23 and end 0–24, got ${show(start)} and ${show(end)}.`
    );
  }
  if (!Number.isFinite(t.peakPricePerKWh) || !Number.isFinite(t.offPeakPricePerKWh)) {
    throw new EcotiMlError('BAD_OPTION', 'Tariff prices must be finite numbers.');
  }
  const holidays = new Set(t.holidays ?? []);
  const weekdaysOnly = t.peakWeekdaysOnly;
  return (c) => {
    if (weekdaysOnly && (c.weekday === 0 || c.weekday === 6)) {
      return false;
    }
    if (holidays.size > 0 && holidays.has(c.date)) {
      return false;
    }
    return inPeakWindow(start, end, c.hour);
  };
}

/** start < end: a same-day window; start > end: it wraps past midnight; equal: no peak. */
function inPeakWindow(start: number, end: number, hour: number): boolean {
  return start < end ? hour >= start && hour < end : start > end ? hour >= start || hour < end : false;
}
