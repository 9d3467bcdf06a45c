import fc from 'fast-check';

import { EcotiMlError } from '../types';
import { detectAnomalies } from './detectAnomalies';
import { dailySeries, HOUR, lcg, T0 } from './testSeries';

describe('detectAnomalies', () => {
  it('finds an injected spike on a seasonal series: region covers it and says "above"', () => {
    const s = dailySeries(28);
    const spike = 20 * 24 + 14; // Sunday 2024-01-21 14:00 UTC
    s.values[spike] += 60;
    const regions = detectAnomalies(s);
    const hit = regions.find((r) => r.start <= s.timestamps[spike] && s.timestamps[spike] <= r.end);
    expect(hit).toBeDefined();
    expect(hit!.reason).toMatch(/^value \d+% above expected for Sun 14:00$/);
    expect(hit!.actual).toBe(s.values[spike]);
    expect(hit!.expected).toBeGreaterThan(s.values[spike] - 70);
    expect(hit!.expected).toBeLessThan(s.values[spike] - 50);
    expect(hit!.score).toBeGreaterThan(0.75);
    expect(regions.length).toBeLessThanOrEqual(2);
  });

  it('says "below" for a drop, with the day and hour of the drop', () => {
    const s = dailySeries(28, 11);
    const dip = 22 * 24 + 6; // Tuesday 2024-01-23 06:00 UTC
    s.values[dip] -= 60;
    const hit = detectAnomalies(s).find((r) => r.start <= s.timestamps[dip] && s.timestamps[dip] <= r.end);
    expect(hit?.reason).toMatch(/below expected for Tue 06:00$/);
  });

  it('merges a sustained shift into one region', () => {
    const s = dailySeries(28, 2);
    for (let i = 21 * 24; i < 21 * 24 + 6; i++) {
      s.values[i] += 80;
    }
    const regions = detectAnomalies(s).filter(
      (r) => r.end >= s.timestamps[21 * 24] && r.start <= s.timestamps[21 * 24 + 5]
    );
    expect(regions).toHaveLength(1);
    expect(regions[0].end - regions[0].start).toBeGreaterThanOrEqual(3 * HOUR);
  });

  it('finds more regions at higher sensitivity', () => {
    const s = dailySeries(28, 4);
    [40, 25, 15, 10].forEach((bump, k) => (s.values[(10 + 4 * k) * 24 + 9] += bump));
    const low = detectAnomalies(s, { sensitivity: 0.1 }).length;
    const mid = detectAnomalies(s).length;
    const high = detectAnomalies(s, { sensitivity: 1 }).length;
    expect(low).toBeLessThanOrEqual(mid);
    expect(mid).toBeLessThanOrEqual(high);
    expect(high).toBeGreaterThan(low);
  });

  it('does not flag the daily pattern of the first days, which only later data explain', () => {
    // 7 days at 5 min of a daily square wave with noise: nothing is anomalous, but the first day has no history.
    const timestamps: number[] = [];
    const values: number[] = [];
    const rnd = lcg(3);
    for (let i = 0; i < 7 * 288; i++) {
      const minute = (i * 5) % 1440;
      timestamps.push(T0 + i * 300_000);
      values.push((minute >= 540 && minute < 1080 ? 80 : 20) + (rnd() - 0.5) * 4);
    }
    expect(detectAnomalies({ timestamps, values })).toEqual([]);
  });

  it('reports an enormous value as the actual value of its region', () => {
    const timestamps = Array.from({ length: 3000 }, (_, i) => T0 + i * 60_000);
    const values = timestamps.map((_, i) => (i === 2500 ? 1e308 : 1));
    const regions = detectAnomalies({ timestamps, values });
    expect(regions).toHaveLength(1);
    expect(regions[0]).toMatchObject({ start: timestamps[2500], end: timestamps[2500], actual: 1e308, score: 1 });
    expect(regions[0].reason).toContain('above expected');
  });

  it('finds a spike on a series near 1e301, with its expected value at that scale', () => {
    const s = dailySeries(14);
    const spike = 10 * 24 + 9;
    s.values[spike] += 60;
    const big = 2 ** 1000;
    const ordinary = detectAnomalies(s);
    const regions = detectAnomalies({ timestamps: s.timestamps, values: s.values.map((v) => v * big) });
    expect(regions.map((r) => r.start)).toEqual(ordinary.map((r) => r.start));
    const r = regions.find((x) => x.start === s.timestamps[spike])!;
    expect(r.actual).toBe(s.values[spike] * big);
    expect(r.expected / big).toBeCloseTo(ordinary.find((x) => x.start === r.start)!.expected, 6);
    expect(r.reason).toMatch(/above expected/);
  });

  it('finds nothing in a constant series', () => {
    const timestamps = Array.from({ length: 3000 }, (_, i) => T0 + i * 300_000);
    expect(detectAnomalies({ timestamps, values: timestamps.map(() => 7.5) })).toEqual([]);
  });

  it('throws only typed errors: length mismatch, not a series, options not an object', () => {
    expect(() => detectAnomalies({ timestamps: [1], values: [] })).toThrow(EcotiMlError);
    expect(() => detectAnomalies(null as never)).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    expect(() => detectAnomalies({ timestamps: [1], values: [1] }, null as never)).toThrow(
      expect.objectContaining({ code: 'BAD_OPTION' })
    );
    expect(() => detectAnomalies({ timestamps: [1], values: [1] }, { sensitivity: 'high' } as never)).toThrow(
      expect.objectContaining({ code: 'BAD_OPTION' })
    );
    expect(detectAnomalies({ timestamps: [], values: [] })).toEqual([]);
    expect(detectAnomalies({ timestamps: [1], values: [1] }, { sensitivity: NaN })).toEqual([]);
  });

  it('returns well-formed regions on hostile input', () => {
    const value = fc.oneof(
      { weight: 6, arbitrary: fc.double({ min: -1e9, max: 1e9, noNaN: true }) },
      { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity) },
      { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) }
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3000 }), value), { minLength: 1, maxLength: 300 }),
        fc.double({ min: -1, max: 2, noNaN: true }),
        (pts, sensitivity) => {
          const series = { timestamps: pts.map(([t]) => T0 + t * 60_000), values: pts.map(([, v]) => v) };
          for (const r of detectAnomalies(series, { sensitivity })) {
            expect(r.start).toBeLessThanOrEqual(r.end);
            for (const x of [r.start, r.end, r.score, r.expected, r.actual]) {
              expect(Number.isFinite(x)).toBe(true);
            }
            expect(r.score).toBeGreaterThanOrEqual(0);
            expect(r.score).toBeLessThanOrEqual(1);
            expect(r.reason).toMatch(/(above|below|at its expected level)/);
          }
        }
      ),
      { numRuns: 100 }
    );
  });
});
