// Robust summaries of a series' observed values (NaN skipped): the numbers rules reason with.
import { quantileOfSorted, sortedFinite } from './quantile';

export interface Summary {
  count: number;
  mean: number;
  p05: number;
  p50: number;
  p95: number;
  /** Standard deviation / mean: how steady a series is (0 = flat). */
  cv: number;
}

export function summarise(values: ArrayLike<number>): Summary {
  const finite = sortedFinite(values);
  const n = finite.length;
  if (n === 0) {
    return { count: 0, mean: NaN, p05: NaN, p50: NaN, p95: NaN, cv: NaN };
  }
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += finite[i];
  }
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    sq += (finite[i] - mean) ** 2;
  }
  const sd = Math.sqrt(sq / n);
  const q = (p: number) => quantileOfSorted(finite, p);
  return { count: n, mean, p05: q(0.05), p50: q(0.5), p95: q(0.95), cv: mean !== 0 ? sd / Math.abs(mean) : 0 };
}
