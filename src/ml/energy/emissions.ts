// From IT energy to what the building draws (PUE) and to the carbon it emits (grid intensity).

import { EcotiMlError } from '../types';
import { show } from '../hygiene/checkInput';

export interface EmissionFactors {
  /** Power usage effectiveness of the site, ≥ 1 (facility energy / IT energy). */
  pue: number;
  /** Grid carbon intensity, gCO2e per kWh (e.g. Brazil's grid ≈ 40–100, depending on year and source). */
  gramsCO2ePerKWh: number;
}

/** Facility kWh = IT kWh × PUE. */
export function facilityKWh(itKWh: number, pue: number): number {
  checkPue(pue);
  return itKWh * pue;
}

/** kgCO2e = kWh × gCO2e/kWh / 1000. */
export function kgCO2e(kWh: number, gramsCO2ePerKWh: number): number {
  checkIntensity(gramsCO2ePerKWh);
  return (kWh * gramsCO2ePerKWh) / 1000;
}

/** Both at once, for a total of IT energy. */
export function itEnergyToEmissions(itKWh: number, factors: EmissionFactors): { facilityKWh: number; kgCO2e: number } {
  const facility = facilityKWh(itKWh, factors.pue);
  return { facilityKWh: facility, kgCO2e: kgCO2e(facility, factors.gramsCO2ePerKWh) };
}

/**
 * kgCO2e per step from IT kWh per step; the intensity may be one number or one per step (hourly
 * intensity from a grid operator). Unknown energy or intensity (NaN) gives NaN for that step.
 */
export function emissionsPerStep(
  itKWhPerStep: ArrayLike<number>,
  pue: number,
  gramsCO2ePerKWh: number | ArrayLike<number>
): Float64Array {
  checkPue(pue);
  const n = itKWhPerStep.length;
  const out = new Float64Array(n);
  if (typeof gramsCO2ePerKWh === 'number') {
    checkIntensity(gramsCO2ePerKWh);
    const factor = (pue * gramsCO2ePerKWh) / 1000;
    for (let i = 0; i < n; i++) {
      out[i] = itKWhPerStep[i] * factor;
    }
    return out;
  }
  if (gramsCO2ePerKWh.length !== n) {
    throw new EcotiMlError('LENGTH_MISMATCH', `${n} energy steps but ${gramsCO2ePerKWh.length} intensities.`);
  }
  for (let i = 0; i < n; i++) {
    const g = gramsCO2ePerKWh[i];
    out[i] = g >= 0 ? (itKWhPerStep[i] * pue * g) / 1000 : NaN;
  }
  return out;
}

/** Throws BAD_OPTION unless `pue` is a finite number ≥ 1. */
export function checkPue(pue: number): void {
  if (!(Number.isFinite(pue) && pue >= 1)) {
    throw new EcotiMlError('BAD_OPTION', `PUE must be a finite number ≥ 1, got ${show(pue)}.`);
  }
}

/** Throws BAD_OPTION unless `g` is a finite number of gCO2e/kWh ≥ 0. */
export function checkIntensity(g: number): void {
  if (!(Number.isFinite(g) && g >= 0)) {
    throw new EcotiMlError('BAD_OPTION', `Carbon intensity must be a finite number of gCO2e/kWh ≥ 0, got ${show(g)}.`);
  }
}
