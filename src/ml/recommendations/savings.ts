// Turns energy saved per month into the three figures a board reads: kWh, kgCO2e and money.
import type { SiteConstants } from './types';

/** Average hours in a month (8760 / 12). */
export const HOURS_PER_MONTH = 730;

/**
 * Price of a kWh spread evenly over the week: peak hours × peak price + the rest × off-peak price.
 * Right for loads that run around the clock (idle servers, cooling).
 */
export function flatLoadPricePerKWh(site: SiteConstants): number {
  const t = site.tariff;
  const peakHoursPerDay = Math.max(0, t.peakEndHour - t.peakStartHour);
  const peakDays = t.peakWeekdaysOnly ? 5 : 7;
  const peakShare = (peakHoursPerDay * peakDays) / (24 * 7);
  return peakShare * t.peakPricePerKWh + (1 - peakShare) * t.offPeakPricePerKWh;
}

export function monthlySavings(
  facilityKWhPerMonth: number,
  site: SiteConstants,
  pricePerKWh = flatLoadPricePerKWh(site)
) {
  return {
    kWhPerMonth: facilityKWhPerMonth,
    kgCO2ePerMonth: (facilityKWhPerMonth * site.carbonIntensity) / 1000,
    moneyPerMonth: facilityKWhPerMonth * pricePerKWh,
  };
}

/** Facility kWh per month of a constant IT load in watts. */
export function facilityKWhPerMonth(itWatts: number, site: SiteConstants): number {
  return (itWatts * HOURS_PER_MONTH * site.pue) / 1000;
}

/** Confidence grows with the days of evidence: a week of data is worth far more than an afternoon. */
export function evidenceConfidence(days: number, clarity: number): number {
  const coverage = Math.min(1, days / 7);
  return Math.round(Math.max(0.05, Math.min(0.99, 0.3 + 0.6 * coverage * clarity)) * 100) / 100;
}

export function priceNote(site: SiteConstants): string {
  const t = site.tariff;
  return `price ${flatLoadPricePerKWh(site).toFixed(3)} ${site.currency}/kWh (peak ${t.peakPricePerKWh} ${t.peakStartHour}:00–${t.peakEndHour}:00${t.peakWeekdaysOnly ? ' weekdays' : ''}, off-peak ${t.offPeakPricePerKWh})`;
}

export function spanDays(timestamps: ArrayLike<number>): number {
  const n = timestamps.length;
  return n > 1 ? (timestamps[n - 1] - timestamps[0]) / 86_400_000 : 0;
}
