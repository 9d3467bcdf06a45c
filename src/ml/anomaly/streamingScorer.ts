// Causal anomaly scoring, one point at a time in constant time and fixed memory: what a live alert can see.
// Over 300 lines on purpose: one series' whole state sits in one object (fixed memory, one call per point), while
// the parts that stand alone (seasonal profile, error scale, likelihood, distribution shift) are their own modules.
import { checkOptions } from '../hygiene/checkInput';
import { MAX_MODELLED_MAGNITUDE } from '../hygiene/magnitude';
import { stepOfSpacings } from '../hygiene/regularize';
import { DistributionShift } from './distributionShift';
import { ErrorScale } from './errorScale';
import { AnomalyLikelihood } from './likelihood';
import { SeasonalProfile } from './seasonalProfile';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** Gaps used to learn the sampling step when none is given. */
const STEP_SAMPLES = 9;
/** EWMA weight of the level model (fast: it is the "nothing changed since just now" model). */
const LEVEL_ALPHA = 0.2;
/** Forgetting rate of model error scales (~100 points of memory). */
const ERROR_ALPHA = 0.01;
/** Forgetting rate of the seasonal level offset (a season whose level shifted still predicts the shape). */
const OFFSET_ALPHA = 0.05;
/** A lone residual beyond this many scales moves the level only this far (Huber); a second one is a shift. */
const HUBER = 3;
/** A value beyond all-time extremes by this fraction of the range is anomalous outright. */
const SPATIAL_TOLERANCE = 0.05;
/** A seasonal value counts as "seen before" within this much clock time of its phase. */
const JITTER_MS = 30 * 60_000;
const MAX_JITTER_PHASES = 6;
/** Floor of the long-run spread of mean surprise (avoids infinite likelihood on near-constant series). */
const MIN_SURPRISE_STD = 0.005;
/** Cap on surprise, so that its square (in the raw score) cannot overflow. */
const MAX_SURPRISE = 1e100;
/** Smallest error scale, relative to the level. */
const REL_FLOOR = 1e-3;
/** The surprise record halves in about 7000 points. */
const RECORD_DECAY = 0.9999;
/** Surprise (in error scales) a single point needs before it can break the record and alert by itself. */
const RECORD_MIN = 8;
/** A seasonal model must beat the current best error by this factor to provide the expected value. */
const SEASON_GAIN = 0.85;
/** Forgetting rate of the long-run level and spread (the "level" feature). */
const LONG_ALPHA = 0.002;

/**
 * Defaults chosen by leave-one-corpus-out cross-validation on the NAB subset (bench/nab: the choice on all four
 * corpora, standard profile); the figure that says how they do on unseen data is the held-out one in the README.
 */
export const STREAMING_ANOMALY_DEFAULTS = Object.freeze({
  alertLevel: 0.6,
  suppressSteps: 100,
  surpriseScale: 9,
  shiftWindow: 100,
  shiftReferenceRate: 0.001,
});

export interface StreamingAnomalyOptions {
  /** Sampling step in ms; learnt from the first gaps when omitted. */
  stepMs?: number;
  /** Points that only teach the model (score 0) before scoring starts. Default 150. */
  warmup?: number;
  /** After an alert-level score, scores are damped for this many points (0: never). Default 100. */
  suppressSteps?: number;
  /** Score that counts as an alert. Default 0.6 (tail probability 10^-3.6). */
  alertLevel?: number;
  /** Surprise (in error scales) at which one point's raw surprise score reaches 0.5. Default 9. */
  surpriseScale?: number;
  /** Points in the distribution-shift detector's recent mean. Default 100. */
  shiftWindow?: number;
  /** Forgetting rate, in (0,1], of the long-run level and spread the shift detector compares with. Default 0.001. */
  shiftReferenceRate?: number;
  /** Points averaged before comparing with the long-run surprise. Default 20. */
  shortWindow?: number;
  /** Points of long-run surprise history kept. Default 2000. */
  historySize?: number;
  /** Past cycles kept per seasonal phase. Default 3. */
  seasonsKept?: number;
  /** Seasons with more phases than this are not modelled (bounds memory). Default 20160. */
  maxSeasonPhases?: number;
}

/** Damping applied to scores during suppression: still visible, but below any sensible threshold. */
const SUPPRESSED = 0.3;

/**
 * An ensemble of three simple detectors, each judged against this series' own history, the score being the
 * strongest: (1) surprise = how badly an outlier-robust EWMA level and daily/weekly seasonal profiles explain the
 * value (a daily job seen on previous days, or a level the EWMA already follows, is no news), scored by the anomaly
 * likelihood of its recent mean; (2) a distribution shift: the recent distance from the long-run level, in long-run
 * spreads, against its own history (level shifts, wider spread, denser spikes); (3) new all-time extremes alert on
 * their own, and so does a single surprise beyond the (slowly forgotten) record. After an alert, repeats are damped
 * for `suppressSteps` points (one alert per incident).
 *
 * No isolation forest here: refitting it online would cost far more than the 2 µs/point budget, so it runs only in
 * the batch mode of `scoreAnomalies` / `detectAnomalies` (see analyse.ts).
 */
export class StreamingAnomalyScorer {
  /** Expected value of the last pushed point (NaN when it was missing). */
  lastExpected = NaN;
  /** Signed surprise of the last point in σ-like units: how far it is from anything the models explain (sign vs expected). */
  lastResidualZ = 0;
  /** Signed change from the previous point, in typical-change scales. */
  lastChangeZ = 0;
  /** Signed distance of the last point from the long-run level, in long-run spreads. */
  lastLevelZ = 0;
  /** Score of the last point before alert suppression. */
  lastScore = 0;
  /** Whether the model had learnt enough (warm-up and, for daily data, two whole days) at the last point. */
  lastMature = false;
  /** Whether the last value was beyond ±1e30: scored as that bound, not learnt from (a unit mistake or a glitch). */
  lastClipped = false;

  private readonly warmup: number;
  private readonly suppressSteps: number;
  private readonly alertLevel: number;
  private readonly seasonsKept: number;
  private readonly maxSeasonPhases: number;
  private readonly surpriseScale: number;
  private readonly likelihood: AnomalyLikelihood;
  private readonly shift: DistributionShift;

  private step: number;
  private readonly gaps = new Float64Array(STEP_SAMPLES);
  private gapCount = 0;
  private prevT = NaN;
  private prevV = NaN;
  private seen = 0;

  private level = NaN;
  private lastExcess = 0;
  private readonly levelErr = new ErrorScale(ERROR_ALPHA);
  private readonly changeErr = new ErrorScale(ERROR_ALPHA);
  private readonly seasons: SeasonalProfile[] = [];
  private readonly seasonErr: ErrorScale[] = [];
  private readonly seasonOffset = new Float64Array(2);
  /** Each season's median for the current point, computed once per push. */
  private readonly seasonMedian = new Float64Array(2).fill(NaN);
  private jitter = 0;
  private longMean = NaN;
  private longVar = 0;
  private min = Infinity;
  private max = -Infinity;
  private suppress = 0;
  /** Decaying record of surprise since warm-up: a point beyond anything seen lately alerts on its own. */
  private record = 0;
  private readonly logTerms = new Float64Array(3);
  private readonly logWeights = new Float64Array(3);

  constructor(given?: StreamingAnomalyOptions) {
    const options = checkOptions(given, 'StreamingAnomalyScorer options');
    this.warmup = nonNegative(options.warmup, 150);
    this.suppressSteps = nonNegative(options.suppressSteps, STREAMING_ANOMALY_DEFAULTS.suppressSteps);
    this.alertLevel = Number.isFinite(options.alertLevel)
      ? (options.alertLevel as number)
      : STREAMING_ANOMALY_DEFAULTS.alertLevel;
    this.surpriseScale = positive(options.surpriseScale, STREAMING_ANOMALY_DEFAULTS.surpriseScale);
    this.seasonsKept = Math.max(1, Math.min(9, nonNegative(options.seasonsKept, 3)));
    this.maxSeasonPhases = nonNegative(options.maxSeasonPhases, 20_160);
    const shortWindow = Math.max(1, nonNegative(options.shortWindow, 20));
    const historySize = Math.max(2, nonNegative(options.historySize, 2000));
    const minHistory = Math.min(50, Math.max(1, this.warmup));
    this.likelihood = new AnomalyLikelihood(shortWindow, historySize, minHistory, MIN_SURPRISE_STD);
    const rate = positive(options.shiftReferenceRate, STREAMING_ANOMALY_DEFAULTS.shiftReferenceRate);
    this.shift = new DistributionShift(
      Math.min(1, rate),
      Math.max(1, positive(options.shiftWindow, STREAMING_ANOMALY_DEFAULTS.shiftWindow)),
      historySize,
      minHistory,
      this.alertLevel
    );
    const stepMs = options.stepMs;
    this.step = Number.isFinite(stepMs) && (stepMs as number) > 0 ? (stepMs as number) : NaN;
    if (!Number.isNaN(this.step)) {
      this.initSeasons();
    }
  }

  /**
   * Scores one point and then learns from it; timestamps must not go backwards by more than a step.
   * Returns a score in [0,1]. Missing (non-finite or non-number) values score 0 and teach nothing.
   * Values beyond ±MAX_MODELLED_MAGNITUDE (1e30) are scored as that bound but teach nothing, so that
   * the state stays finite, and are flagged in `lastClipped`; the batch functions scale such series instead.
   */
  push(t: number, v: number): number {
    if (!Number.isFinite(t) || !Number.isFinite(v)) {
      this.lastMature = false;
      this.lastClipped = false;
      this.setLast(NaN, 0, 0, 0, 0);
      return 0;
    }
    const clipped = v > MAX_MODELLED_MAGNITUDE || v < -MAX_MODELLED_MAGNITUDE;
    this.lastClipped = clipped;
    if (clipped) {
      if (this.seen === 0) {
        // Nothing learnt yet to compare it with, and it must not become the level.
        this.lastMature = false;
        this.setLast(NaN, 0, 0, 0, 0);
        return 0;
      }
      v = v > 0 ? MAX_MODELLED_MAGNITUDE : -MAX_MODELLED_MAGNITUDE;
    }
    this.learnStep(t);
    this.seen++;
    if (this.seen === 1) {
      this.lastMature = false;
      this.level = v;
      this.longMean = v;
      this.prevV = v;
      this.min = v;
      this.max = v;
      this.seasonMedian.fill(NaN);
      this.learnSeasons(t, v);
      this.setLast(v, 0, 0, 0, 0);
      return 0;
    }

    // Error scales never go below a tiny fraction of the level: a 0.01% wobble on a flat series is no news.
    const floor = 1e-9 + REL_FLOOR * Math.abs(this.level);
    const surprise = this.surprise(t, v, floor);
    const expected = this.lastExpected;
    const change = v - this.prevV;
    const range = this.max - this.min;
    // Extremes mean something only once the daily profile (when daily data) is in use.
    const mature = this.seen > this.warmup && (this.seasons.length === 0 || this.seasons[0].cyclesSeen() >= 2);
    this.lastMature = mature;
    const tolerance = SPATIAL_TOLERANCE * range + floor;
    const spatial = mature && (v > this.max + tolerance || v < this.min - tolerance);
    const c = this.surpriseScale;
    // Squared over squared plus c²: overflow-free (surprise ≤ 1e100) and 0.5 at surprise c.
    const raw = spatial ? 1 : (surprise * surprise) / (surprise * surprise + c * c);
    let score = Math.max(this.likelihood.push(raw), this.shift.push(v, floor, !clipped));
    const rec = this.record;
    if (this.seen > this.warmup && !clipped) {
      this.record = Math.max(rec * RECORD_DECAY, surprise);
    }
    if (this.seen <= this.warmup) {
      score = 0;
    } else if (spatial) {
      score = 1;
    } else if (mature && this.seen > 2 * this.warmup && surprise > RECORD_MIN && surprise > rec) {
      // A single point beyond anything seen lately (a spike the likelihood's window mean dilutes): breaking the
      // record scores the alert level, twice the record scores 1.
      const level = Math.min(1, Math.max(0, this.alertLevel));
      score = Math.max(score, Math.min(1, level + (1 - level) * Math.log2(surprise / Math.max(rec, 1e-9))));
    }
    this.setLast(
      expected,
      this.lastResidualZ,
      change / (1.2533 * this.changeErr.mean + floor),
      (v - this.longMean) / (Math.sqrt(this.longVar) + floor),
      score
    );
    if (!clipped) {
      // A clipped value is scored (an extreme like any) but teaches nothing: it would poison every scale.
      this.learn(t, v, change, floor);
    }

    // One alert per incident: once alerting, damp the repeats for a while.
    if (this.suppress > 0) {
      this.suppress--;
      return score * SUPPRESSED;
    }
    if (score >= this.alertLevel && this.suppressSteps > 0) {
      this.suppress = this.suppressSteps;
    }
    return score;
  }

  /**
   * Surprise of v in error scales: −ln of the mixture density of the level and seasonal models (weighted by inverse
   * squared error, Laplace errors), times the best model's scale. Also sets lastExpected (best model) and
   * lastResidualZ.
   */
  private surprise(t: number, v: number, floor: number): number {
    let expected = this.level;
    let scale = this.levelErr.mean + floor;
    const terms = this.logTerms;
    let n = 0;
    // Log weights 2·ln(ref/b), relative to the level model's scale: the 1/b² mixture without overflow.
    const logRef = Math.log(scale);
    const logW = this.logWeights;
    logW[n] = 0;
    terms[n++] = -Math.abs(v - this.level) / scale - logRef;
    for (let s = 0; s < this.seasons.length; s++) {
      const season = this.seasons[s];
      const median = season.expected(t);
      this.seasonMedian[s] = median;
      if (season.cyclesSeen() < 2 || Number.isNaN(median)) {
        continue;
      }
      const offset = this.seasonOffset[s];
      const b = this.seasonErr[s].mean + floor;
      season.envelope(t, this.jitter);
      // Distance to the seasonal median, or to the range seen around this phase, whichever is closer.
      const dev = Math.min(
        Math.abs(v - median - offset),
        Math.max(0, v - offset - season.envHi, season.envLo + offset - v)
      );
      const logB = Math.log(b);
      logW[n] = 2 * (logRef - logB);
      terms[n++] = logW[n - 1] - dev / b - logB;
      // The seasonal model gives the expected value when clearly better, or as good and closer.
      const r = Math.abs(v - median - offset);
      if (b < SEASON_GAIN * scale || (b <= scale && r < Math.abs(v - expected))) {
        expected = median + offset;
        scale = b;
      }
    }
    const u = -(logSumExp(terms, n) - logSumExp(logW, n) + Math.log(scale));
    this.lastExpected = expected;
    const surprise = u > 0 ? Math.min(u, MAX_SURPRISE) : 0;
    this.lastResidualZ = (v >= expected ? surprise : -surprise) / 1.2533;
    return surprise;
  }

  private learn(t: number, v: number, change: number, floor: number): void {
    this.levelErr.update(Math.abs(v - this.level));
    this.changeErr.update(Math.abs(change));
    let innovation = v - this.level;
    // A lone outlier moves the level by at most HUBER scales; a second one in the same direction is a shift.
    const cap = HUBER * this.levelErr.mean + floor;
    if (Math.abs(innovation) > cap) {
      const sign = innovation > 0 ? 1 : -1;
      if (this.lastExcess !== sign) {
        innovation = sign * cap;
      }
      this.lastExcess = sign;
    } else {
      this.lastExcess = 0;
    }
    this.level += LEVEL_ALPHA * innovation;
    const d = v - this.longMean;
    this.longMean += LONG_ALPHA * d;
    this.longVar += LONG_ALPHA * (d * d - this.longVar);
    this.learnSeasons(t, v);
    this.prevV = v;
    this.min = v < this.min ? v : this.min;
    this.max = v > this.max ? v : this.max;
  }

  private learnSeasons(t: number, v: number): void {
    for (let s = 0; s < this.seasons.length; s++) {
      const season = this.seasons[s];
      const median = this.seasonMedian[s];
      if (!Number.isNaN(median)) {
        this.seasonErr[s].update(Math.abs(v - median - this.seasonOffset[s]));
        this.seasonOffset[s] += OFFSET_ALPHA * (v - median - this.seasonOffset[s]);
      }
      season.update(t, v);
    }
  }

  private setLast(expected: number, residualZ: number, changeZ: number, levelZ: number, score: number): void {
    this.lastExpected = expected;
    this.lastResidualZ = residualZ;
    this.lastChangeZ = changeZ;
    this.lastLevelZ = levelZ;
    this.lastScore = score;
  }

  private learnStep(t: number): void {
    if (!Number.isNaN(this.step)) {
      return;
    }
    if (!Number.isNaN(this.prevT)) {
      const gap = t - this.prevT;
      if (gap > 0) {
        this.gaps[this.gapCount++] = gap;
      }
      if (this.gapCount === STEP_SAMPLES) {
        this.step = stepOfSpacings(this.gaps);
        this.initSeasons();
      }
    }
    this.prevT = t;
  }

  private initSeasons(): void {
    this.jitter = Math.min(MAX_JITTER_PHASES, Math.floor(JITTER_MS / this.step));
    for (const period of [DAY_MS, WEEK_MS]) {
      const phases = Math.round(period / this.step);
      if (phases >= 4 && phases <= this.maxSeasonPhases) {
        this.seasons.push(new SeasonalProfile(period, this.step, this.seasonsKept));
        this.seasonErr.push(new ErrorScale(ERROR_ALPHA));
      }
    }
  }
}

/** ln Σ exp(x[k]) for k < n, without overflow. */
function logSumExp(x: Float64Array, n: number): number {
  let top = -Infinity;
  for (let k = 0; k < n; k++) {
    top = x[k] > top ? x[k] : top;
  }
  if (top === -Infinity) {
    return -Infinity;
  }
  let acc = 0;
  for (let k = 0; k < n; k++) {
    acc += Math.exp(x[k] - top);
  }
  return top + Math.log(acc);
}

function nonNegative(x: number | undefined, fallback: number): number {
  return x !== undefined && Number.isFinite(x) && x >= 0 ? Math.floor(x) : fallback;
}

function positive(x: number | undefined, fallback: number): number {
  return x !== undefined && Number.isFinite(x) && x > 0 ? x : fallback;
}
