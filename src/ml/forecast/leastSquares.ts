// Weighted ridge least squares through the normal equations and a Cholesky solve: the systems
// here are small (tens of features) and tall, so this beats a general QR by a wide margin.

/**
 * Adds w·xxᵀ to the lower triangle of xtx and w·x·y to xty, x being rows[offset .. offset + dim): one row of the
 * normal equations, for accumulators that keep their sums in their own arrays (lag regression snapshots them).
 */
export function addRow(
  xtx: Float64Array,
  xty: Float64Array,
  dim: number,
  rows: Float64Array,
  offset: number,
  y: number,
  w: number
): void {
  for (let i = 0; i < dim; i++) {
    const ri = rows[offset + i] * w;
    xty[i] += ri * y;
    const base = i * dim;
    for (let j = 0; j <= i; j++) {
      xtx[base + j] += ri * rows[offset + j];
    }
  }
}

/** Accumulates XᵀWX and XᵀWy row by row without materialising X. */
export class NormalEquations {
  readonly xtx: Float64Array;
  readonly xty: Float64Array;
  constructor(readonly dim: number) {
    this.xtx = new Float64Array(dim * dim);
    this.xty = new Float64Array(dim);
  }

  /** Adds the row stored at rows[offset .. offset + dim) (an offset, so no view is allocated per row). */
  add(rows: Float64Array, y: number, w = 1, offset = 0) {
    addRow(this.xtx, this.xty, this.dim, rows, offset, y, w);
  }

  /** Solves (XᵀWX + λI)β = XᵀWy; the intercept (column 0) is not penalised. */
  solve(lambda: number): Float64Array {
    const d = this.dim;
    const a = new Float64Array(d * d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j <= i; j++) {
        a[i * d + j] = this.xtx[i * d + j];
      }
      if (i > 0) {
        a[i * d + i] += lambda;
      }
      a[i * d + i] += 1e-9 * (1 + a[i * d + i]);
    }
    // In-place Cholesky on the lower triangle.
    for (let j = 0; j < d; j++) {
      let s = a[j * d + j];
      for (let k = 0; k < j; k++) {
        s -= a[j * d + k] * a[j * d + k];
      }
      const diag = Math.sqrt(Math.max(s, 1e-12));
      a[j * d + j] = diag;
      for (let i = j + 1; i < d; i++) {
        let t = a[i * d + j];
        for (let k = 0; k < j; k++) {
          t -= a[i * d + k] * a[j * d + k];
        }
        a[i * d + j] = t / diag;
      }
    }
    const z = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      let t = this.xty[i];
      for (let k = 0; k < i; k++) {
        t -= a[i * d + k] * z[k];
      }
      z[i] = t / a[i * d + i];
    }
    const beta = new Float64Array(d);
    for (let i = d - 1; i >= 0; i--) {
      let t = z[i];
      for (let k = i + 1; k < d; k++) {
        t -= a[k * d + i] * beta[k];
      }
      beta[i] = t / a[i * d + i];
    }
    return beta;
  }
}
