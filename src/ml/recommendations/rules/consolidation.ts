// Consolidation: hosts with similar, low utilisation profiles (k-means on daily profiles) whose
// combined peak fits on fewer machines. The freed hosts save their idle draw.
import { clusterUsageProfiles } from '../../cluster/usageProfiles';
import { consolidationCandidates } from '../../cluster/consolidation';
import { summarise } from '../../stats/summary';
import {
  evidenceConfidence,
  facilityKWhPerMonth,
  HOURS_PER_MONTH,
  monthlySavings,
  priceNoteMessage,
  spanDays,
} from '../savings';
import { englishTexts, identifiers, message, nested, quantity } from '../messages';
import type { HostSignals, Recommendation, SiteConstants } from '../types';

/** Clusters busier than this on average are not worth packing tighter. */
const MAX_MEAN_UTILISATION = 0.35;

export function consolidationRule(hosts: HostSignals[], site: SiteConstants): Recommendation[] {
  const withCpu = hosts.filter((h) => h.cpu);
  if (withCpu.length < 3) {
    return [];
  }
  const clustering = clusterUsageProfiles(
    withCpu.map((h) => ({ id: h.id, series: h.cpu! })),
    { timeZone: site.timeZone }
  );
  const byId = new Map(hosts.map((h) => [h.id, h]));
  const out: Recommendation[] = [];
  for (const c of consolidationCandidates(clustering)) {
    if (c.hostsFreed < 1 || c.meanUtilisation > MAX_MEAN_UTILISATION) {
      continue;
    }
    const freed = c.plan.flatMap((p) => p.absorb);
    // A released host saves its idle draw; the hosts that absorb its work draw a little more for it.
    let idleWatts = 0;
    for (const id of freed) {
      const h = byId.get(id);
      const power = h?.powerW ? summarise(h.powerW.values) : undefined;
      const cpu = h?.cpu ? summarise(h.cpu.values) : undefined;
      idleWatts += power && cpu && power.count > 0 ? idleDraw(h!, power.mean) : 0;
    }
    if (!(idleWatts > 0)) {
      continue;
    }
    const kWh = facilityKWhPerMonth(idleWatts, site);
    const days = Math.min(...c.members.map((id) => spanDays(byId.get(id)!.cpu!.timestamps)));
    const hostsNow = quantity(c.hostsNow, 'count');
    const hostsNeeded = quantity(c.hostsNeeded, 'count');
    const messages = {
      title: message('consolidation.title', { hostsNow, hostsNeeded }),
      evidence: message('consolidation.evidence', {
        hostsNow,
        meanCpu: quantity(c.meanUtilisation * 100, '%', 0),
        combinedP95: quantity(c.combinedP95 * 100, '%', 0),
        hostsNeeded,
      }),
      action: message('consolidation.action', {
        freed: identifiers(freed),
        keep: identifiers(c.plan.map((p) => p.keep)),
      }),
      assumptions: message('consolidation.assumptions', {
        idleWatts: quantity(idleWatts, 'W', 0),
        hours: quantity(HOURS_PER_MONTH, 'h/month'),
        pue: quantity(site.pue, 'PUE'),
        carbonIntensity: quantity(site.carbonIntensity, 'gCO2e/kWh'),
        priceNote: nested(priceNoteMessage(site)),
      }),
    };
    out.push({
      id: `consolidation:${[...c.members].sort().join(',')}`,
      rule: 'consolidation',
      category: 'infrastructure',
      target: c.members.join(', '),
      ...englishTexts(messages),
      ...monthlySavings(kWh, site),
      currency: site.currency,
      confidence: evidenceConfidence(days, Math.min(1, clustering.silhouette + 0.3)),
      evidenceSeries: c.members,
      messages,
    });
  }
  return out;
}

/**
 * Idle draw of a host: the intercept of power against CPU (least squares over paired samples),
 * bounded by the measured mean. Falls back to the mean when CPU barely varies.
 */
export function idleDraw(host: HostSignals, meanPower: number): number {
  const cpu = host.cpu!;
  const power = host.powerW!;
  const byTime = new Map<number, number>();
  for (let i = 0; i < power.timestamps.length; i++) {
    byTime.set(power.timestamps[i], power.values[i]);
  }
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < cpu.timestamps.length; i++) {
    const x = cpu.values[i];
    const y = byTime.get(cpu.timestamps[i]);
    if (Number.isFinite(x) && y !== undefined && Number.isFinite(y)) {
      n++;
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
  }
  const den = n * sxx - sx * sx;
  if (n < 10 || den <= 1e-9 * n * n) {
    return meanPower;
  }
  const slope = (n * sxy - sx * sy) / den;
  const intercept = (sy - slope * sx) / n;
  return Math.max(0, Math.min(meanPower, intercept));
}
