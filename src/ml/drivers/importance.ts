// Permutation importance on held-out rows: how much worse the model predicts when one feature's values are
// shuffled among those rows. Unlike impurity importance it is measured on data the trees did not see, in the
// target's own unit, and does not favour continuous features with many split points.
import { Forest, predictForest } from './forest';
import { mulberry32 } from '../stats/mulberry32';

export interface HeldOutScore {
  mae: number;
  rmse: number;
  /** 1 − SSE / SST around the held-out rows' own mean. */
  r2: number;
}

/** The error of `predicted` against `actual`. */
export function scorePredictions(actual: Float64Array, predicted: Float64Array): HeldOutScore {
  const n = actual.length;
  let abs = 0;
  let sq = 0;
  let mean = 0;
  for (let i = 0; i < n; i++) {
    mean += actual[i];
  }
  mean /= n;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const e = actual[i] - predicted[i];
    abs += Math.abs(e);
    sq += e * e;
    total += (actual[i] - mean) ** 2;
  }
  return { mae: abs / n, rmse: Math.sqrt(sq / n), r2: total > 0 ? 1 - sq / total : NaN };
}

/**
 * For each feature, the mean rise of the held-out mean absolute error over `rounds` shuffles of that feature's
 * column (the other columns untouched). `x` is the held-out rows, row-major, `y` their targets.
 */
export function permutationImportance(
  forest: Forest,
  x: Float64Array,
  y: Float64Array,
  baseMae: number,
  rounds: number,
  seed: number
): Float64Array {
  const n = y.length;
  const features = forest.features;
  const random = mulberry32(seed);
  const shuffled = Float64Array.from(x);
  const predicted = new Float64Array(n);
  const order = new Int32Array(n);
  const rise = new Float64Array(features);
  for (let f = 0; f < features; f++) {
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < n; i++) {
        order[i] = i;
      }
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        const swap = order[i];
        order[i] = order[j];
        order[j] = swap;
      }
      for (let i = 0; i < n; i++) {
        shuffled[i * features + f] = x[order[i] * features + f];
      }
      predictForest(forest, shuffled, n, predicted);
      let abs = 0;
      for (let i = 0; i < n; i++) {
        abs += Math.abs(y[i] - predicted[i]);
      }
      rise[f] += (abs / n - baseMae) / rounds;
    }
    for (let i = 0; i < n; i++) {
      shuffled[i * features + f] = x[i * features + f];
    }
  }
  return rise;
}
