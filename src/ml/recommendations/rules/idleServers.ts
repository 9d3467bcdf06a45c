// Idle servers ("zombies"): almost no CPU work, yet steady power draw. Turning them off or
// repurposing them saves their whole draw, times the site's PUE.
import { summarise } from '../../stats/summary';
import {
  evidenceConfidence,
  facilityKWhPerMonth,
  HOURS_PER_MONTH,
  monthlySavings,
  priceNoteMessage,
  spanDays,
} from '../savings';
import { englishTexts, identifier, message, nested, quantity } from '../messages';
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
    const name = identifier(host.id);
    const watts = quantity(power.mean, 'W', 0);
    const messages = {
      title: message('idle-server.title', { host: name }),
      evidence: message('idle-server.evidence', {
        cpuMean: quantity(cpu.mean * 100, '%', 1),
        cpuP95: quantity(cpu.p95 * 100, '%', 1),
        days: quantity(days, 'days', 1),
        watts,
        variation: quantity(power.cv * 100, '%', 0),
      }),
      action: message('idle-server.action', { host: name }),
      assumptions: message('idle-server.assumptions', {
        watts,
        hours: quantity(HOURS_PER_MONTH, 'h/month'),
        pue: quantity(site.pue, 'PUE'),
        carbonIntensity: quantity(site.carbonIntensity, 'gCO2e/kWh'),
        priceNote: nested(priceNoteMessage(site)),
      }),
    };
    out.push({
      id: `idle-server:${host.id}`,
      rule: 'idle-server',
      category: 'infrastructure',
      target: host.id,
      ...englishTexts(messages),
      ...monthlySavings(kWh, site),
      currency: site.currency,
      confidence: evidenceConfidence(days, clarity),
      evidenceSeries: [host.id],
      messages,
    });
  }
  return out;
}
