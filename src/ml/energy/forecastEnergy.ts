// What a power forecast means in kWh, kgCO2e and money, for each bound of its band: one convention for the
// plugin's frames and the engine's API, so that both report the same figures for the same forecast.
import { EcotiMlError } from '../types';
import { asFloat64, checkNumbers, kindOf, show } from '../hygiene/checkInput';
import { checkIntensity, checkPue, facilityKWh, kgCO2e } from './emissions';
import { costOfEnergy, EnergyCost, priceAt, Tariff } from './tariff';
import { kWhOf } from './units';

export type Bound = 'mean' | 'lower' | 'upper';
export const BOUNDS: readonly Bound[] = Object.freeze(['mean', 'lower', 'upper'] as const);
export type PerBound<T> = Record<Bound, T>;

/**
 * A power forecast in watts. Point i stands for the average power over the step ending at timestamps[i]:
 * exactly what a counter's increase over the step gives, and the best a gauge read at the step's end can say.
 */
export interface PowerBand {
  timestamps: ArrayLike<number>;
  mean: ArrayLike<number>;
  lower: ArrayLike<number>;
  upper: ArrayLike<number>;
}

/** What turns metered energy into the site's energy, carbon and bill. */
export interface EnergySite {
  /** Facility energy ÷ IT energy, ≥ 1. */
  pue: number;
  /** Grid carbon intensity, gCO2e per kWh. */
  carbonIntensity: number;
  tariff: Tariff;
  /** IANA zone the tariff's hours are read in. */
  timeZone: string;
}

/** it: the meter sees IT equipment, and PUE scales it to the site; facility: it already sees the whole site. */
export type EnergyScope = 'it' | 'facility';

/** The PUE applied to a meter of `scope`: the site's for IT meters, 1 for facility meters. */
export function pueFor(scope: EnergyScope, pue: number): number {
  checkPue(pue);
  return scope === 'facility' ? 1 : pue;
}

/** Where the step ending at t is priced: its middle, the tariff hour the step lies in when steps divide the hour. */
export function stepMiddle(t: number, stepMs: number): number {
  return t - stepMs / 2;
}

export type EnergyTarget = 'consumption' | 'emissions' | 'costs';

/**
 * What one watt at t (held over the step ending at t) adds to a target for that step: facility kWh, kgCO2e,
 * or money at the price of the step's middle. A power forecast times this, point by point, is the target's
 * forecast; its band maps exactly, the factor being positive.
 */
export function perWattFactor(
  target: EnergyTarget,
  site: EnergySite,
  stepMs: number,
  scope: EnergyScope = 'it'
): (t: number) => number {
  const kWh = facilityKWh(kWhOf(1, checkStep(stepMs)), pueFor(scope, site.pue));
  switch (target) {
    case 'consumption':
      return () => kWh;
    case 'emissions': {
      const kg = kgCO2e(kWh, site.carbonIntensity);
      return () => kg;
    }
    case 'costs': {
      const price = priceAt(site.tariff, site.timeZone);
      return (t) => kWh * price(stepMiddle(t, stepMs));
    }
  }
  throw new EcotiMlError('BAD_OPTION', `Unknown energy target "${show(target)}": use consumption, emissions or costs.`);
}

/** Facility kWh per step of a band, with the step middles the tariff prices each step at. */
export interface BandEnergy {
  stepMiddles: Float64Array;
  kWh: PerBound<Float64Array>;
}

/** Energy of each step of a power band, scaled by `pue` (1 for IT energy); values that are not numbers are NaN. */
export function bandEnergy(band: PowerBand, stepMs: number, pue = 1): BandEnergy {
  if (band === null || typeof band !== 'object') {
    throw new EcotiMlError(
      'BAD_INPUT',
      `A power forecast must be an object with times and bounds, got ${kindOf(band)}.`
    );
  }
  const n = checkNumbers(band.timestamps, 'The forecast times');
  for (const b of BOUNDS) {
    if (checkNumbers(band[b], `The forecast's ${b} values`) !== n) {
      throw new EcotiMlError('LENGTH_MISMATCH', `${n} forecast times but ${band[b].length} ${b} values.`);
    }
  }
  const perWatt = facilityKWh(kWhOf(1, checkStep(stepMs)), pue);
  const stepMiddles = asFloat64(band.timestamps).map((t) => stepMiddle(t, stepMs));
  const kWh = perBound((b) => asFloat64(band[b]).map((w) => w * perWatt));
  return { stepMiddles, kWh };
}

/**
 * kWh over the whole band, per bound (unknown or infinite steps left out, as costOfEnergy does); IT energy by default, facility energy with the
 * site's PUE. OUT_OF_RANGE when a total does not fit in a double (watts near 1e308: a unit mistake).
 */
export function bandKWh(band: PowerBand, stepMs: number, pue = 1): PerBound<number> {
  const { kWh } = bandEnergy(band, stepMs, pue);
  return perBound((b) => {
    let total = 0;
    for (const x of kWh[b]) {
      total += Number.isFinite(x) ? x : 0;
    }
    if (!Number.isFinite(total)) {
      throw new EcotiMlError(
        'OUT_OF_RANGE',
        `The forecast's ${b} energy is beyond a double: check the series is in watts.`
      );
    }
    return total;
  });
}

/** kgCO2e of facility kWh, per bound. */
export function bandEmissions(facilityKWhTotal: PerBound<number>, gramsCO2ePerKWh: number): PerBound<number> {
  checkIntensity(gramsCO2ePerKWh);
  return perBound((b) => kgCO2e(facilityKWhTotal[b], gramsCO2ePerKWh));
}

/** The tariff's cost of each bound's energy, every step priced at its middle. */
export function bandCost(energy: BandEnergy, tariff: Tariff, timeZone: string): PerBound<EnergyCost> {
  return perBound((b) => costOfEnergy(energy.stepMiddles, energy.kWh[b], tariff, timeZone));
}

export function perBound<T>(f: (b: Bound) => T): PerBound<T> {
  return { mean: f('mean'), lower: f('lower'), upper: f('upper') };
}

function checkStep(stepMs: number): number {
  if (!(Number.isFinite(stepMs) && stepMs > 0)) {
    throw new EcotiMlError('BAD_OPTION', `The forecast step must be a positive number of ms, got ${show(stepMs)}.`);
  }
  return stepMs;
}
