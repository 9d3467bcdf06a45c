import { median, medianInPlace, quantile, quantileOfSorted, sortedFinite } from './quantile';

describe('quantile (type 7)', () => {
  it('interpolates between order statistics as numpy does', () => {
    // numpy.quantile([1, 2, 3, 4], [0.25, 0.5, 0.95]) = [1.75, 2.5, 3.85]
    expect(quantile([4, 1, 3, 2], 0.25)).toBeCloseTo(1.75, 12);
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([4, 1, 3, 2], 0.95)).toBeCloseTo(3.85, 12);
    expect(quantile([4, 1, 3, 2], 0)).toBe(1);
    expect(quantile([4, 1, 3, 2], 1)).toBe(4);
  });

  it('takes the middle value of an odd count and averages the two middle ones of an even count', () => {
    expect(median([5, 1, 9])).toBe(5);
    expect(median([5, 1, 9, 7])).toBe(6);
    expect(medianInPlace(Float64Array.from([3, 1, 2, 10]))).toBe(2.5);
  });

  it('skips NaN and infinities, and is NaN when nothing is left', () => {
    expect(median([NaN, 2, Infinity, 4, -Infinity])).toBe(3);
    expect(Number.isNaN(median([NaN]))).toBe(true);
    expect(Number.isNaN(quantileOfSorted([], 0.5))).toBe(true);
    expect(Array.from(sortedFinite([3, NaN, 1]))).toEqual([1, 3]);
  });

  it('reads only the sorted prefix it is told to, for scratch buffers', () => {
    expect(quantileOfSorted(Float64Array.from([1, 3, 99, 99]), 0.5, 2)).toBe(2);
    expect(Number.isNaN(quantileOfSorted([1, 2], 0.5, 0))).toBe(true);
  });

  it('keeps a run of equal values exact rather than drifting by rounding', () => {
    expect(quantile([0.1, 0.1, 0.1], 0.37)).toBe(0.1);
  });
});
