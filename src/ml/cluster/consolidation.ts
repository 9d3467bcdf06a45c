// Consolidation from usage clusters: how many hosts each cluster of similar, lightly used machines needs at a
// target utilisation, and which hosts absorb which.
import { show } from '../hygiene/checkInput';
import { EcotiMlError } from '../types';
import type { UsageClustering } from './usageProfiles';

export interface ConsolidationOptions {
  /** Share of a host's capacity the consolidated load may reach at its p95, default 0.7. */
  capacityFraction?: number;
  /** Capacity of one host in the series' unit, default 1 (utilisation as a fraction; 100 for percent). */
  hostCapacity?: number;
}

export interface ConsolidationCandidate {
  members: string[];
  meanUtilisation: number;
  hostsNow: number;
  hostsNeeded: number;
  hostsFreed: number;
  /** Sum of the members' p95 (as if their peaks coincided: a conservative load). */
  combinedP95: number;
  /** Where each released host's load goes: the host kept, and those folded onto it. */
  plan: Array<{ keep: string; absorb: string[] }>;
}

/**
 * Clusters whose members' combined p95 fits on fewer hosts at `capacityFraction` of capacity, most
 * hosts freed first. Hosts are packed first-fit decreasing by p95, so every kept host stays under the
 * target even when one member is much busier. Assumes hosts of equal capacity, and peaks that coincide
 * (p95s add up), which overstates the load of hosts busy at different hours: a safe side to err on.
 */
export function consolidationCandidates(
  clustering: UsageClustering,
  options: ConsolidationOptions = {}
): ConsolidationCandidate[] {
  const fraction = options.capacityFraction ?? 0.7;
  const capacity = options.hostCapacity ?? 1;
  if (!(Number.isFinite(fraction) && fraction > 0 && fraction <= 1)) {
    throw new EcotiMlError('BAD_OPTION', `capacityFraction must be in (0, 1], got ${show(fraction)}.`);
  }
  if (!(Number.isFinite(capacity) && capacity > 0)) {
    throw new EcotiMlError('BAD_OPTION', `hostCapacity must be a positive number, got ${show(capacity)}.`);
  }
  const target = fraction * capacity;
  const out: ConsolidationCandidate[] = [];
  for (const c of clustering.clusters) {
    const order = c.members.map((_, i) => i).sort((a, b) => c.memberP95[b] - c.memberP95[a]);
    const bins: Array<{ load: number; keep: string; absorb: string[] }> = [];
    for (const i of order) {
      const load = Math.max(0, c.memberP95[i]);
      const bin = bins.find((b) => b.load + load <= target);
      if (bin === undefined) {
        bins.push({ load, keep: c.members[i], absorb: [] });
      } else {
        bin.load += load;
        bin.absorb.push(c.members[i]);
      }
    }
    const freed = c.members.length - bins.length;
    if (freed > 0) {
      out.push({
        members: c.members,
        meanUtilisation: c.meanUtilisation,
        hostsNow: c.members.length,
        hostsNeeded: bins.length,
        hostsFreed: freed,
        combinedP95: c.memberP95.reduce((s, p) => s + p, 0),
        plan: bins.filter((b) => b.absorb.length > 0).map((b) => ({ keep: b.keep, absorb: b.absorb })),
      });
    }
  }
  return out.sort((a, b) => b.hostsFreed - a.hostsFreed || a.meanUtilisation - b.meanUtilisation);
}
