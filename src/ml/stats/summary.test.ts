import { summarise } from './summary';

describe('summarise', () => {
  it('gives the percentiles rules read by the one quantile definition (type 7), skipping NaN', () => {
    const values = [...Array.from({ length: 20 }, (_, i) => 20 - i), NaN];
    const s = summarise(values);
    expect(s.count).toBe(20);
    expect(s.mean).toBe(10.5);
    // Rank 19 × 0.95 = 18.05 between 19 and 20; nearest-rank would say 19 or 20.
    expect(s.p95).toBeCloseTo(19.05, 12);
    expect(s.p05).toBeCloseTo(1.95, 12);
    expect(s.p50).toBe(10.5);
  });

  it('is NaN for nothing observed and 0 variation for a flat series', () => {
    expect(summarise([NaN]).count).toBe(0);
    expect(Number.isNaN(summarise([]).p50)).toBe(true);
    expect(summarise([3, 3, 3]).cv).toBe(0);
  });
});
