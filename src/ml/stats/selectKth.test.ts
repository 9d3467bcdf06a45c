import { seededRandom } from '../testing/seededRandom';
import { selectKth } from './selectKth';
import { medianInPlace, quantile } from './quantile';

describe('selectKth', () => {
  it('returns the k-th smallest and partitions around it, even with many duplicates', () => {
    const random = seededRandom(3);
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + Math.floor(random.uniform() * 200);
      const a = Float64Array.from({ length: n }, () => Math.floor(random.uniform() * (trial % 2 ? 4 : 1000)));
      const sorted = Float64Array.from(a).sort();
      const k = Math.floor(random.uniform() * n);
      expect(selectKth(a, 0, n - 1, k)).toBe(sorted[k]);
      for (let i = 0; i < k; i++) {
        expect(a[i]).toBeLessThanOrEqual(a[k]);
      }
      for (let i = k + 1; i < n; i++) {
        expect(a[i]).toBeGreaterThanOrEqual(a[k]);
      }
    }
  });

  it('gives the median of the one definition and leaves it in place, smaller values before it', () => {
    const random = seededRandom(4);
    for (const n of [1, 2, 7, 50, 51]) {
      const a = Float64Array.from({ length: n }, () => Math.floor(random.uniform() * 20));
      const expected = quantile(a, 0.5);
      expect(medianInPlace(a)).toBe(expected);
      const mid = n >> 1;
      for (let i = 0; i < mid; i++) {
        expect(a[i]).toBeLessThanOrEqual(a[mid]);
      }
    }
  });
});
