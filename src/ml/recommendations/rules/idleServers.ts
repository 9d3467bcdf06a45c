// Idle servers ("zombies"): almost no CPU work, yet steady power draw. Turning them off or
// repurposing them saves their whole draw, times the site's PUE.
import { summarise } from '../../stats/summary';
import {
  evidenceConfidence,
  facilityKWhPerMonth,
  HOURS_PER_MONTH,
  monthlySavings,
  priceNote,
  spanDays,
} from '../savings';
import type { HostSignals, Recommendation, SiteConstants } from '../types';

/** Below this mean and p95 CPU a host does no useful work (CCF uses a similar idle cut-off). */
const IDLE_MEAN_CPU = 0.05;
const IDLE_P95_CPU = 0.1;
/** Power that varies less than this (coefficient of variation) is "steady". */
const STEADY_POWER_CV = 0.15;

export function idleServerRule(hosts: HostSignals[], site: SiteConstants): Recommendation[] {
  const out: Recommendation[] = [];
  for (const host of hosts) {
    if (!host.cpu || !host.powerW) {
      continue;
    }
    const cpu = summarise(host.cpu.values);
    const power = summarise(host.powerW.values);
    if (cpu.count < 2 || power.count < 2 || !(power.mean > 0)) {
      continue;
    }
    if (cpu.mean >= IDLE_MEAN_CPU || cpu.p95 >= IDLE_P95_CPU || power.cv >= STEADY_POWER_CV) {
      continue;
    }
    const kWh = facilityKWhPerMonth(power.mean, site);
    const days = Math.min(spanDays(host.cpu.timestamps), spanDays(host.powerW.timestamps));
    // The further below the thresholds, the clearer the case.
    const clarity = Math.min(1, (IDLE_P95_CPU - cpu.p95) / IDLE_P95_CPU + 0.5);
    out.push({
      id: `idle-server:${host.id}`,
      rule: 'idle-server',
      category: 'infrastructure',
      title: `Power off or repurpose idle server ${host.id}`,
      target: host.id,
      evidence: `CPU ${(cpu.mean * 100).toFixed(1)}% on average (p95 ${(cpu.p95 * 100).toFixed(1)}%) over ${days.toFixed(1)} days while drawing a steady ${power.mean.toFixed(0)} W (±${(power.cv * 100).toFixed(0)}%).`,
      ...monthlySavings(kWh, site),
      currency: site.currency,
      confidence: evidenceConfidence(days, clarity),
      action: `Confirm with the owner that ${host.id} serves nothing, then decommission it or give it a workload; if it must stay, enable power capping or a deep idle state.`,
      assumptions: `Saves the measured mean draw ${power.mean.toFixed(0)} W × ${HOURS_PER_MONTH} h/month × PUE ${site.pue}; ${site.carbonIntensity} gCO2e/kWh; ${priceNote(site)}.`,
      evidenceSeries: [host.id],
    });
  }
  return out;
}
