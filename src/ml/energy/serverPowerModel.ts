// Estimates a server's power from its vCPU count and CPU utilisation when no meter exists, with Cloud
// Carbon Footprint's linear model, so unmetered hosts still get energy, cost and CO2e figures.

import { EcotiMlError, Series } from '../types';
import { checkSeries, show } from '../hygiene/checkInput';

export interface ServerPowerCoefficients {
  /** Watts per vCPU when idle. */
  minWattsPerVcpu: number;
  /** Watts per vCPU at full load. */
  maxWattsPerVcpu: number;
}

/** CCF's average coefficients for AWS compute (its default when the processor family is unknown). */
export const CCF_COEFFICIENTS: ServerPowerCoefficients = { minWattsPerVcpu: 0.74, maxWattsPerVcpu: 3.5 };
/** CCF's assumption when utilisation is not known. */
export const UNKNOWN_UTILISATION = 0.5;
/** Readings above 1 up to this are taken as measurement jitter and clamped; beyond, as a percentage mistake. */
const MAX_PLAUSIBLE_UTILISATION = 1.5;

/**
 * Average watts = vCPUs × (min + utilisation × (max − min)). `utilisation` is a fraction 0..1; missing
 * (undefined or NaN) means CCF's 0.5. Throws BAD_OPTION for a non-positive vCPU count, inconsistent
 * coefficients or a utilisation that looks like a percentage.
 */
export function serverWatts(
  vcpus: number,
  utilisation: number = UNKNOWN_UTILISATION,
  coefficients: ServerPowerCoefficients = CCF_COEFFICIENTS
): number {
  checkModel(vcpus, coefficients);
  let u = Number.isNaN(utilisation) ? UNKNOWN_UTILISATION : utilisation;
  if (!(Number.isFinite(u) && u >= 0 && u <= MAX_PLAUSIBLE_UTILISATION)) {
    throw new EcotiMlError('BAD_OPTION', `Utilisation must be a fraction between 0 and 1, got ${show(utilisation)}.`);
  }
  u = Math.min(1, u);
  const { minWattsPerVcpu: min, maxWattsPerVcpu: max } = coefficients;
  return vcpus * (min + u * (max - min));
}

/** kWh for `hours` of a server at a constant utilisation (CCF: average watts × vCPU hours). */
export function serverKWh(
  vcpus: number,
  hours: number,
  utilisation: number = UNKNOWN_UTILISATION,
  coefficients: ServerPowerCoefficients = CCF_COEFFICIENTS
): number {
  if (!(Number.isFinite(hours) && hours >= 0)) {
    throw new EcotiMlError('BAD_OPTION', `Hours must be a finite number ≥ 0, got ${show(hours)}.`);
  }
  return (serverWatts(vcpus, utilisation, coefficients) * hours) / 1000;
}

/**
 * A power series in watts from a utilisation series (fraction 0..1), same timestamps; missing
 * utilisation stays missing (NaN) so that `powerToEnergy` reports it rather than inventing 50%.
 * Values are clamped to 0..1; a series whose median is above 1.5 is refused as a percentage.
 */
export function serverPowerSeries(
  vcpus: number,
  utilisation: Series,
  coefficients: ServerPowerCoefficients = CCF_COEFFICIENTS
): Series {
  checkModel(vcpus, coefficients);
  const n = checkSeries(utilisation, 'The utilisation series');
  const finite: number[] = [];
  for (let i = 0; i < n; i++) {
    const u = utilisation.values[i];
    if (Number.isFinite(u)) {
      finite.push(u);
    }
  }
  finite.sort((a, b) => a - b);
  if (finite.length > 0 && finite[finite.length >> 1] > MAX_PLAUSIBLE_UTILISATION) {
    throw new EcotiMlError('BAD_OPTION', 'Utilisation looks like a percentage (median above 1.5): divide it by 100.');
  }
  const { minWattsPerVcpu: min, maxWattsPerVcpu: max } = coefficients;
  const watts = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = utilisation.values[i];
    watts[i] = Number.isFinite(u) ? vcpus * (min + Math.min(1, Math.max(0, u)) * (max - min)) : NaN;
  }
  return { timestamps: utilisation.timestamps, values: watts };
}

function checkModel(vcpus: number, c: ServerPowerCoefficients): void {
  if (!(Number.isFinite(vcpus) && vcpus > 0)) {
    throw new EcotiMlError('BAD_OPTION', `vCPU count must be a positive number, got ${show(vcpus)}.`);
  }
  const { minWattsPerVcpu: min, maxWattsPerVcpu: max } = c;
  if (!(Number.isFinite(min) && Number.isFinite(max) && min >= 0 && max >= min)) {
    throw new EcotiMlError(
      'BAD_OPTION',
      `Power coefficients need 0 ≤ min ≤ max watts per vCPU, got ${show(c.minWattsPerVcpu)} and ${show(c.maxWattsPerVcpu)}.`
    );
  }
}
