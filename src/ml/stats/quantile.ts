// The one definition of a quantile in EcoTI: linear interpolation between order statistics (Hyndman & Fan
// type 7, as numpy, R's default and Prometheus' quantile_over_time), so every median and p95 agrees.
import { selectKth } from './selectKth';

/**
 * The q-quantile (0 ≤ q ≤ 1) of values already sorted ascending, none NaN: the value at rank (n − 1)·q,
 * interpolated between its neighbours. NaN for an empty array. `n` reads only a sorted prefix (a scratch
 * buffer reused in a hot loop).
 */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number, n: number = sorted.length): number {
  if (n === 0) {
    return NaN;
  }
  const pos = (n - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo];
  const b = sorted[hi];
  // a + (b − a)·w is exact at w = 0 and keeps equal neighbours equal (no −0 or rounding drift).
  return a === b ? a : a + (b - a) * (pos - lo);
}

/** The finite values, sorted ascending (NaN and ±Infinity left out). */
export function sortedFinite(values: ArrayLike<number>): Float64Array {
  let n = 0;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      out[n++] = v;
    }
  }
  return out.subarray(0, n).sort();
}

/** The q-quantile of the finite values, in any order; NaN when there is none. */
export function quantile(values: ArrayLike<number>, q: number): number {
  return quantileOfSorted(sortedFinite(values), q);
}

/** The median of the finite values, in any order; NaN when there is none. */
export function median(values: ArrayLike<number>): number {
  return quantile(values, 0.5);
}

/** The two middle values of an even count, for the median's interpolation without allocating. */
const MIDDLES = new Float64Array(2);

/**
 * The median of `buffer` (no NaN) in expected linear time, reordering it: afterwards buffer[n >> 1] holds the
 * value it would have if sorted, nothing larger before it and nothing smaller after it, so a caller may select
 * further ranks on either side. For hot loops over a scratch array and for sets too large to sort.
 */
export function medianInPlace(buffer: Float64Array): number {
  const n = buffer.length;
  if (n === 0) {
    return NaN;
  }
  const mid = n >> 1;
  const upper = selectKth(buffer, 0, n - 1, mid);
  if (n % 2 === 1) {
    return upper;
  }
  // The lower middle is the largest of the values left before `mid`.
  let lower = -Infinity;
  for (let i = 0; i < mid; i++) {
    lower = buffer[i] > lower ? buffer[i] : lower;
  }
  MIDDLES[0] = lower;
  MIDDLES[1] = upper;
  return quantileOfSorted(MIDDLES, 0.5);
}
