// A small Nelder–Mead minimiser for fitting smoothing parameters (a handful of bounded dimensions).

export function nelderMead(
  f: (x: Float64Array) => number,
  start: number[],
  options: { maxIter?: number; step?: number } = {}
): Float64Array {
  const dim = start.length;
  const maxIter = options.maxIter ?? 120;
  const step = options.step ?? 0.1;
  const pts: Float64Array[] = [Float64Array.from(start)];
  for (let i = 0; i < dim; i++) {
    const p = Float64Array.from(start);
    p[i] += step;
    pts.push(p);
  }
  const vals = pts.map(f);
  const centroid = new Float64Array(dim);
  const trial = (from: Float64Array, towards: Float64Array, t: number) => {
    const x = new Float64Array(dim);
    for (let i = 0; i < dim; i++) {
      x[i] = from[i] + t * (towards[i] - from[i]);
    }
    return x;
  };
  for (let iter = 0; iter < maxIter; iter++) {
    const order = vals.map((_, i) => i).sort((a, b) => vals[a] - vals[b]);
    const sortedPts = order.map((i) => pts[i]);
    const sortedVals = order.map((i) => vals[i]);
    for (let i = 0; i <= dim; i++) {
      pts[i] = sortedPts[i];
      vals[i] = sortedVals[i];
    }
    if (Math.abs(vals[dim] - vals[0]) <= 1e-10 * (Math.abs(vals[0]) + 1e-12)) {
      break;
    }
    centroid.fill(0);
    for (let i = 0; i < dim; i++) {
      for (let j = 0; j < dim; j++) {
        centroid[j] += pts[i][j] / dim;
      }
    }
    const worst = pts[dim];
    const reflected = trial(worst, centroid, 2);
    const fr = f(reflected);
    if (fr < vals[0]) {
      const expanded = trial(worst, centroid, 3);
      const fe = f(expanded);
      [pts[dim], vals[dim]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < vals[dim - 1]) {
      pts[dim] = reflected;
      vals[dim] = fr;
    } else {
      const contracted = trial(worst, centroid, 0.5);
      const fc = f(contracted);
      if (fc < vals[dim]) {
        pts[dim] = contracted;
        vals[dim] = fc;
      } else {
        for (let i = 1; i <= dim; i++) {
          pts[i] = trial(pts[0], pts[i], 0.5);
          vals[i] = f(pts[i]);
        }
      }
    }
  }
  let best = 0;
  for (let i = 1; i <= dim; i++) {
    if (vals[i] < vals[best]) {
      best = i;
    }
  }
  return pts[best];
}

/** Maps an unbounded number into (lo, hi), so the minimiser can search freely. */
export function squash(x: number, lo: number, hi: number): number {
  return lo + (hi - lo) / (1 + Math.exp(-x));
}

export function unsquash(y: number, lo: number, hi: number): number {
  const p = (y - lo) / (hi - lo);
  return Math.log(p / (1 - p));
}
