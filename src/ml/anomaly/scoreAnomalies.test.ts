import fc from 'fast-check';

import { EcotiMlError } from '../types';
import { scoreAnomalies } from './scoreAnomalies';
import { dailySeries, HOUR, T0 } from './testSeries';

const allFiniteIn01 = (s: number[]) => s.every((x) => Number.isFinite(x) && x >= 0 && x <= 1);

describe('scoreAnomalies', () => {
  it('scores an injected spike on a seasonal series highest, in batch and causal mode', () => {
    const s = dailySeries(28);
    const spike = 20 * 24 + 14;
    s.values[spike] += 60;
    for (const causal of [false, true]) {
      const scores = scoreAnomalies(s, { causal });
      expect(scores[spike]).toBeGreaterThan(0.9);
      const others = scores.filter((_, i) => i !== spike && i !== spike + 1);
      expect(Math.max(...others)).toBeLessThan(0.5);
    }
  });

  it('keeps every score low on a constant series', () => {
    const timestamps = Array.from({ length: 2000 }, (_, i) => T0 + i * 60_000);
    const values = timestamps.map(() => 42);
    for (const causal of [false, true]) {
      expect(Math.max(...scoreAnomalies({ timestamps, values }, { causal }))).toBeLessThan(0.1);
    }
  });

  it('causal score[i] does not change when future points are appended', () => {
    const full = dailySeries(21, 7);
    full.values[15 * 24 + 3] -= 50;
    const cut = 16 * 24;
    const prefix = { timestamps: full.timestamps.slice(0, cut), values: full.values.slice(0, cut) };
    const a = scoreAnomalies(prefix, { causal: true });
    const b = scoreAnomalies(full, { causal: true });
    expect(b.slice(0, cut)).toEqual(a);
    expect(Math.max(...a)).toBeGreaterThan(0.5);
  });

  it('returns scores in input order for shuffled input, equal to the sorted scores', () => {
    const s = dailySeries(14, 3);
    s.values[10 * 24 + 5] += 50;
    const perm = s.timestamps.map((_, i) => i).reverse();
    perm.push(...perm.splice(0, 100)); // not just reversed
    const shuffled = { timestamps: perm.map((i) => s.timestamps[i]), values: perm.map((i) => s.values[i]) };
    for (const causal of [false, true]) {
      const sorted = scoreAnomalies(s, { causal });
      const out = scoreAnomalies(shuffled, { causal });
      expect(out).toEqual(perm.map((i) => sorted[i]));
    }
  });

  it('scores missing points 0 and otherwise ignores them', () => {
    const s = dailySeries(10, 5);
    const withGaps = { timestamps: [...s.timestamps], values: [...s.values] };
    for (let i = 100; i < 130; i++) {
      withGaps.values[i] = NaN;
    }
    withGaps.values[140] = Infinity;
    const scores = scoreAnomalies(withGaps, { causal: true });
    expect(scores.slice(100, 130).every((x) => x === 0)).toBe(true);
    expect(scores[140]).toBe(0);
    expect(allFiniteIn01(scores)).toBe(true);
  });

  it('scores a spike on a series near 1e301 as it does on the same series at ordinary scale', () => {
    const s = dailySeries(28);
    const spike = 20 * 24 + 14;
    s.values[spike] += 60;
    const big = 2 ** 1000;
    const huge = { timestamps: s.timestamps, values: s.values.map((v) => v * big) };
    for (const causal of [false, true]) {
      const ordinary = scoreAnomalies(s, { causal });
      const scores = scoreAnomalies(huge, { causal });
      expect(scores[spike]).toBeGreaterThan(0.9);
      scores.forEach((x, i) => expect(x).toBeCloseTo(ordinary[i], 6));
    }
  });

  it('refuses a null series, non-array values and options that are not an object with EcotiMlError', () => {
    const s = dailySeries(2);
    expect(() => scoreAnomalies(null as never)).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    expect(() => scoreAnomalies({ timestamps: s.timestamps, values: 'x' } as never)).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT' })
    );
    expect(() => scoreAnomalies(s, null as never)).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
    expect(() => scoreAnomalies(s, { causal: 'yes' } as never)).toThrow(
      expect.objectContaining({ code: 'BAD_OPTION' })
    );
  });

  it('throws a typed LENGTH_MISMATCH error when timestamps and values differ in length', () => {
    const bad = { timestamps: [1, 2, 3], values: [1, 2] };
    expect(() => scoreAnomalies(bad)).toThrow(EcotiMlError);
    try {
      scoreAnomalies(bad, { causal: true });
      throw new Error('did not throw');
    } catch (e) {
      expect((e as EcotiMlError).code).toBe('LENGTH_MISMATCH');
    }
  });

  it('handles empty and 1-point series', () => {
    expect(scoreAnomalies({ timestamps: [], values: [] })).toEqual([]);
    expect(scoreAnomalies({ timestamps: [5], values: [3] })).toEqual([0]);
    expect(scoreAnomalies({ timestamps: [5], values: [NaN] }, { causal: true })).toEqual([0]);
  });

  it('never throws or returns NaN on hostile input: NaN runs, duplicates, unsorted, infinities', () => {
    const value = fc.oneof(
      { weight: 6, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
      { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, 0, 1e300, -1e-300) },
      // Any double, up to ±1.8e308 and down to subnormals: differences and squares overflow or underflow.
      { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) }
    );
    const point = fc.record({ t: fc.integer({ min: 0, max: 5000 }), v: value, run: fc.integer({ min: 1, max: 8 }) });
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 120 }), fc.boolean(), (pts, causal) => {
        const timestamps: number[] = [];
        const values: number[] = [];
        for (const p of pts) {
          // Runs repeat a point: duplicated timestamps, NaN runs.
          for (let r = 0; r < p.run; r++) {
            timestamps.push(T0 + p.t * HOUR);
            values.push(p.v);
          }
        }
        const scores = scoreAnomalies({ timestamps, values }, { causal });
        expect(scores).toHaveLength(values.length);
        expect(allFiniteIn01(scores)).toBe(true);
        values.forEach((v, i) => {
          if (!Number.isFinite(v)) {
            expect(scores[i]).toBe(0);
          }
        });
      }),
      { numRuns: 150 }
    );
  });

  it('handles non-finite timestamps as missing points', () => {
    const s = dailySeries(3);
    s.timestamps[5] = NaN;
    s.timestamps[6] = Infinity;
    const scores = scoreAnomalies(s);
    expect(scores[5]).toBe(0);
    expect(scores[6]).toBe(0);
    expect(allFiniteIn01(scores)).toBe(true);
  });

  it('runs on a 1e6-point series', () => {
    const n = 1_000_000;
    const timestamps = new Float64Array(n);
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      timestamps[i] = T0 + i * 60_000;
      values[i] = 50 + 10 * Math.sin(i / 300) + ((i * 7919) % 13) / 13;
    }
    const scores = scoreAnomalies({ timestamps, values });
    expect(scores).toHaveLength(n);
    expect(allFiniteIn01(scores)).toBe(true);
  }, 120_000);
});
