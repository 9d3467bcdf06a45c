// Order statistics without sorting: the k-th smallest value in expected linear time, for medians of large sets
// (Theil–Sen's n² slopes) and hot loops.

/**
 * Rearranges a[lo..hi] so that a[k] holds the value it would have if sorted, with nothing larger
 * before it and nothing smaller after it; returns a[k]. Hoare-style quickselect with median-of-three
 * pivots (Numerical Recipes' `select`): expected linear time, and runs of equal values (constant
 * series, quantised data) split evenly instead of degrading to quadratic time.
 */
export function selectKth(a: Float64Array, lo: number, hi: number, k: number): number {
  let l = lo;
  let r = hi;
  for (;;) {
    if (r <= l + 1) {
      if (r === l + 1 && a[r] < a[l]) {
        swap(a, l, r);
      }
      return a[k];
    }
    const m = (l + r) >>> 1;
    swap(a, m, l + 1);
    if (a[l] > a[r]) {
      swap(a, l, r);
    }
    if (a[l + 1] > a[r]) {
      swap(a, l + 1, r);
    }
    if (a[l] > a[l + 1]) {
      swap(a, l, l + 1);
    }
    let i = l + 1;
    let j = r;
    const pivot = a[l + 1];
    for (;;) {
      do {
        i++;
      } while (a[i] < pivot);
      do {
        j--;
      } while (a[j] > pivot);
      if (j < i) {
        break;
      }
      swap(a, i, j);
    }
    a[l + 1] = a[j];
    a[j] = pivot;
    if (j >= k) {
      r = j - 1;
    }
    if (j <= k) {
      l = i;
    }
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
