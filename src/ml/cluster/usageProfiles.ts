// Groups hosts by how they are used over the day, so that consolidation is proposed for groups of
// similar, lightly used machines rather than argued host by host.

import { kmeans } from 'ml-kmeans';
import { EcotiMlError, Series } from '../types';
import { checkOptions, checkSeries, kindOf, show } from '../hygiene/checkInput';
import { MAX_MODELLED_MAGNITUDE } from '../hygiene/magnitude';
import { assertTimeZone, DEFAULT_TIME_ZONE, localClock } from '../energy/localTime';
import { quantileOfSorted } from '../stats/quantile';

export interface HostUsage {
  id: string;
  /** Utilisation as a fraction of the host's capacity (CPU 0..1), NaN where missing. */
  series: Series;
}

export interface UsageProfile {
  id: string;
  /** Mean utilisation per local hour 0..23; hours never observed take the host's overall mean. */
  hourly: number[];
  meanUtilisation: number;
  p95Utilisation: number;
  /** Valid samples the profile rests on. */
  samples: number;
}

export interface UsageCluster {
  /** Host ids, in input order. */
  members: string[];
  /** Each member's p95 utilisation, aligned with `members`. */
  memberP95: number[];
  /** Centroid: the members' mean hourly profile (24 values). */
  profile: number[];
  /** Mean of the members' mean utilisation. */
  meanUtilisation: number;
  /** Mean of the members' p95 utilisation. */
  p95Utilisation: number;
}

export interface UsageClustering {
  k: number;
  /** Mean silhouette of the chosen k (−1..1); 0 when k = 1. */
  silhouette: number;
  /** Ordered by mean utilisation, idlest first. */
  clusters: UsageCluster[];
  /** Hosts left out, with why. */
  skipped: Array<{ id: string; reason: string }>;
}

export interface ClusterOptions {
  /** Smallest k tried, default 2. */
  minK?: number;
  /** Largest k tried, default 6 (never more than hosts − 1). */
  maxK?: number;
  /** Seed of the k-means++ initialisation, default 42: same input, same clusters. */
  seed?: number;
  /** Time zone of the hour-of-day profile, default America/Sao_Paulo. */
  timeZone?: string;
  /** Below this best silhouette all hosts form one group ("no substantial structure"), default 0.25. */
  minSilhouette?: number;
}

const HOURS = 24;
/** Mean and p95 each count like four hours of profile: enough to part a bursty host from a steady one. */
const SUMMARY_WEIGHT = 2;
const RESTARTS = 5;

/** Hourly profile, mean and p95 of one host; null when it has no valid sample. */
export function usageProfile(id: string, series: Series, timeZone: string = DEFAULT_TIME_ZONE): UsageProfile | null {
  const n = checkSeries(series, `Host ${id}'s series`);
  const sums = new Float64Array(HOURS);
  const counts = new Uint32Array(HOURS);
  const valid = new Float64Array(n);
  let m = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const t = series.timestamps[i];
    const v = series.values[i];
    if (!Number.isFinite(t) || !Number.isFinite(v) || Math.abs(t) > 8.64e15) {
      continue;
    }
    if (Math.abs(v) > MAX_MODELLED_MAGNITUDE) {
      // Squared in k-means' distances, such a value would overflow; it is no utilisation anyway.
      throw new EcotiMlError(
        'OUT_OF_RANGE',
        `Host ${id}: a utilisation of ${v.toExponential(1)} is neither a fraction 0..1 nor a percentage.`
      );
    }
    const h = localClock(t, timeZone).hour;
    sums[h] += v;
    counts[h]++;
    valid[m++] = v;
    total += v;
  }
  if (m === 0) {
    return null;
  }
  const mean = total / m;
  const hourly = Array.from(sums, (s, h) => (counts[h] > 0 ? s / counts[h] : mean));
  return {
    id,
    hourly,
    meanUtilisation: mean,
    p95Utilisation: quantileOfSorted(valid.subarray(0, m).sort(), 0.95),
    samples: m,
  };
}

/**
 * Profiles every host, clusters the profiles with k-means (k-means++ seeded, best of 5 restarts by
 * inertia) for each k in [minK, maxK], and keeps the k with the best mean silhouette. Hosts without
 * valid data are listed in `skipped`. Silhouettes cost O(hosts² × k range): fine for hundreds of hosts.
 */
export function clusterUsageProfiles(hosts: HostUsage[], given?: ClusterOptions): UsageClustering {
  if (!Array.isArray(hosts)) {
    throw new EcotiMlError('BAD_INPUT', `The hosts must be an array of { id, series }, got ${kindOf(hosts)}.`);
  }
  const options = checkOptions(given, 'Clustering options');
  const minK = options.minK ?? 2;
  const maxK = options.maxK ?? 6;
  const seed = options.seed ?? 42;
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const minSilhouette = options.minSilhouette ?? 0.25;
  if (!(Number.isInteger(minK) && minK >= 2 && Number.isInteger(maxK) && maxK >= minK)) {
    throw new EcotiMlError('BAD_OPTION', `Need whole numbers 2 ≤ minK ≤ maxK, got ${show(minK)} and ${show(maxK)}.`);
  }
  if (!Number.isInteger(seed)) {
    throw new EcotiMlError('BAD_OPTION', `seed must be a whole number, got ${show(seed)}.`);
  }
  assertTimeZone(timeZone);

  const profiles: UsageProfile[] = [];
  const skipped: Array<{ id: string; reason: string }> = [];
  for (const host of hosts) {
    const id = String(host?.id);
    let p: UsageProfile | null;
    try {
      p = usageProfile(id, host?.series, timeZone);
    } catch (e) {
      // One host's bad series (mismatched lengths, null, values beyond range) leaves the others clustered.
      if (e instanceof EcotiMlError && e.code !== 'BAD_OPTION') {
        skipped.push({
          id,
          reason: e.code === 'LENGTH_MISMATCH' ? 'timestamps and values differ in length' : e.message,
        });
        continue;
      }
      throw e;
    }
    if (p === null) {
      skipped.push({ id, reason: 'no valid sample' });
    } else {
      profiles.push(p);
    }
  }
  if (profiles.length === 0) {
    return { k: 0, silhouette: 0, clusters: [], skipped };
  }
  const features = profiles.map((p) => [
    ...p.hourly,
    SUMMARY_WEIGHT * p.meanUtilisation,
    SUMMARY_WEIGHT * p.p95Utilisation,
  ]);
  const distinct = countDistinct(features);
  const upper = Math.min(maxK, profiles.length - 1, distinct);
  let bestLabels: number[] | null = null;
  let bestScore = -Infinity;
  let bestK = 1;
  for (let k = minK; k <= upper; k++) {
    const labels = bestKmeans(features, k, seed);
    if (labels === null) {
      continue;
    }
    const score = silhouette(features, labels, k);
    if (Number.isFinite(score) && score > bestScore) {
      bestScore = score;
      bestLabels = labels;
      bestK = k;
    }
  }
  if (bestLabels === null || bestScore < minSilhouette) {
    bestLabels = profiles.map(() => 0);
    bestK = 1;
    bestScore = 0;
  }
  const clusters = buildClusters(profiles, bestLabels, bestK);
  return { k: clusters.length, silhouette: bestScore, clusters, skipped };
}

/**
 * Lowest-inertia k-means over a few seeded restarts (k-means++ can land in a poor local optimum);
 * null if the library gave up (it throws plain Errors, which must not escape the ML core).
 */
function bestKmeans(features: number[][], k: number, seed: number): number[] | null {
  let best: number[] | null = null;
  let bestInertia = Infinity;
  for (let r = 0; r < RESTARTS; r++) {
    let result;
    try {
      result = kmeans(features, k, { seed: seed + r, initialization: 'kmeans++', maxIterations: 100 });
    } catch {
      continue;
    }
    let inertia = 0;
    for (let i = 0; i < features.length; i++) {
      inertia += squaredDistance(features[i], result.centroids[result.clusters[i]]);
    }
    if (best === null || inertia < bestInertia) {
      bestInertia = inertia;
      best = result.clusters;
    }
  }
  return best;
}

/** Mean silhouette (Rousseeuw 1987) with Euclidean distance; a point alone in its cluster scores 0. */
export function silhouette(features: number[][], labels: number[], k: number): number {
  const n = features.length;
  const sizes = new Uint32Array(k);
  for (const l of labels) {
    sizes[l]++;
  }
  const sumTo = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < n; i++) {
    sumTo.fill(0);
    for (let j = 0; j < n; j++) {
      if (j !== i) {
        sumTo[labels[j]] += Math.sqrt(squaredDistance(features[i], features[j]));
      }
    }
    const own = labels[i];
    if (sizes[own] <= 1) {
      continue;
    }
    const a = sumTo[own] / (sizes[own] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) {
      if (c !== own && sizes[c] > 0) {
        b = Math.min(b, sumTo[c] / sizes[c]);
      }
    }
    const denom = Math.max(a, b);
    if (Number.isFinite(b) && denom > 0) {
      total += (b - a) / denom;
    }
  }
  return total / n;
}

function buildClusters(profiles: UsageProfile[], labels: number[], k: number): UsageCluster[] {
  const clusters: UsageCluster[] = [];
  for (let c = 0; c < k; c++) {
    const members = profiles.filter((_, i) => labels[i] === c);
    if (members.length === 0) {
      continue;
    }
    const profile = new Array<number>(HOURS).fill(0);
    for (const p of members) {
      for (let h = 0; h < HOURS; h++) {
        profile[h] += p.hourly[h] / members.length;
      }
    }
    clusters.push({
      members: members.map((p) => p.id),
      memberP95: members.map((p) => p.p95Utilisation),
      profile,
      meanUtilisation: members.reduce((s, p) => s + p.meanUtilisation, 0) / members.length,
      p95Utilisation: members.reduce((s, p) => s + p.p95Utilisation, 0) / members.length,
    });
  }
  return clusters.sort((a, b) => a.meanUtilisation - b.meanUtilisation);
}

function countDistinct(features: number[][]): number {
  return new Set(features.map((f) => f.join(','))).size;
}

function squaredDistance(a: number[], b: number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - b[i];
    s += d * d;
  }
  return s;
}
