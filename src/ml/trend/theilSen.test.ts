import { kendallVariance, theilSen } from './theilSen';
import { seededRandom } from '../testing/seededRandom';

function bruteMedianSlope(x: Float64Array, y: Float64Array): number {
  const s: number[] = [];
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      s.push((y[j] - y[i]) / (x[j] - x[i]));
    }
  }
  s.sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

describe('theilSen', () => {
  it('takes the median of pairwise slopes, ignoring an outlier that would drag least squares', () => {
    // Slopes: 1, 1, 10/3, 1, 4.5, 8 → sorted 1, 1, 1, 3.33, 4.5, 8 → median (1 + 3.33) / 2.
    const fit = theilSen(Float64Array.of(0, 1, 2, 3), Float64Array.of(0, 1, 2, 10));
    expect(fit.slope).toBeCloseTo((1 + 10 / 3) / 2, 12);
  });

  it('matches a brute-force median on random data with ties, odd and even pair counts', () => {
    const random = seededRandom(1);
    for (const n of [2, 3, 4, 5, 17, 40, 101]) {
      const x = new Float64Array(n);
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        x[i] = i * 2 + (random.uniform() < 0.3 ? 1 : 0);
        y[i] = Math.round(random.uniform() * 5);
      }
      expect(theilSen(x, y).slope).toBeCloseTo(bruteMedianSlope(x, y), 12);
    }
  });

  it('brackets the slope and narrows as data grows', () => {
    const random = seededRandom(2);
    const widths: number[] = [];
    for (const n of [50, 500]) {
      const x = new Float64Array(n);
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        x[i] = i;
        y[i] = 0.3 * i + (random.uniform() - 0.5) * 10;
      }
      const fit = theilSen(x, y);
      expect(fit.lower).toBeLessThan(0.3);
      expect(fit.upper).toBeGreaterThan(0.3);
      widths.push(fit.upper - fit.lower);
    }
    expect(widths[1]).toBeLessThan(widths[0] / 5);
  });

  it('bins inputs longer than 2000 points instead of computing every pair', () => {
    const n = 50_000;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = i;
      y[i] = 2 * i + (i % 3);
    }
    const fit = theilSen(x, y);
    expect(fit.points).toBe(1000);
    expect(fit.slope).toBeCloseTo(2, 3);
  });
});

describe('kendallVariance', () => {
  it('is n(n−1)(2n+5)/18 without ties and smaller with ties', () => {
    expect(kendallVariance(Float64Array.from({ length: 10 }, (_, i) => i))).toBe(125);
    // One pair tied: minus 2·1·9/18 = 1.
    expect(kendallVariance(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 9))).toBe(124);
    expect(kendallVariance(Float64Array.of(3, 3, 3, 3))).toBe(0);
  });
});
