// PUE drift: the site's overhead (cooling, power conversion) growing relative to its IT load, shown
// by a significant upward trend in facility ÷ IT power. Fixing the cause recovers the difference.
import { trend } from '../../trend/trend';
import { summarise } from '../../stats/summary';
import { evidenceConfidence, HOURS_PER_MONTH, kWhPerMonth, monthlySavings, priceNote, spanDays } from '../savings';
import type { Recommendation, RecommendationInput } from '../types';

/** Drift smaller than this over the window is within metering noise. */
const MIN_PUE_RISE = 0.02;

export function pueDriftRule(input: RecommendationInput): Recommendation[] {
  const { facilityPowerW: facility, itPowerW: it, site } = input;
  if (!facility || !it) {
    return [];
  }
  const pue = pueSeries(facility.timestamps, facility.values, it.timestamps, it.values);
  if (pue.values.length < 10) {
    return [];
  }
  const tr = trend(pue);
  const days = spanDays(pue.timestamps);
  const rise = tr.slopePerDay * days;
  // Only a rise whose whole confidence range is above zero counts.
  if (!(tr.lower > 0) || rise < MIN_PUE_RISE) {
    return [];
  }
  const n = pue.values.length;
  const firstDay = summarise(pue.values.subarray(0, Math.max(2, Math.floor(n / Math.max(1, days))))).mean;
  const now = summarise(pue.values.subarray(Math.floor(n * 0.9))).mean;
  const itWatts = summarise(it.values).mean;
  const kWh = kWhPerMonth(Math.max(0, now - firstDay) * itWatts);
  if (!(kWh > 0)) {
    return [];
  }
  return [
    {
      id: 'pue-drift:site',
      rule: 'pue-drift',
      category: 'energy',
      title: `PUE is drifting up (${firstDay.toFixed(2)} → ${now.toFixed(2)}): find the cause`,
      target: 'site',
      evidence: `Facility ÷ IT power rises by ${(tr.slopePerDay * 7).toFixed(3)} per week (95% range ${(tr.lower * 7).toFixed(3)} to ${(tr.upper * 7).toFixed(3)}) over ${days.toFixed(1)} days.`,
      ...monthlySavings(kWh, site),
      currency: site.currency,
      confidence: evidenceConfidence(days, Math.min(1, tr.lower / Math.max(tr.slopePerDay, 1e-12))),
      action:
        'Check cooling (filters, refrigerant, set points, blanking panels), UPS efficiency and lighting; compare with the change points of the PUE trend.',
      assumptions: `Returning PUE from ${now.toFixed(2)} to ${firstDay.toFixed(2)} at the mean IT load ${itWatts.toFixed(0)} W × ${HOURS_PER_MONTH} h/month; ${site.carbonIntensity} gCO2e/kWh; ${priceNote(site)}.`,
      evidenceSeries: ['facility power', 'IT power'],
    },
  ];
}

/** Facility ÷ IT power at the timestamps both have. */
export function pueSeries(ft: ArrayLike<number>, fv: ArrayLike<number>, it: ArrayLike<number>, iv: ArrayLike<number>) {
  const itByTime = new Map<number, number>();
  for (let i = 0; i < it.length; i++) {
    itByTime.set(it[i], iv[i]);
  }
  const ts: number[] = [];
  const vs: number[] = [];
  for (let i = 0; i < ft.length; i++) {
    const d = itByTime.get(ft[i]);
    if (d !== undefined && d > 0 && Number.isFinite(fv[i])) {
      ts.push(ft[i]);
      vs.push(fv[i] / d);
    }
  }
  return { timestamps: Float64Array.from(ts), values: Float64Array.from(vs) };
}
