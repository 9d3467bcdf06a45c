// Pulls the observed points out of a regular grid and shrinks long ones into bins, so that the trend
// and change-point steps see only real data and stay bounded in time and memory.

/** Observed points of a grid: `x` is the grid index (strictly ascending), `y` the value. */
export interface ObservedPoints {
  x: Float64Array;
  y: Float64Array;
}

/** Keeps the non-NaN steps of a regular grid, with their grid index as position. */
export function observedPoints(values: Float64Array): ObservedPoints {
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isNaN(values[i])) {
      m++;
    }
  }
  const x = new Float64Array(m);
  const y = new Float64Array(m);
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isNaN(v)) {
      x[k] = i;
      y[k] = v;
      k++;
    }
  }
  return { x, y };
}

/** Binned points, plus for each bin the index in the input of its first point (to map results back). */
export interface BinnedPoints extends ObservedPoints {
  firstIndex: Uint32Array;
}

/**
 * Averages points into at most `bins` equal-width bins over the x range (empty bins are dropped).
 * Each bin's position is the mean x of its points, so partly empty bins are not misplaced.
 */
export function binMeans(x: Float64Array, y: Float64Array, bins: number): BinnedPoints {
  const n = x.length;
  const x0 = x[0];
  const width = (x[n - 1] - x0) / bins;
  const sx = new Float64Array(bins);
  const sy = new Float64Array(bins);
  const count = new Uint32Array(bins);
  const first = new Uint32Array(bins);
  for (let i = 0; i < n; i++) {
    let b = width > 0 ? Math.floor((x[i] - x0) / width) : 0;
    if (b >= bins) {
      b = bins - 1;
    }
    if (count[b] === 0) {
      first[b] = i;
    }
    sx[b] += x[i];
    sy[b] += y[i];
    count[b]++;
  }
  let m = 0;
  for (let b = 0; b < bins; b++) {
    if (count[b] > 0) {
      m++;
    }
  }
  const out: BinnedPoints = { x: new Float64Array(m), y: new Float64Array(m), firstIndex: new Uint32Array(m) };
  let k = 0;
  for (let b = 0; b < bins; b++) {
    if (count[b] > 0) {
      out.x[k] = sx[b] / count[b];
      out.y[k] = sy[b] / count[b];
      out.firstIndex[k] = first[b];
      k++;
    }
  }
  return out;
}
