// Cooling set point: inlet air colder than ASHRAE's recommended 18–27 °C band means the cooling
// plant works harder than the servers need. Raising the set point saves cooling energy.
import { summarise } from '../../stats/summary';
import { evidenceConfidence, kWhPerMonth, monthlySavings, priceNote, spanDays } from '../savings';
import type { Recommendation, RecommendationInput } from '../types';

/** ASHRAE TC 9.9 recommended inlet range, classes A1–A4. */
export const ASHRAE_MIN_C = 18;
export const ASHRAE_MAX_C = 27;
/** Commonly cited rule of thumb: each °C of set point saves about 4% of cooling energy. */
export const COOLING_SAVING_PER_DEGREE = 0.04;
/** Keep this much below the top of the band at the hottest inlet (p95). */
const HEADROOM_C = 2;

export function coolingSetPointRule(input: RecommendationInput): Recommendation[] {
  const sensors = input.inletTemperatures ?? [];
  const site = input.site;
  const itWatts = itLoadWatts(input);
  if (sensors.length === 0 || !(itWatts > 0) || site.pue <= 1) {
    return [];
  }
  const out: Recommendation[] = [];
  for (const sensor of sensors) {
    const s = summarise(sensor.series.values);
    if (s.count < 2 || s.mean >= ASHRAE_MIN_C) {
      continue;
    }
    // Raise to the bottom of the band, but never let the hottest readings leave it.
    const raise = Math.min(ASHRAE_MIN_C + 1 - s.mean, ASHRAE_MAX_C - HEADROOM_C - s.p95);
    if (raise < 0.5) {
      continue;
    }
    // Overhead energy (PUE − 1) is mostly cooling; the sensor's share of it is its share of the sensors.
    const coolingKWh = kWhPerMonth(itWatts * (site.pue - 1)) / sensors.length;
    const kWh = coolingKWh * COOLING_SAVING_PER_DEGREE * raise;
    const days = spanDays(sensor.series.timestamps);
    out.push({
      id: `cooling-set-point:${sensor.id}`,
      rule: 'cooling-set-point',
      category: 'energy',
      title: `Raise the cooling set point for ${sensor.id} by ${raise.toFixed(1)} °C`,
      target: sensor.id,
      evidence: `Inlet air averages ${s.mean.toFixed(1)} °C (p95 ${s.p95.toFixed(1)} °C), below the ASHRAE recommended ${ASHRAE_MIN_C}–${ASHRAE_MAX_C} °C.`,
      ...monthlySavings(kWh, site),
      currency: site.currency,
      confidence: evidenceConfidence(days, Math.min(1, (ASHRAE_MIN_C - s.mean) / 3)),
      action: `Raise the CRAC/CRAH supply set point in steps of 0.5 °C, watching inlet temperatures stay within ${ASHRAE_MIN_C}–${ASHRAE_MAX_C} °C.`,
      assumptions: `Cooling ≈ (PUE ${site.pue} − 1) × IT load ${itWatts.toFixed(0)} W, shared evenly by ${sensors.length} sensor(s); ${COOLING_SAVING_PER_DEGREE * 100}% of cooling energy saved per °C (rule of thumb); ${site.carbonIntensity} gCO2e/kWh; ${priceNote(site)}.`,
      evidenceSeries: [sensor.id],
    });
  }
  return out;
}

/** IT load in watts: the IT power meter when there is one, else the sum of host meters. */
export function itLoadWatts(input: RecommendationInput): number {
  if (input.itPowerW) {
    return summarise(input.itPowerW.values).mean;
  }
  let sum = 0;
  for (const h of input.hosts) {
    const m = h.powerW ? summarise(h.powerW.values).mean : NaN;
    sum += Number.isFinite(m) ? m : 0;
  }
  return sum;
}
