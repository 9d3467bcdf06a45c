// The room's air and its cooling: one cooling unit (CRAC) per rack holding a supply-air set point, inlet
// temperatures that follow it, and the unit's power, which falls as the set point rises.
import { coolingFailuresAt } from './incidents';
import type { Datacenter, Host, Rack } from './model';
import { smoothNoise } from './noise';
import { localClock, outdoorShape } from './siteClock';

const MINUTE = 60_000;
/** Cooling failures and set-point changes develop with this time constant. */
export const THERMAL_TAU_MS = 20 * MINUTE;
/** Inlet air is this much warmer than the unit's supply air (bypass and recirculation). */
const INLET_ABOVE_SUPPLY_C = 1;
/** Each server slot up the rack breathes slightly warmer air. */
const INLET_PER_SLOT_C = 0.12;
/** Cooling power per watt of IT at an 18 °C supply, before the afternoon's heat. */
const COOLING_PER_IT_WATT = 0.435;
/**
 * Each °C of supply set point saves this share of cooling energy (chiller lift and free-cooling hours): the
 * commonly cited 2–4 % per °C, at its upper end, as the recommendation rule assumes.
 */
export const COOLING_SAVING_PER_DEGREE = 0.04;
/** A failed unit keeps running flat out without cooling its rack (a refrigerant leak, a stuck valve). */
const FAILED_UNIT_POWER_FACTOR = 1.25;

/** Supply set point of a rack's cooling unit at t: the last change, approached with the thermal time constant. */
export function supplySetPoint(rack: Rack, t: number): number {
  let value = rack.setPoints[0].celsius;
  for (let i = 1; i < rack.setPoints.length; i++) {
    const step = rack.setPoints[i];
    if (t < step.at) {
      break;
    }
    value += (step.celsius - value) * (1 - Math.exp(-(t - step.at) / THERMAL_TAU_MS));
  }
  return value;
}

/** The set point the unit is told to hold at t (what its controller reports). */
export function targetSetPoint(rack: Rack, t: number): number {
  let value = rack.setPoints[0].celsius;
  for (const step of rack.setPoints) {
    value = t >= step.at ? step.celsius : value;
  }
  return value;
}

/** Extra inlet temperature from the rack's cooling failures (first-order rise and recovery). */
export function coolingExcess(dc: Datacenter, rack: Rack, t: number): number {
  let excess = 0;
  for (const i of coolingFailuresAt(dc, rack, t)) {
    if (i.kind !== 'cooling_failure') {
      continue;
    }
    const on = 1 - Math.exp(-(Math.min(t, i.end) - i.start) / THERMAL_TAU_MS);
    const off = t > i.end ? Math.exp(-(t - i.end) / THERMAL_TAU_MS) : 1;
    excess += i.inletRiseCelsius * on * off;
  }
  return excess;
}

/** Inlet air temperature of a host in °C. */
export function inletTemperature(
  dc: Datacenter,
  rack: Rack,
  host: Host,
  t: number,
  excess = coolingExcess(dc, rack, t)
): number {
  const { hour } = localClock(dc, t);
  return (
    supplySetPoint(rack, t) +
    INLET_ABOVE_SUPPLY_C +
    rack.inletOffset +
    INLET_PER_SLOT_C * host.slot +
    0.8 * outdoorShape(hour) +
    0.3 * smoothNoise(dc.scenario.seed, host.stream ^ 0x77, t, 20 * MINUTE) +
    excess
  );
}

/** Power of a rack's cooling unit in watts, for the IT power it removes as heat. */
export function cracPower(dc: Datacenter, rack: Rack, t: number, rackItWatts: number, failing: boolean): number {
  const { hour } = localClock(dc, t);
  const setPointFactor = 1 - COOLING_SAVING_PER_DEGREE * (supplySetPoint(rack, t) - 18);
  return (
    rackItWatts *
    COOLING_PER_IT_WATT *
    (1 + 0.35 * outdoorShape(hour)) *
    setPointFactor *
    (failing ? FAILED_UNIT_POWER_FACTOR : 1)
  );
}
