import { EcotiMlError } from '../types';
import { clusterUsageProfiles, HostUsage, silhouette, UsageClustering, usageProfile } from './usageProfiles';
import { consolidationCandidates } from './consolidation';
import { seededRandom } from '../testing/seededRandom';

const HOUR = 3_600_000;
// Midnight in São Paulo (UTC−3) on Monday 2024-06-03.
const T0 = Date.UTC(2024, 5, 3, 3);

/** 14 days of hourly utilisation; `level(hour)` is the local-hour shape, plus ±0.03 noise. */
function host(id: string, seed: number, level: (hour: number) => number): HostUsage {
  const random = seededRandom(seed);
  const timestamps: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < 14 * 24; i++) {
    timestamps.push(T0 + i * HOUR);
    values.push(Math.min(1, Math.max(0, level(i % 24) + (random.uniform() - 0.5) * 0.06)));
  }
  return { id, series: { timestamps, values } };
}

const idle = (h: number) => 0.05 + 0 * h;
const office = (h: number) => (h >= 8 && h < 18 ? 0.7 : 0.2);
const nightBatch = (h: number) => (h < 5 ? 0.8 : 0.15);

function fleet(): HostUsage[] {
  const hosts: HostUsage[] = [];
  for (let i = 0; i < 6; i++) {
    hosts.push(host(`idle-${i}`, 10 + i, idle));
  }
  for (let i = 0; i < 5; i++) {
    hosts.push(host(`web-${i}`, 20 + i, office));
  }
  for (let i = 0; i < 4; i++) {
    hosts.push(host(`batch-${i}`, 30 + i, nightBatch));
  }
  return hosts;
}

describe('usageProfile', () => {
  it('averages by local hour and reports mean and p95', () => {
    const p = usageProfile('web', host('web', 1, office).series)!;
    expect(p.hourly[9]).toBeCloseTo(0.7, 1);
    expect(p.hourly[3]).toBeCloseTo(0.2, 1);
    expect(p.meanUtilisation).toBeCloseTo((10 * 0.7 + 14 * 0.2) / 24, 1);
    expect(p.p95Utilisation).toBeGreaterThan(0.7);
    expect(p.p95Utilisation).toBeLessThan(0.74);
    expect(p.samples).toBe(14 * 24);
  });

  it('shifts the profile with the time zone', () => {
    const s = host('web', 1, office).series;
    // 09:00 in São Paulo is 12:00 UTC.
    expect(usageProfile('web', s, 'UTC')!.hourly[12]).toBeCloseTo(usageProfile('web', s)!.hourly[9], 12);
  });

  it('returns null without a valid sample', () => {
    expect(usageProfile('x', { timestamps: [1, 2], values: [NaN, NaN] })).toBeNull();
  });
});

describe('clusterUsageProfiles', () => {
  it('finds the three obvious groups, idlest first', () => {
    const r = clusterUsageProfiles(fleet());
    expect(r.k).toBe(3);
    expect(r.silhouette).toBeGreaterThan(0.7);
    expect(r.clusters.map((c) => c.members.map((m) => m.split('-')[0])).map((kinds) => new Set(kinds))).toEqual([
      new Set(['idle']),
      new Set(['batch']),
      new Set(['web']),
    ]);
    expect(r.clusters[0].members).toHaveLength(6);
    expect(r.clusters[0].meanUtilisation).toBeCloseTo(0.05, 2);
    expect(r.clusters[2].profile[10]).toBeCloseTo(0.7, 1);
    expect(r.clusters[1].profile[2]).toBeCloseTo(0.8, 1);
  });

  it('is deterministic and does not depend on host order', () => {
    const hosts = fleet();
    const a = clusterUsageProfiles(hosts);
    expect(clusterUsageProfiles(hosts)).toEqual(a);
    const b = clusterUsageProfiles([...hosts].reverse());
    expect(b.clusters.map((c) => [...c.members].sort())).toEqual(a.clusters.map((c) => [...c.members].sort()));
  });

  it('keeps one group when hosts do not differ in any meaningful way', () => {
    const hosts = Array.from({ length: 8 }, (_, i) => host(`h${i}`, 50 + i, idle));
    const r = clusterUsageProfiles(hosts);
    expect(r.k).toBe(1);
    expect(r.clusters[0].members).toHaveLength(8);
  });

  it('skips hosts without data and still clusters the rest', () => {
    const hosts = [...fleet(), { id: 'dead', series: { timestamps: [1, 2], values: [NaN, NaN] } }];
    hosts.push({ id: 'broken', series: { timestamps: [1, 2], values: [1] } });
    const r = clusterUsageProfiles(hosts);
    expect(r.skipped.map((s) => s.id)).toEqual(['dead', 'broken']);
    expect(r.k).toBe(3);
  });

  it('skips a host whose series is null or whose utilisation is beyond any percentage, saying why', () => {
    const hosts: HostUsage[] = [...fleet(), { id: 'null', series: null as never }];
    hosts.push({ id: 'huge', series: { timestamps: [1, 2], values: [0.5, 1e300] } });
    const r = clusterUsageProfiles(hosts);
    expect(r.skipped).toEqual([
      { id: 'null', reason: expect.stringMatching(/must be an object with timestamps and values/) },
      { id: 'huge', reason: expect.stringMatching(/utilisation of 1.0e\+300 is neither a fraction/) },
    ]);
    expect(r.k).toBe(3);
  });

  it('handles one host, identical hosts and no host without throwing', () => {
    expect(clusterUsageProfiles([host('a', 1, idle)]).k).toBe(1);
    const same = host('a', 1, idle);
    expect(clusterUsageProfiles([same, { ...same, id: 'b' }, { ...same, id: 'c' }]).k).toBe(1);
    expect(clusterUsageProfiles([])).toEqual({ k: 0, silhouette: 0, clusters: [], skipped: [] });
  });

  it('refuses bad options with BAD_OPTION', () => {
    for (const options of [{ minK: 1 }, { minK: 4, maxK: 3 }, { seed: 0.5 }, { timeZone: 'Nowhere/Land' }]) {
      expect(() => clusterUsageProfiles(fleet(), options)).toThrow(EcotiMlError);
    }
  });
});

describe('silhouette', () => {
  it('is near 1 for tight distant groups and negative for swapped labels', () => {
    const points = [[0], [0.1], [10], [10.1]];
    expect(silhouette(points, [0, 0, 1, 1], 2)).toBeGreaterThan(0.95);
    expect(silhouette(points, [0, 1, 0, 1], 2)).toBeLessThan(0);
  });
});

describe('consolidationCandidates', () => {
  it('proposes folding the idle group onto one host, and nothing for busy groups', () => {
    const candidates = consolidationCandidates(clusterUsageProfiles(fleet()));
    expect(candidates).toHaveLength(1);
    const idleGroup = candidates[0];
    expect(idleGroup.members.every((m) => m.startsWith('idle'))).toBe(true);
    expect(idleGroup.hostsNow).toBe(6);
    expect(idleGroup.hostsNeeded).toBe(1);
    expect(idleGroup.hostsFreed).toBe(5);
    expect(idleGroup.combinedP95).toBeLessThan(0.7);
    expect(idleGroup.plan).toHaveLength(1);
    expect(idleGroup.plan[0].absorb).toHaveLength(5);
  });

  it('packs by p95 so that no kept host exceeds the capacity fraction', () => {
    const clustering: UsageClustering = {
      k: 1,
      silhouette: 0,
      skipped: [],
      clusters: [
        {
          members: ['a', 'b', 'c', 'd', 'e'],
          memberP95: [0.5, 0.3, 0.2, 0.2, 0.1],
          profile: new Array(24).fill(0.2),
          meanUtilisation: 0.2,
          p95Utilisation: 0.26,
        },
      ],
    };
    // First-fit decreasing into 0.7: {a 0.5, c 0.2}, {b 0.3, d 0.2, e 0.1}.
    const [c] = consolidationCandidates(clustering);
    expect(c.hostsNeeded).toBe(2);
    expect(c.hostsFreed).toBe(3);
    expect(c.plan).toEqual([
      { keep: 'a', absorb: ['c'] },
      { keep: 'b', absorb: ['d', 'e'] },
    ]);
    // At 50% of capacity: {a}, {b c}, {d e} → 3 hosts.
    expect(consolidationCandidates(clustering, { capacityFraction: 0.5 })[0].hostsNeeded).toBe(3);
    // Percent units: the same hosts on a 100-unit scale.
    const percent = {
      ...clustering,
      clusters: [{ ...clustering.clusters[0], memberP95: [50, 30, 20, 20, 10] }],
    };
    expect(consolidationCandidates(percent, { hostCapacity: 100 })[0].hostsNeeded).toBe(2);
  });

  it('refuses a capacity fraction outside (0, 1]', () => {
    const r = clusterUsageProfiles(fleet());
    expect(() => consolidationCandidates(r, { capacityFraction: 0 })).toThrow(
      expect.objectContaining({ code: 'BAD_OPTION' })
    );
    expect(() => consolidationCandidates(r, { capacityFraction: 1.2 })).toThrow(EcotiMlError);
  });
});
