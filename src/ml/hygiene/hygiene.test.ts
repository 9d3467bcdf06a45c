import { regularize, dominantStep, stepOfSpacings } from './regularize';
import { fillGaps } from './fillGaps';
import { counterIncreases, looksLikeCounter } from './counter';
import { EcotiMlError } from '../types';

describe('regularize', () => {
  it('puts irregular points on the dominant step, averaging points that share a step', () => {
    const g = regularize({ timestamps: [0, 1000, 2000, 2100, 4000], values: [1, 2, 3, 5, 7] });
    expect(g.step).toBe(1000);
    expect(Array.from(g.values)).toEqual([1, 2, 4, NaN, 7]);
    expect(g.notes.join()).toMatch(/averaged/);
    expect(g.notes.join()).toMatch(/1 missing/);
  });

  it('sorts unsorted input and drops points without a valid timestamp', () => {
    const g = regularize({ timestamps: [2000, NaN, 0, 1000], values: [3, 99, 1, 2] });
    expect(Array.from(g.values)).toEqual([1, 2, 3]);
    expect(g.start).toBe(0);
    expect(g.notes).toContain('timestamps sorted');
  });

  it('treats ±Infinity as missing', () => {
    const g = regularize({ timestamps: [0, 1, 2], values: [1, Infinity, -Infinity] });
    expect(Number.isNaN(g.values[1])).toBe(true);
    expect(g.notes.join()).toMatch(/2 infinite/);
  });

  it('refuses mismatched lengths and empty input with a typed error', () => {
    expect(() => regularize({ timestamps: [1, 2], values: [1] })).toThrow(EcotiMlError);
    expect(() => regularize({ timestamps: [], values: [] })).toThrow(/no points/);
  });

  it('averages two values near the largest double in one step without overflowing', () => {
    const max = Number.MAX_VALUE;
    const g = regularize({ timestamps: [0, 10, 1000], values: [max, max * 0.5, -max] });
    expect(Array.from(g.values)).toEqual([max * 0.75, -max]);
  });

  it('reads null and strings as missing values, not as 0 or numbers', () => {
    const g = regularize({ timestamps: [0, 1000, 2000, 3000], values: [1, null, '7', 4] as never });
    expect(Array.from(g.values)).toEqual([1, NaN, NaN, 4]);
  });

  it('finds the median step, ignoring a few odd gaps', () => {
    expect(dominantStep([0, 15, 30, 45, 200, 215, 230])).toBe(15);
  });

  it('takes a step the data has when the median falls between two: the coarser one', () => {
    // As many 60 s gaps as 120 s ones: the median (90 s) would put every sample off the grid.
    expect(dominantStep([0, 60, 180, 240, 360])).toBe(120);
    expect(stepOfSpacings([60_001, 59_999, 60_002, 59_998])).toBe(60_001);
    // Three spacings: the middle one is observed.
    expect(stepOfSpacings([60, 240, 61])).toBe(61);
    expect(stepOfSpacings([])).toBe(0);
  });
});

describe('fillGaps', () => {
  it('bridges short gaps with a straight line and extends the ends', () => {
    const out = fillGaps(Float64Array.from([NaN, 1, NaN, 3, NaN]))!;
    expect(Array.from(out)).toEqual([1, 1, 2, 3, 3]);
  });

  it('copies the previous season across a long gap', () => {
    const season = 8;
    const v = Float64Array.from({ length: 40 }, (_, i) => (i % season < 4 ? 10 : 0));
    const holed = v.slice();
    for (let i = 17; i < 23; i++) {
      holed[i] = NaN;
    }
    const out = fillGaps(holed, season)!;
    for (let i = 17; i < 23; i++) {
      expect(out[i]).toBeCloseTo(v[i], 9);
    }
  });

  it('bridges a gap between ±1.7e308 with finite values', () => {
    const filled = fillGaps(Float64Array.from([1.7e308, NaN, NaN, NaN, -1.7e308]))!;
    const expected = [1.7e308, 0.85e308, 0, -0.85e308, -1.7e308];
    filled.forEach((v, i) => expect(v / 1e300).toBeCloseTo(expected[i] / 1e300, 3));
  });

  it('treats ±Infinity and non-numbers as gaps, and refuses a season that is not a whole number', () => {
    expect(Array.from(fillGaps([2, Infinity, null, 8] as never)!)).toEqual([2, 4, 6, 8]);
    expect(() => fillGaps(Float64Array.from([1, NaN, 3]), 2.5)).toThrow(
      expect.objectContaining({ code: 'BAD_OPTION' })
    );
    expect(() => fillGaps(null as never)).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });

  it('returns null when nothing was observed', () => {
    expect(fillGaps(Float64Array.from([NaN, NaN]))).toBeNull();
  });
});

describe('counters', () => {
  it('reads a drop as a restart, like Prometheus rate()', () => {
    const { increases, resets } = counterIncreases(Float64Array.from([100, 110, 125, 5, 20]));
    expect(Array.from(increases.subarray(1))).toEqual([10, 15, 5, 15]);
    expect(resets).toBe(1);
  });

  it('refuses an increase that overflows a double, and reads infinities as gaps', () => {
    expect(() => counterIncreases(Float64Array.from([-1e308, 1e308]))).toThrow(
      expect.objectContaining({ code: 'OUT_OF_RANGE', message: expect.stringMatching(/at step 1/) })
    );
    const { increases } = counterIncreases(Float64Array.from([1, Infinity, 5, 9]));
    expect(Array.from(increases)).toEqual([NaN, NaN, NaN, 4]);
  });

  it('recognises a counter and rejects a gauge', () => {
    const counter = Float64Array.from({ length: 100 }, (_, i) => i * 3 + (i > 60 ? -150 : 0));
    const gauge = Float64Array.from({ length: 100 }, (_, i) => Math.sin(i));
    expect(looksLikeCounter(counter)).toBe(true);
    expect(looksLikeCounter(gauge)).toBe(false);
  });
});
