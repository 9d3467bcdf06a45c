// Cooling set point: inlet air colder than ASHRAE's recommended 18–27 °C band means the cooling
// plant works harder than the servers need. Raising the set point saves cooling energy.
import { summarise } from '../../stats/summary';
import { evidenceConfidence, kWhPerMonth, monthlySavings, priceNoteMessage, spanDays } from '../savings';
import { englishTexts, identifier, message, nested, quantity } from '../messages';
import type { Recommendation, RecommendationInput } from '../types';

/** ASHRAE TC 9.9 recommended inlet range, classes A1–A4. */
export const ASHRAE_MIN_C = 18;
export const ASHRAE_MAX_C = 27;
/** Commonly cited rule of thumb: each °C of set point saves about 4% of cooling energy. */
export const COOLING_SAVING_PER_DEGREE = 0.04;
/** Keep this much below the top of the band at the hottest inlet (p95). */
const HEADROOM_C = 2;
/** The set point's step the action advises, in °C. */
const SET_POINT_STEP_C = 0.5;

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
    const name = identifier(sensor.id);
    const band = { min: quantity(ASHRAE_MIN_C, '°C'), max: quantity(ASHRAE_MAX_C, '°C') };
    const messages = {
      title: message('cooling-set-point.title', { sensor: name, raise: quantity(raise, '°C', 1) }),
      evidence: message('cooling-set-point.evidence', {
        mean: quantity(s.mean, '°C', 1),
        p95: quantity(s.p95, '°C', 1),
        ...band,
      }),
      action: message('cooling-set-point.action', { step: quantity(SET_POINT_STEP_C, '°C'), ...band }),
      assumptions: message('cooling-set-point.assumptions', {
        pue: quantity(site.pue, 'PUE'),
        itWatts: quantity(itWatts, 'W', 0),
        sensors: quantity(sensors.length, 'count'),
        savingPerDegree: quantity(COOLING_SAVING_PER_DEGREE * 100, '%'),
        carbonIntensity: quantity(site.carbonIntensity, 'gCO2e/kWh'),
        priceNote: nested(priceNoteMessage(site)),
      }),
    };
    out.push({
      id: `cooling-set-point:${sensor.id}`,
      rule: 'cooling-set-point',
      category: 'energy',
      target: sensor.id,
      ...englishTexts(messages),
      ...monthlySavings(kWh, site),
      currency: site.currency,
      confidence: evidenceConfidence(days, Math.min(1, (ASHRAE_MIN_C - s.mean) / 3)),
      evidenceSeries: [sensor.id],
      messages,
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
