// The batch (non-causal) view of a series shared by scoreAnomalies and detectAnomalies: the streaming model run
// forwards (and backwards over the forward pass's learning period), plus an isolation forest over the whole
// series' residual, change and level features.
import { modelledValues } from '../hygiene/magnitude';
import { isolationScores } from './isolation';
import { StreamingAnomalyScorer } from './streamingScorer';
import { timeOrder } from './timeOrder';

/** iForest scores at or below this are ordinary (≈0.5 is "nothing stands out"); at ISO_HIGH they score 1. */
const ISO_LOW = 0.55;
const ISO_HIGH = 0.75;
/** Residuals (σ-like error scales) below Z_LOW never let the forest raise a score; from Z_HIGH on, fully. */
const Z_LOW = 3;
const Z_HIGH = 8;
/** Features are z-like; beyond this they are all "extreme" alike. */
const FEATURE_CLIP = 20;
const DIMS = 3;

export interface PointAnalysis {
  /** Input indices of the usable points (finite timestamp and value), in time order. */
  order: Uint32Array;
  /** Per ordered point: combined score in [0,1]. */
  score: Float64Array;
  /** Per ordered point: expected value. */
  expected: Float64Array;
  /** Per ordered point: signed surprise in error scales (0 while learning). */
  residualZ: Float64Array;
}

interface Pass {
  score: Float64Array;
  expected: Float64Array;
  residualZ: Float64Array;
  changeZ: Float64Array;
  levelZ: Float64Array;
  mature: Uint8Array;
}

/** Scores every usable point with the whole series in view. */
export function analyse(timestamps: ArrayLike<number>, input: ArrayLike<number>): PointAnalysis {
  // Values near ±1e300 are modelled scaled by a power of two (their differences would overflow), and
  // expected values scaled back at the end.
  const modelled = modelledValues(input);
  const values = modelled.values;
  const all = timeOrder(timestamps);
  let m = 0;
  const order = new Uint32Array(all.length);
  for (let k = 0; k < all.length; k++) {
    if (Number.isFinite(values[all[k]])) {
      order[m++] = all[k];
    }
  }
  const used = order.subarray(0, m);
  // Short series still get scores: learn on a tenth of them at most.
  const warmup = Math.min(150, Math.max(10, Math.floor(m / 10)));
  const fwd = runPass(timestamps, values, used, warmup, false);
  let firstMature = fwd.mature.indexOf(1);
  firstMature = firstMature < 0 ? m : firstMature;
  if (firstMature > warmup) {
    // The forward pass is still learning the season here; the backward pass has seen the rest of the series.
    // It needs about as long to learn, so it starts twice that far in, not at the end.
    const bwd = runPass(timestamps, values, used.subarray(0, Math.min(m, 2 * firstMature + warmup)), warmup, true);
    for (let k = 0; k < firstMature; k++) {
      if (k < bwd.mature.length && bwd.mature[k]) {
        fwd.score[k] = bwd.score[k];
        fwd.expected[k] = bwd.expected[k];
        fwd.residualZ[k] = bwd.residualZ[k];
        fwd.changeZ[k] = -bwd.changeZ[k];
        fwd.levelZ[k] = bwd.levelZ[k];
        fwd.mature[k] = 1;
      }
    }
  }
  const features = new Float64Array(m * DIMS);
  for (let k = 0; k < m; k++) {
    features[k * DIMS] = clip(fwd.residualZ[k]);
    features[k * DIMS + 1] = clip(fwd.changeZ[k]);
    features[k * DIMS + 2] = clip(fwd.levelZ[k]);
  }
  const iso = isolationScores(features, m, DIMS);
  for (let k = 0; k < m; k++) {
    // The likelihood sees sustained change; the forest sees single points that are rare for this whole series.
    // It only counts where no model explains the value: an isolated but expected point (a daily step) is normal.
    const q = clamp01((iso[k] - ISO_LOW) / (ISO_HIGH - ISO_LOW));
    const off = clamp01((Math.abs(fwd.residualZ[k]) - Z_LOW) / (Z_HIGH - Z_LOW));
    fwd.score[k] = Math.max(fwd.score[k], q * off);
  }
  if (modelled.factor !== 1) {
    for (let k = 0; k < m; k++) {
      const e = fwd.expected[k] / modelled.factor;
      fwd.expected[k] = Number.isFinite(e) ? e : input[used[k]];
    }
  }
  return { order: used, score: fwd.score, expected: fwd.expected, residualZ: fwd.residualZ };
}

/** One streaming pass (never damping repeats); backwards runs on negated time, results indexed like `order`. */
function runPass(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  order: Uint32Array,
  warmup: number,
  backwards: boolean
): Pass {
  const m = order.length;
  const p: Pass = {
    score: new Float64Array(m),
    expected: new Float64Array(m),
    residualZ: new Float64Array(m),
    changeZ: new Float64Array(m),
    levelZ: new Float64Array(m),
    mature: new Uint8Array(m),
  };
  const scorer = new StreamingAnomalyScorer({ suppressSteps: 0, warmup });
  for (let j = 0; j < m; j++) {
    const k = backwards ? m - 1 - j : j;
    const i = order[k];
    scorer.push(backwards ? -timestamps[i] : timestamps[i], values[i]);
    p.score[k] = scorer.lastScore;
    p.expected[k] = Number.isFinite(scorer.lastExpected) ? scorer.lastExpected : values[i];
    if (j >= warmup) {
      // Before that the error scales are still being learnt: their z-scores would be huge and meaningless.
      p.residualZ[k] = finite(scorer.lastResidualZ);
      p.changeZ[k] = finite(scorer.lastChangeZ);
      p.levelZ[k] = finite(scorer.lastLevelZ);
    }
    p.mature[k] = scorer.lastMature ? 1 : 0;
  }
  return p;
}

/** Stops one huge value from squeezing every other split into a corner of the feature range. */
function clip(x: number): number {
  return x > FEATURE_CLIP ? FEATURE_CLIP : x < -FEATURE_CLIP ? -FEATURE_CLIP : x;
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** NaN → 0; ±Infinity → a huge finite value, so that "infinitely off" still ranks as most off. */
function finite(x: number): number {
  return x !== x ? 0 : x > 1e300 ? 1e300 : x < -1e300 ? -1e300 : x;
}
