// The NAB scoring rules (windows, scaled sigmoid, profiles, one threshold swept over the whole corpus),
// written from NAB's public description so that our detectors are scored the way published ones were.

/** One corpus file, reduced to what the scorer needs: its length and its windows as inclusive row ranges. */
export interface NabFileLabels {
  name: string;
  length: number;
  /** [firstRow, lastRow] of each anomaly window, inclusive, ascending. */
  windows: Array<[number, number]>;
}

export interface NabProfile {
  tpWeight: number;
  fpWeight: number;
  fnWeight: number;
}

export interface NabProfileScore {
  /** 100 = perfect, 0 = the null detector (never fires). */
  normalized: number;
  raw: number;
  nullScore: number;
  perfectScore: number;
  /** Detections are scores >= threshold; Infinity means "no detections" won. */
  threshold: number;
  tp: number;
  fp: number;
  fn: number;
}

/** NAB never scores the first 15% of a file (at most 750 rows): detectors learn there. */
export function probationLength(length: number): number {
  return Math.min(Math.floor(0.15 * length), 0.15 * 5000);
}

/** NAB's scaled sigmoid: +1 far before a window's end, 0 at it, −1 long after. */
export function scaledSigmoid(y: number): number {
  if (y > 100) {
    return -1;
  }
  return 2 / (1 + Math.exp(5 * y)) - 1;
}

/**
 * Weight each row would earn if it were a detection, and the window it belongs to (-1 outside).
 * In a window: tp·σ(y)/σ(−1), y = −(right − i + 1)/width, so the window's first row earns exactly tp.
 * Outside: fp·σ(y) with y = rows past the previous window's right edge / (its width − 1), or −fp before any window.
 */
export function rowWeights(file: NabFileLabels, profile: NabProfile): { weight: Float64Array; window: Int32Array } {
  const n = file.length;
  const weight = new Float64Array(n);
  const window = new Int32Array(n).fill(-1);
  const maxTp = scaledSigmoid(-1);
  let w = 0;
  let prevRight = -1;
  let prevWidth = 0;
  for (let i = 0; i < n; i++) {
    while (w < file.windows.length && file.windows[w][1] < i) {
      prevRight = file.windows[w][1];
      prevWidth = file.windows[w][1] - file.windows[w][0] + 1;
      w++;
    }
    if (w < file.windows.length && file.windows[w][0] <= i) {
      const [left, right] = file.windows[w];
      const width = right - left + 1;
      weight[i] = (profile.tpWeight * scaledSigmoid(-(right - i + 1) / width)) / maxTp;
      window[i] = w;
    } else if (prevRight < 0) {
      weight[i] = -profile.fpWeight;
    } else {
      const y = prevWidth > 1 ? (i - prevRight) / (prevWidth - 1) : Infinity;
      weight[i] = profile.fpWeight * scaledSigmoid(y);
    }
  }
  return { weight, window };
}

/** Rows scored by NAB (after probation) of every file, flattened: score, weight if detected, global window id. */
interface ScoredRows {
  anomaly: Float64Array;
  weight: Float64Array;
  /** Window of the row across all files (-1 outside every window). */
  windowId: Int32Array;
  count: number;
  windowCount: number;
}

function scoredRows(files: NabFileLabels[], scores: Array<ArrayLike<number>>, profile: NabProfile): ScoredRows {
  let total = 0;
  let windowCount = 0;
  for (const f of files) {
    total += f.length - probationLength(f.length);
    windowCount += f.windows.length;
  }
  const anomaly = new Float64Array(total);
  const weight = new Float64Array(total);
  const windowId = new Int32Array(total);
  let k = 0;
  let windowBase = 0;
  files.forEach((f, fi) => {
    const s = scores[fi];
    if (s.length !== f.length) {
      throw new Error(`${f.name}: ${s.length} scores for ${f.length} rows`);
    }
    const rw = rowWeights(f, profile);
    for (let i = Math.ceil(probationLength(f.length)); i < f.length; i++) {
      const v = s[i];
      anomaly[k] = Number.isFinite(v) ? v : 0;
      weight[k] = rw.weight[i];
      windowId[k] = rw.window[i] < 0 ? -1 : windowBase + rw.window[i];
      k++;
    }
    windowBase += f.windows.length;
  });
  return { anomaly, weight, windowId, count: k, windowCount };
}

/**
 * The raw score as detections are added one at a time, from the null detector's (every window missed): a detection
 * outside every window adds its (negative) weight; the first in a window adds its weight and takes back the miss;
 * a later one in the same window only raises it to its better weight.
 */
class DetectionTally {
  raw: number;
  tp = 0;
  fp = 0;
  private readonly best: Float64Array;

  constructor(
    private readonly rows: ScoredRows,
    private readonly profile: NabProfile
  ) {
    this.best = new Float64Array(rows.windowCount).fill(NaN);
    this.raw = -profile.fnWeight * rows.windowCount;
  }

  add(r: number): void {
    const w = this.rows.windowId[r];
    const weight = this.rows.weight[r];
    if (w < 0) {
      this.raw += weight;
      this.fp++;
    } else if (Number.isNaN(this.best[w])) {
      this.raw += weight + this.profile.fnWeight;
      this.best[w] = weight;
      this.tp++;
    } else if (weight > this.best[w]) {
      this.raw += weight - this.best[w];
      this.best[w] = weight;
    }
  }
}

function profileScore(
  tally: { raw: number; tp: number; fp: number },
  threshold: number,
  windowCount: number,
  profile: NabProfile
): NabProfileScore {
  const nullScore = -profile.fnWeight * windowCount;
  const perfectScore = profile.tpWeight * windowCount;
  // A corpus without windows (artificialNoAnomaly) has nothing to normalise by.
  const normalized =
    perfectScore > nullScore ? (100 * (tally.raw - nullScore)) / (perfectScore - nullScore) : Number.NaN;
  return {
    normalized,
    raw: tally.raw,
    nullScore,
    perfectScore,
    threshold,
    tp: tally.tp,
    fp: tally.fp,
    fn: windowCount - tally.tp,
  };
}

/**
 * Scores a detector on a corpus under one profile: sweeps one threshold over all distinct scores of all
 * files (plus "above max"), counting every false positive but only the best detection of each window.
 */
export function scoreCorpus(
  files: NabFileLabels[],
  scores: Array<ArrayLike<number>>,
  profile: NabProfile
): NabProfileScore {
  const rows = scoredRows(files, scores, profile);
  const { anomaly, count: k } = rows;
  const order = new Uint32Array(k);
  for (let i = 0; i < k; i++) {
    order[i] = i;
  }
  order.sort((a, b) => anomaly[b] - anomaly[a]);

  const tally = new DetectionTally(rows, profile);
  let best = { raw: tally.raw, tp: 0, fp: 0 };
  let bestThreshold = Infinity;
  for (let j = 0; j < k;) {
    const threshold = anomaly[order[j]];
    // Everything with this exact score becomes a detection together.
    for (; j < k && anomaly[order[j]] === threshold; j++) {
      tally.add(order[j]);
    }
    if (tally.raw > best.raw) {
      best = { raw: tally.raw, tp: tally.tp, fp: tally.fp };
      bestThreshold = threshold;
    }
  }
  return profileScore(best, bestThreshold, rows.windowCount, profile);
}

/**
 * Scores a detector on a corpus at a threshold fixed beforehand (chosen on other files): every score >= threshold is
 * a detection, with the same rules as scoreCorpus. `normalized` is NaN for a corpus without windows.
 */
export function scoreAtThreshold(
  files: NabFileLabels[],
  scores: Array<ArrayLike<number>>,
  profile: NabProfile,
  threshold: number
): NabProfileScore {
  const rows = scoredRows(files, scores, profile);
  const tally = new DetectionTally(rows, profile);
  for (let r = 0; r < rows.count; r++) {
    if (rows.anomaly[r] >= threshold) {
      tally.add(r);
    }
  }
  return profileScore(tally, threshold, rows.windowCount, profile);
}
