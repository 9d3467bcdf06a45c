// Turns energy saved per month into the three figures a board reads: kWh, kgCO2e and money, by the same
// energy, tariff and carbon rules as every other figure (src/ml/energy).
import { facilityKWh, kgCO2e } from '../energy/emissions';
import { flatLoadPricePerKWh } from '../energy/tariff';
import { kWhOf, MS_PER_HOUR } from '../energy/units';
import { currency, message, quantity, RuleMessage } from './messages';
import type { SiteConstants } from './types';

/** Average hours in a month (8760 / 12). */
export const HOURS_PER_MONTH = 730;

export function monthlySavings(
  facilityKWhPerMonth: number,
  site: SiteConstants,
  pricePerKWh = flatLoadPricePerKWh(site.tariff)
) {
  return {
    kWhPerMonth: facilityKWhPerMonth,
    kgCO2ePerMonth: kgCO2e(facilityKWhPerMonth, site.carbonIntensity),
    moneyPerMonth: facilityKWhPerMonth * pricePerKWh,
  };
}

/** kWh per month of a constant load in watts. */
export function kWhPerMonth(watts: number): number {
  return kWhOf(watts, HOURS_PER_MONTH * MS_PER_HOUR);
}

/** Facility kWh per month of a constant IT load in watts. */
export function facilityKWhPerMonth(itWatts: number, site: SiteConstants): number {
  return facilityKWh(kWhPerMonth(itWatts), site.pue);
}

/** Confidence grows with the days of evidence: a week of data is worth far more than an afternoon. */
export function evidenceConfidence(days: number, clarity: number): number {
  const coverage = Math.min(1, days / 7);
  return Math.round(Math.max(0.05, Math.min(0.99, 0.3 + 0.6 * coverage * clarity)) * 100) / 100;
}

/** The site's prices, as the rules' assumptions quote them: the flat-load price, then the tariff's peak and off-peak. */
export function priceNoteMessage(site: SiteConstants): RuleMessage {
  const t = site.tariff;
  const values = {
    price: quantity(flatLoadPricePerKWh(t), 'currency/kWh', 3),
    currency: currency(site.currency),
    peakPrice: quantity(t.peakPricePerKWh, 'currency/kWh'),
    peakStart: quantity(t.peakStartHour, 'hour-of-day'),
    peakEnd: quantity(t.peakEndHour, 'hour-of-day'),
    offPeakPrice: quantity(t.offPeakPricePerKWh, 'currency/kWh'),
  };
  return t.peakWeekdaysOnly ? message('common.price-note-weekdays', values) : message('common.price-note', values);
}

export function spanDays(timestamps: ArrayLike<number>): number {
  const n = timestamps.length;
  return n > 1 ? (timestamps[n - 1] - timestamps[0]) / 86_400_000 : 0;
}
