// Leave-one-corpus-out cross-validation on the NAB subset: the detector's parameters and threshold are chosen on
// three corpora and scored on the fourth, so the figure says how the detector does on data it was never tuned on.
import { NabFileLabels, NabProfile, NabProfileScore, scoreAtThreshold, scoreCorpus } from './scorer';

/** The corpus a NAB file belongs to: the folder in its name ("realKnownCause/nyc_taxi.csv" → "realKnownCause"). */
export function corpusOf(fileName: string): string {
  const slash = fileName.indexOf('/');
  return slash < 0 ? '' : fileName.slice(0, slash);
}

export interface LocoFold {
  /** The corpus scored in this fold; none of its files is used to choose. */
  heldOut: string;
  /** Indices (into the file list) of the files parameters are chosen on. */
  train: number[];
  /** Indices of the held-out corpus's files. */
  test: number[];
}

/** One fold per corpus, in order of first appearance: that corpus held out, every other file used for choosing. */
export function leaveOneCorpusOut(fileNames: readonly string[]): LocoFold[] {
  const corpora: string[] = [];
  for (const name of fileNames) {
    const c = corpusOf(name);
    if (!corpora.includes(c)) {
      corpora.push(c);
    }
  }
  if (corpora.length < 2) {
    throw new Error(`leave-one-corpus-out needs at least two corpora, got ${corpora.length}`);
  }
  return corpora.map((heldOut) => {
    const train: number[] = [];
    const test: number[] = [];
    fileNames.forEach((name, i) => (corpusOf(name) === heldOut ? test : train).push(i));
    return { heldOut, train, test };
  });
}

/** Every combination of the listed values, first values first (the first candidate is all first values). */
export function grid<P extends object>(axes: { [K in keyof P]: ReadonlyArray<P[K]> }): P[] {
  let out: Array<Partial<P>> = [{}];
  for (const key of Object.keys(axes) as Array<keyof P>) {
    const next: Array<Partial<P>> = [];
    for (const partial of out) {
      for (const value of axes[key]) {
        next.push({ ...partial, [key]: value });
      }
    }
    out = next;
  }
  return out as P[];
}

export interface Choice<P> {
  params: P;
  /** Threshold chosen together with the parameters (NAB's sweep on the choosing files). */
  threshold: number;
  /** Score on the files the choice was made on. */
  chosenOn: NabProfileScore;
}

export interface LocoFoldResult<P> extends Choice<P> {
  heldOut: string;
  files: number;
  /** Score of the held-out corpus at the chosen parameters and threshold (normalised NaN without windows). */
  heldOutScore: NabProfileScore;
}

export interface LocoResult<P> {
  /** Chosen on all files, scored on all files (threshold swept as NAB does): the in-sample figure. */
  inSample: Choice<P>;
  folds: Array<LocoFoldResult<P>>;
  /** The held-out results of all folds summed (raw, null and perfect scores, counts) and normalised once, as NAB does. */
  combined: NabProfileScore;
}

/**
 * For every profile, chooses parameters and threshold on all files (in-sample) and, for each fold, on its training
 * files only, then scores the held-out files. Each candidate's scores are computed once and shared by every fold and
 * profile. Ties go to the earlier candidate.
 */
export function crossValidate<P, F extends NabFileLabels, N extends string>(
  files: F[],
  candidates: Iterable<P>,
  detect: (params: P, file: F) => ArrayLike<number>,
  profiles: Record<N, NabProfile>,
  options: {
    /** The detector's own alert threshold for these parameters; when omitted, NAB's sweep chooses one. */
    thresholdOf?: (params: P) => number;
    onCandidate?: (params: P, index: number) => void;
  } = {}
): Record<N, LocoResult<P>> {
  const { thresholdOf, onCandidate } = options;
  const scoreOn = (fs: F[], scores: Array<ArrayLike<number>>, profile: NabProfile, params: P) =>
    thresholdOf ? scoreAtThreshold(fs, scores, profile, thresholdOf(params)) : scoreCorpus(fs, scores, profile);
  const folds = leaveOneCorpusOut(files.map((f) => f.name));
  const pick = <T>(items: T[], idx: number[]) => idx.map((i) => items[i]);
  const names = Object.keys(profiles) as N[];
  const bestAll = {} as Record<N, Choice<P> | undefined>;
  const bestFold = {} as Record<N, Array<LocoFoldResult<P> | undefined>>;
  for (const p of names) {
    bestAll[p] = undefined;
    bestFold[p] = folds.map(() => undefined);
  }
  let index = 0;
  for (const params of candidates) {
    // Not inside the optional call: `f?.(i++)` skips the increment when f is undefined.
    onCandidate?.(params, index);
    index++;
    const scores = files.map((f) => detect(params, f));
    for (const p of names) {
      const profile = profiles[p];
      const all = scoreOn(files, scores, profile, params);
      if (bestAll[p] === undefined || all.raw > (bestAll[p] as Choice<P>).chosenOn.raw) {
        bestAll[p] = { params, threshold: all.threshold, chosenOn: all };
      }
      folds.forEach((fold, k) => {
        const train = scoreOn(pick(files, fold.train), pick(scores, fold.train), profile, params);
        const current = bestFold[p][k];
        if (current === undefined || train.raw > current.chosenOn.raw) {
          bestFold[p][k] = {
            heldOut: fold.heldOut,
            files: fold.test.length,
            params,
            threshold: train.threshold,
            chosenOn: train,
            heldOutScore: scoreAtThreshold(pick(files, fold.test), pick(scores, fold.test), profile, train.threshold),
          };
        }
      });
    }
  }
  if (index === 0) {
    throw new Error('crossValidate needs at least one candidate');
  }
  const out = {} as Record<N, LocoResult<P>>;
  for (const p of names) {
    const foldResults = bestFold[p] as Array<LocoFoldResult<P>>;
    out[p] = {
      inSample: bestAll[p] as Choice<P>,
      folds: foldResults,
      combined: combine(foldResults.map((f) => f.heldOutScore)),
    };
  }
  return out;
}

/** NAB's corpus score of several disjoint sets of files: raw, null and perfect scores add up, then normalise. */
export function combine(parts: NabProfileScore[]): NabProfileScore {
  const sum = (k: 'raw' | 'nullScore' | 'perfectScore' | 'tp' | 'fp' | 'fn') => parts.reduce((s, x) => s + x[k], 0);
  const raw = sum('raw');
  const nullScore = sum('nullScore');
  const perfectScore = sum('perfectScore');
  return {
    normalized: perfectScore > nullScore ? (100 * (raw - nullScore)) / (perfectScore - nullScore) : NaN,
    raw,
    nullScore,
    perfectScore,
    threshold: NaN,
    tp: sum('tp'),
    fp: sum('fp'),
    fn: sum('fn'),
  };
}
