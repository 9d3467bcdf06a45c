// Load shifting: flexible work (batch, backups, reports) run in the peak tariff window costs more for
// the same kWh. Moving a share of it to off-peak hours saves money without using less energy.
import { powerToEnergy } from '../../energy/powerToEnergy';
import { loadShiftSavings } from '../../energy/tariff';
import { facilityKWh } from '../../energy/emissions';
import { evidenceConfidence, spanDays } from '../savings';
import { currency, englishTexts, message, quantity, renderEnglish } from '../messages';
import type { HostSignals, Recommendation, SiteConstants } from '../types';
import { EcotiMlError } from '../../types';

/** Share of peak-window energy assumed movable: the batch part of a typical enterprise load. */
export const FLEXIBLE_SHARE = 0.2;
/** Below this monthly saving the advice is noise. */
const MIN_MONEY_PER_MONTH = 1;
/** What the window saw is scaled to a month of this many days. */
const DAYS_PER_MONTH = 30;

export function loadShiftingRule(hosts: HostSignals[], site: SiteConstants): Recommendation[] {
  const t = site.tariff;
  const metered = hosts.filter((h) => h.powerW && h.powerW.values.length > 1);
  if (metered.length === 0 || !(t.peakPricePerKWh > t.offPeakPricePerKWh) || t.peakEndHour <= t.peakStartHour) {
    return [];
  }
  let shifted = 0;
  let money = 0;
  let days = Infinity;
  let peakKWh = 0;
  for (const h of metered) {
    const energy = named(h.id, () => powerToEnergy(h.powerW!));
    // IT energy at the meter → what the utility bills, × PUE.
    const facility = energy.kWhPerStep.map((v) => facilityKWh(v, site.pue));
    const s = loadShiftSavings(energy.timestamps, facility, t, FLEXIBLE_SHARE, site.timeZone);
    const d = spanDays(energy.timestamps);
    if (d <= 0) {
      continue;
    }
    // Scale what the window saw to a month.
    shifted += (s.shiftedKWh * DAYS_PER_MONTH) / d;
    money += (s.savings * DAYS_PER_MONTH) / d;
    peakKWh += ((s.shiftedKWh / FLEXIBLE_SHARE) * DAYS_PER_MONTH) / d;
    days = Math.min(days, d);
  }
  if (!(money >= MIN_MONEY_PER_MONTH)) {
    return [];
  }
  const peakStart = quantity(t.peakStartHour, 'hour-of-day');
  const peakEnd = quantity(t.peakEndHour, 'hour-of-day');
  const messages = {
    title: message('load-shifting.title', { peakStart, peakEnd }),
    target: message('load-shifting.target', { hosts: quantity(metered.length, 'count') }),
    evidence: message('load-shifting.evidence', {
      peakKWh: quantity(peakKWh, 'kWh/month', 0),
      peakPrice: quantity(t.peakPricePerKWh, 'currency/kWh'),
      offPeakPrice: quantity(t.offPeakPricePerKWh, 'currency/kWh'),
      currency: currency(site.currency),
    }),
    action: t.peakWeekdaysOnly
      ? message('load-shifting.action-weekdays', { peakStart, peakEnd })
      : message('load-shifting.action', { peakStart, peakEnd }),
    assumptions: message('load-shifting.assumptions', {
      flexibleShare: quantity(FLEXIBLE_SHARE * 100, '%'),
      shiftedKWh: quantity(shifted, 'kWh/month', 0),
      windowDays: quantity(DAYS_PER_MONTH, 'days'),
      pue: quantity(site.pue, 'PUE'),
    }),
  };
  return [
    {
      id: 'load-shifting:site',
      rule: 'load-shifting',
      category: 'energy',
      target: renderEnglish(messages.target),
      ...englishTexts(messages),
      kWhPerMonth: 0,
      kgCO2ePerMonth: 0,
      moneyPerMonth: money,
      currency: site.currency,
      confidence: evidenceConfidence(days, 0.6),
      evidenceSeries: metered.map((h) => h.id),
      messages,
    },
  ];
}

/** Runs `f`, prefixing an EcotiMlError's message with the host it is about. */
function named<T>(host: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw e instanceof EcotiMlError ? new EcotiMlError(e.code, `Host ${host}: ${e.message}`) : e;
  }
}
