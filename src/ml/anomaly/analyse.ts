// The batch (non-causal) view of a series shared by scoreAnomalies and detectAnomalies: the streaming model's
// expected values and likelihood, plus an isolation forest over the whole series' residual, change and level features.
import { isolationScores } from './isolation';
import { StreamingAnomalyScorer } from './streamingScorer';
import { timeOrder } from './timeOrder';

/** iForest scores at or below this are ordinary (≈0.5 is "nothing stands out"); at ISO_HIGH they score 1. */
const ISO_LOW = 0.6;
const ISO_HIGH = 0.8;
const DIMS = 3;

export interface PointAnalysis {
  /** Input indices of the usable points (finite timestamp and value), in time order. */
  order: Uint32Array;
  /** Per ordered point: combined score in [0,1]. */
  score: Float64Array;
  /** Per ordered point: expected value. */
  expected: Float64Array;
  /** Per ordered point: signed residual in error scales. */
  residualZ: Float64Array;
}

/** Scores every usable point with the whole series in view. */
export function analyse(timestamps: ArrayLike<number>, values: ArrayLike<number>): PointAnalysis {
  const all = timeOrder(timestamps);
  let m = 0;
  const order = new Uint32Array(all.length);
  for (let k = 0; k < all.length; k++) {
    if (Number.isFinite(values[all[k]])) {
      order[m++] = all[k];
    }
  }
  const used = order.subarray(0, m);
  const score = new Float64Array(m);
  const expected = new Float64Array(m);
  const residualZ = new Float64Array(m);
  const features = new Float64Array(m * DIMS);
  // Short series still get a score: learn on a tenth of them at most, and never damp repeats.
  const scorer = new StreamingAnomalyScorer({ suppressSteps: 0, warmup: Math.min(150, Math.max(10, Math.floor(m / 10))) });
  for (let k = 0; k < m; k++) {
    const i = used[k];
    scorer.push(timestamps[i], values[i]);
    score[k] = scorer.lastScore;
    expected[k] = Number.isFinite(scorer.lastExpected) ? scorer.lastExpected : values[i];
    residualZ[k] = finite(scorer.lastResidualZ);
    features[k * DIMS] = squash(scorer.lastResidualZ);
    features[k * DIMS + 1] = squash(scorer.lastChangeZ);
    features[k * DIMS + 2] = squash(scorer.lastLevelZ);
  }
  const iso = isolationScores(features, m, DIMS);
  for (let k = 0; k < m; k++) {
    // The likelihood sees sustained change; the forest sees single points that are rare for this whole series.
    const q = Math.min(1, Math.max(0, (iso[k] - ISO_LOW) / (ISO_HIGH - ISO_LOW)));
    score[k] = Math.max(score[k], q);
  }
  return { order: used, score, expected, residualZ };
}

/** Signed log compression: keeps order, stops one huge value from squeezing every other split. */
function squash(x: number): number {
  const f = finite(x);
  return f >= 0 ? Math.log1p(f) : -Math.log1p(-f);
}

function finite(x: number): number {
  return Number.isFinite(x) ? x : 0;
}
