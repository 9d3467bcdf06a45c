// PUE drift: the site's overhead (cooling, power conversion) growing relative to its IT load, shown
// by a significant upward trend in facility ÷ IT power. Fixing the cause recovers the difference.
import { trend } from '../../trend/trend';
import { summarise } from '../../stats/summary';
import {
  evidenceConfidence,
  HOURS_PER_MONTH,
  kWhPerMonth,
  monthlySavings,
  priceNoteMessage,
  spanDays,
} from '../savings';
import { englishTexts, message, nested, quantity, renderEnglish } from '../messages';
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
  const from = quantity(firstDay, 'PUE', 2);
  const to = quantity(now, 'PUE', 2);
  const messages = {
    title: message('pue-drift.title', { from, to }),
    target: message('pue-drift.target', {}),
    evidence: message('pue-drift.evidence', {
      perWeek: quantity(tr.slopePerDay * 7, 'PUE/week', 3),
      lowerPerWeek: quantity(tr.lower * 7, 'PUE/week', 3),
      upperPerWeek: quantity(tr.upper * 7, 'PUE/week', 3),
      days: quantity(days, 'days', 1),
    }),
    action: message('pue-drift.action', {}),
    assumptions: message('pue-drift.assumptions', {
      to,
      from,
      itWatts: quantity(itWatts, 'W', 0),
      hours: quantity(HOURS_PER_MONTH, 'h/month'),
      carbonIntensity: quantity(site.carbonIntensity, 'gCO2e/kWh'),
      priceNote: nested(priceNoteMessage(site)),
    }),
  };
  return [
    {
      id: 'pue-drift:site',
      rule: 'pue-drift',
      category: 'energy',
      target: renderEnglish(messages.target),
      ...englishTexts(messages),
      ...monthlySavings(kWh, site),
      currency: site.currency,
      confidence: evidenceConfidence(days, Math.min(1, tr.lower / Math.max(tr.slopePerDay, 1e-12))),
      evidenceSeries: ['facility power', 'IT power'],
      messages,
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
