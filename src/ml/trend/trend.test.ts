import fc from 'fast-check';
import { EcotiMlError } from '../types';
import { trend } from './trend';
import { seededRandom } from '../testing/seededRandom';

const HOUR = 3_600_000;
const MINUTE = 60_000;

function hourly(n: number, value: (i: number) => number) {
  const timestamps: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    timestamps.push(Date.UTC(2024, 0, 1) + i * HOUR);
    values.push(value(i));
  }
  return { timestamps, values };
}

describe('trend slope', () => {
  it('recovers 2 units/day under a daily sine and noise, within 5%, with the truth inside the range', () => {
    for (const seed of [1, 2, 3]) {
      const random = seededRandom(seed);
      const t = trend(
        hourly(24 * 30, (i) => (2 * i) / 24 + 10 * Math.sin((2 * Math.PI * i) / 24) + 2 * random.normal())
      );
      expect(Math.abs(t.slopePerDay - 2)).toBeLessThan(0.1);
      expect(t.lower).toBeLessThanOrEqual(2);
      expect(t.upper).toBeGreaterThanOrEqual(2);
      expect(t.lower).toBeLessThan(t.slopePerDay);
      expect(t.upper).toBeGreaterThan(t.slopePerDay);
      // The daily cycle is not a level shift.
      expect(t.changepoints).toEqual([]);
    }
  });

  it('reports a falling series with a negative slope and a range below zero', () => {
    const random = seededRandom(4);
    const t = trend(hourly(24 * 10, (i) => 100 - (5 * i) / 24 + random.normal()));
    expect(t.slopePerDay).toBeCloseTo(-5, 0);
    expect(t.upper).toBeLessThan(0);
  });

  it('gives the same answer whatever the order of the points', () => {
    const random = seededRandom(5);
    const s = hourly(300, (i) => i / 24 + random.normal());
    const order = s.timestamps.map((_, i) => i).sort((a, b) => ((a * 7919) % 300) - ((b * 7919) % 300));
    const shuffled = { timestamps: order.map((i) => s.timestamps[i]), values: order.map((i) => s.values[i]) };
    expect(trend(shuffled)).toEqual(trend(s));
  });

  it('recovers the slope on a long one-minute series through the binned path', () => {
    const random = seededRandom(6);
    const n = 60 * 24 * 60; // 60 days of minutes: 86 400 points
    const timestamps = new Float64Array(n);
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      timestamps[i] = i * MINUTE;
      values[i] = (0.5 * i) / 1440 + 3 * random.normal();
    }
    const t = trend({ timestamps, values });
    expect(Math.abs(t.slopePerDay - 0.5) / 0.5).toBeLessThan(0.02);
    expect(t.lower).toBeLessThanOrEqual(0.5);
    expect(t.upper).toBeGreaterThanOrEqual(0.5);
    expect(t.changepoints).toEqual([]);
  });

  it('widens the range for persistent noise rather than claiming false precision', () => {
    const iid = seededRandom(7);
    const ar = seededRandom(7);
    let e = 0;
    const independent = trend(hourly(400, (i) => i / 24 + iid.normal()));
    const persistent = trend(
      hourly(400, (i) => {
        e = 0.9 * e + Math.sqrt(1 - 0.81) * ar.normal();
        return i / 24 + e;
      })
    );
    // Same marginal noise level; AR(1) with ρ = 0.9 carries ~19× the variance for the slope.
    expect(persistent.upper - persistent.lower).toBeGreaterThan(2 * (independent.upper - independent.lower));
  });
});

describe('trend change points', () => {
  it('finds a level step within a few steps of where it was injected', () => {
    const random = seededRandom(11);
    const s = hourly(500, (i) => 50 + (i >= 320 ? 6 : 0) + 2 * random.normal());
    const t = trend(s);
    expect(t.changepoints).toHaveLength(1);
    expect(Math.abs(t.changepoints[0] - s.timestamps[320])).toBeLessThanOrEqual(3 * HOUR);
  });

  it('finds a step riding on a daily cycle and a trend', () => {
    const random = seededRandom(12);
    const s = hourly(
      24 * 20,
      (i) => i / 24 + 10 * Math.sin((2 * Math.PI * i) / 24) + (i >= 250 ? 8 : 0) + random.normal()
    );
    const t = trend(s);
    expect(t.changepoints).toHaveLength(1);
    expect(Math.abs(t.changepoints[0] - s.timestamps[250])).toBeLessThanOrEqual(3 * HOUR);
  });

  it('reports no change point on stationary noise', () => {
    for (let seed = 100; seed < 120; seed++) {
      const random = seededRandom(seed);
      expect(trend(hourly(600, () => 10 + random.normal())).changepoints).toEqual([]);
    }
  });

  it('does not cut a steady trend into a staircase of shifts', () => {
    for (let seed = 200; seed < 210; seed++) {
      const random = seededRandom(seed);
      expect(trend(hourly(800, (i) => i * 0.05 + random.normal())).changepoints).toEqual([]);
    }
  });
});

describe('trend edge cases', () => {
  it('gives 0 with an empty range and no change points for a constant series', () => {
    expect(trend(hourly(100, () => 42))).toEqual({ slopePerDay: 0, lower: 0, upper: 0, changepoints: [] });
  });

  it('gives 0 for one point, for all-NaN values and for a single distinct timestamp', () => {
    const zero = { slopePerDay: 0, lower: 0, upper: 0, changepoints: [] };
    expect(trend({ timestamps: [1000], values: [5] })).toEqual(zero);
    expect(trend(hourly(50, () => NaN))).toEqual(zero);
    expect(trend({ timestamps: [7, 7, 7], values: [1, 2, 3] })).toEqual(zero);
  });

  it('ignores missing values instead of reading them as zeros', () => {
    const random = seededRandom(13);
    const s = hourly(24 * 10, (i) =>
      i % 7 === 0 || (i > 100 && i < 130) ? NaN : (3 * i) / 24 + 0.5 * random.normal()
    );
    const t = trend(s);
    expect(t.slopePerDay).toBeCloseTo(3, 1);
    expect(t.changepoints).toEqual([]);
  });

  it('throws EMPTY_SERIES only when no timestamp is usable', () => {
    expect(() => trend({ timestamps: [], values: [] })).toThrow(EcotiMlError);
    expect(() => trend({ timestamps: [NaN, Infinity], values: [1, 2] })).toThrow(
      expect.objectContaining({ code: 'EMPTY_SERIES' })
    );
  });

  it('gives the slope of a series near 1e300 in its own units, finite', () => {
    const t = trend(hourly(24 * 10, (i) => 1e300 * (5 + (2 * i) / 24)));
    expect(t.slopePerDay / 1e300).toBeCloseTo(2, 6);
    expect([t.lower, t.upper].every(Number.isFinite)).toBe(true);
  });

  it('refuses with OUT_OF_RANGE a slope per day beyond the largest double, rather than returning Infinity', () => {
    // From −max to +max in one millisecond: 3.6e308 per ms, ~3e316 per day.
    expect(() => trend({ timestamps: [0, 1], values: [-Number.MAX_VALUE, Number.MAX_VALUE] })).toThrow(
      expect.objectContaining({ code: 'OUT_OF_RANGE', message: expect.stringMatching(/larger unit/) })
    );
  });

  it('refuses a null series or non-array values with EcotiMlError', () => {
    expect(() => trend(null as never)).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    expect(() => trend({ timestamps: [1, 2], values: { 0: 1, 1: 2, length: 2 } } as never)).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT' })
    );
  });

  it('survives hostile input: NaN runs, duplicates, unsorted and invalid timestamps, extreme values', () => {
    const timestamp = fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 0, max: 200_000 }) },
      { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity) }
    );
    const value = fc.oneof(
      { weight: 6, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
      { weight: 2, arbitrary: fc.double() },
      { weight: 2, arbitrary: fc.constant(NaN) }
    );
    const points = fc.array(fc.tuple(timestamp, value), { minLength: 0, maxLength: 300 });
    const nanRun = fc.record({ start: fc.nat(300), length: fc.nat(100) });
    fc.assert(
      fc.property(points, nanRun, (pts, run) => {
        const timestamps = pts.map((p) => p[0]);
        const values = pts.map((p, i) => (i >= run.start && i < run.start + run.length ? NaN : p[1]));
        let t;
        try {
          t = trend({ timestamps, values });
        } catch (e) {
          expect(e).toBeInstanceOf(EcotiMlError);
          return;
        }
        expect([t.slopePerDay, t.lower, t.upper].every(Number.isFinite)).toBe(true);
        expect(t.lower).toBeLessThanOrEqual(t.slopePerDay);
        expect(t.upper).toBeGreaterThanOrEqual(t.slopePerDay);
        const valid = timestamps.filter(Number.isFinite);
        for (let i = 0; i < t.changepoints.length; i++) {
          expect(Number.isFinite(t.changepoints[i])).toBe(true);
          expect(t.changepoints[i]).toBeGreaterThanOrEqual(Math.min(...valid));
          expect(t.changepoints[i]).toBeLessThanOrEqual(Math.max(...valid));
          if (i > 0) {
            expect(t.changepoints[i]).toBeGreaterThan(t.changepoints[i - 1]);
          }
        }
      }),
      { numRuns: 300, seed: 20240601 }
    );
  });
});
