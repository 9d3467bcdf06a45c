// Load shifting: flexible work (batch, backups, reports) run in the peak tariff window costs more for
// the same kWh. Moving a share of it to off-peak hours saves money without using less energy.
import { powerToEnergy } from '../../energy/powerToEnergy';
import { loadShiftSavings } from '../../energy/tariff';
import { facilityKWh } from '../../energy/emissions';
import { evidenceConfidence, spanDays } from '../savings';
import type { HostSignals, Recommendation, SiteConstants } from '../types';
import { EcotiMlError } from '../../types';

/** Share of peak-window energy assumed movable: the batch part of a typical enterprise load. */
export const FLEXIBLE_SHARE = 0.2;
/** Below this monthly saving the advice is noise. */
const MIN_MONEY_PER_MONTH = 1;

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
    shifted += (s.shiftedKWh * 30) / d;
    money += (s.savings * 30) / d;
    peakKWh += ((s.shiftedKWh / FLEXIBLE_SHARE) * 30) / d;
    days = Math.min(days, d);
  }
  if (!(money >= MIN_MONEY_PER_MONTH)) {
    return [];
  }
  return [
    {
      id: 'load-shifting:site',
      rule: 'load-shifting',
      category: 'energy',
      title: `Move flexible jobs out of the ${t.peakStartHour}:00–${t.peakEndHour}:00 peak tariff window`,
      target: `${metered.length} metered host(s)`,
      evidence: `${peakKWh.toFixed(0)} kWh/month of facility energy falls in the peak window, billed at ${t.peakPricePerKWh} instead of ${t.offPeakPricePerKWh} ${site.currency}/kWh.`,
      kWhPerMonth: 0,
      kgCO2ePerMonth: 0,
      moneyPerMonth: money,
      currency: site.currency,
      confidence: evidenceConfidence(days, 0.6),
      action: `Reschedule batch jobs, backups and report generation (cron, Kubernetes CronJobs) to start after ${t.peakEndHour}:00 or before ${t.peakStartHour}:00${t.peakWeekdaysOnly ? ', or at weekends' : ''}.`,
      assumptions: `${FLEXIBLE_SHARE * 100}% of peak-window energy is flexible and moves, not disappears (so kWh and CO2e do not change with one grid factor); ${shifted.toFixed(0)} kWh/month shifted; window scaled to 30 days; PUE ${site.pue}.`,
      evidenceSeries: metered.map((h) => h.id),
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
