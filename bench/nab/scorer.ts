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

function normalize(raw: number, nullScore: number, perfectScore: number): number {
  // A corpus without windows (artificialNoAnomaly) has nothing to normalise by.
  return perfectScore > nullScore ? (100 * (raw - nullScore)) / (perfectScore - nullScore) : NaN;
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
  const { anomaly, weight, windowId, count: k, windowCount } = scoredRows(files, scores, profile);
  const order = new Uint32Array(k);
  for (let i = 0; i < k; i++) {
    order[i] = i;
  }
  order.sort((a, b) => anomaly[b] - anomaly[a]);

  const nullScore = -profile.fnWeight * windowCount;
  const perfectScore = profile.tpWeight * windowCount;
  const best = new Float64Array(windowCount).fill(NaN);
  let current = nullScore;
  let fp = 0;
  let tp = 0;
  let bestRaw = nullScore;
  let bestThreshold = Infinity;
  let bestTp = 0;
  let bestFp = 0;
  for (let j = 0; j < k;) {
    const threshold = anomaly[order[j]];
    // Everything with this exact score becomes a detection together.
    for (; j < k && anomaly[order[j]] === threshold; j++) {
      const r = order[j];
      const w = windowId[r];
      if (w < 0) {
        current += weight[r];
        fp++;
      } else if (Number.isNaN(best[w])) {
        current += weight[r] + profile.fnWeight;
        best[w] = weight[r];
        tp++;
      } else if (weight[r] > best[w]) {
        current += weight[r] - best[w];
        best[w] = weight[r];
      }
    }
    if (current > bestRaw) {
      bestRaw = current;
      bestThreshold = threshold;
      bestTp = tp;
      bestFp = fp;
    }
  }
  return {
    normalized: normalize(bestRaw, nullScore, perfectScore),
    raw: bestRaw,
    nullScore,
    perfectScore,
    threshold: bestThreshold,
    tp: bestTp,
    fp: bestFp,
    fn: windowCount - bestTp,
  };
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
  const { anomaly, weight, windowId, count, windowCount } = scoredRows(files, scores, profile);
  const best = new Float64Array(windowCount).fill(NaN);
  let raw = -profile.fnWeight * windowCount;
  let fp = 0;
  let tp = 0;
  for (let r = 0; r < count; r++) {
    if (!(anomaly[r] >= threshold)) {
      continue;
    }
    const w = windowId[r];
    if (w < 0) {
      raw += weight[r];
      fp++;
    } else if (Number.isNaN(best[w])) {
      raw += weight[r] + profile.fnWeight;
      best[w] = weight[r];
      tp++;
    } else if (weight[r] > best[w]) {
      raw += weight[r] - best[w];
      best[w] = weight[r];
    }
  }
  const nullScore = -profile.fnWeight * windowCount;
  const perfectScore = profile.tpWeight * windowCount;
  return {
    normalized: normalize(raw, nullScore, perfectScore),
    raw,
    nullScore,
    perfectScore,
    threshold,
    tp,
    fp,
    fn: windowCount - tp,
  };
}
