// Isolation-forest scores of per-point features, deterministic and bounded in cost, for the batch mode.
import { IsolationForest } from 'ml-isolation-forest';
import { mulberry32 } from '../stats/mulberry32';

/** Rows per tree, as in the iForest paper: larger samples do not isolate anomalies better. */
const SAMPLE_SIZE = 256;
/** Rows predicted per call, so that no n-row array of arrays is ever built. */
const CHUNK = 1024;
/** Tree-visits budget: the tree count shrinks on long series to keep scoring near-linear and fast. */
const MAX_TREE_ROWS = 20_000_000;

/**
 * Scores each of the n rows of a row-major feature matrix (n × dims) with an isolation forest trained on an evenly
 * spread sample. Same input, same output: the library's Math.random is replaced by a seeded generator while it
 * trains. Returns raw iForest scores in (0,1).
 */
export function isolationScores(features: Float64Array, n: number, dims: number): Float64Array {
  const out = new Float64Array(n);
  if (n < 8) {
    return out.fill(0.5);
  }
  const sampleSize = Math.min(SAMPLE_SIZE, n);
  const sample: number[][] = [];
  const rng = mulberry32(0x5eed + n);
  for (let k = 0; k < sampleSize; k++) {
    // One row per stratum: covers the whole series, not only its start.
    const lo = Math.floor((k * n) / sampleSize);
    const hi = Math.floor(((k + 1) * n) / sampleSize);
    const i = lo + Math.floor(rng() * Math.max(1, hi - lo));
    sample.push(Array.from(features.subarray(i * dims, i * dims + dims)));
  }
  const trees = Math.max(16, Math.min(100, Math.floor(MAX_TREE_ROWS / n)));
  const forest = new IsolationForest({ nEstimators: trees });
  const random = Math.random;
  Math.random = rng;
  try {
    forest.train(sample);
  } finally {
    Math.random = random;
  }
  const rows: number[][] = [];
  for (let i = 0; i < Math.min(CHUNK, n); i++) {
    rows.push(new Array(dims).fill(0));
  }
  for (let start = 0; start < n; start += CHUNK) {
    const m = Math.min(CHUNK, n - start);
    const chunk = m === rows.length ? rows : rows.slice(0, m);
    for (let r = 0; r < m; r++) {
      const base = (start + r) * dims;
      for (let d = 0; d < dims; d++) {
        chunk[r][d] = features[base + d];
      }
    }
    const scores = forest.predict(chunk);
    for (let r = 0; r < m; r++) {
      const s = scores[r];
      out[start + r] = Number.isFinite(s) ? s : 0.5;
    }
  }
  return out;
}
