// Input points in time order, without copying the series: data sources hand us unsorted, duplicated data.

/**
 * Indices of the points with a finite timestamp, sorted by timestamp (ties keep input order).
 * O(n) when the input is already sorted, which is the common case.
 */
export function timeOrder(timestamps: ArrayLike<number>): Uint32Array {
  const n = timestamps.length;
  const idx = new Uint32Array(n);
  let m = 0;
  let sorted = true;
  let prev = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = timestamps[i];
    if (Number.isFinite(t)) {
      if (t < prev) {
        sorted = false;
      }
      prev = t;
      idx[m++] = i;
    }
  }
  const order = idx.subarray(0, m);
  if (!sorted) {
    order.sort((a, b) => timestamps[a] - timestamps[b] || a - b);
  }
  return order;
}
