// Distribution shift: whether the recent values sit unusually far from the series' long-run level, judged against
// this series' own history of that distance, so that a level shift, a wider spread or denser spikes are found even
// when no single point is surprising.
import { log10NormalTail } from './normalTail';
import { LOG_SPAN } from './likelihood';

/** A point this many long-run spreads away counts no more than this (one glitch must not look like a new regime). */
const DISTANCE_CAP = 10;
/** Points before the long-run level and spread are trusted. */
const REFERENCE_MIN = 10;
/** Floor of the spread of the recent mean distance (a flat series must not make every wobble infinitely unlikely). */
const MIN_STD = 0.005;

/**
 * O(1) time and memory: a slowly forgetting level and mean absolute spread (the reference), the distance of each
 * value from it in spreads, its exponentially weighted recent mean (~`window` points), and the running mean and
 * variance of that recent mean (~`historySize` points) to score it against, as the anomaly likelihood does.
 * A shift is news for about one window: once the score has stayed at the alert level for `window` points, the
 * recent level becomes the reference (a server that moved to a new steady load stops alerting after ~a window).
 */
export class DistributionShift {
  private refLevel = NaN;
  private refSpread = 0;
  private refCount = 0;
  private recent = 0;
  private count = 0;
  private histMean = 0;
  private histVar = 0;
  /** Level over about the last `window` points: what the reference moves to after a long alert. */
  private recentLevel = NaN;
  private recentSpread = 0;
  private highRun = 0;

  /**
   * @param referenceRate forgetting rate of the long-run level and spread (0.003: ~330 points of memory)
   * @param window points in the recent mean of distances
   * @param historySize points of memory of the recent mean's own mean and variance
   * @param minHistory recent means seen before any score above 0
   * @param alertLevel score that counts as an alert (for how long a shift stays news)
   */
  constructor(
    private readonly referenceRate: number,
    private readonly window: number,
    private readonly historySize: number,
    private readonly minHistory: number,
    private readonly alertLevel: number
  ) {}

  /**
   * Scores v in [0,1] (−log10 of the upper-tail probability of the recent mean distance over LOG_SPAN, as the
   * likelihood does) and, when `learn`, updates the state with it. `floor` is the smallest spread that counts.
   */
  push(v: number, floor: number, learn: boolean): number {
    if (Number.isNaN(this.refLevel)) {
      if (learn) {
        this.refLevel = v;
        this.recentLevel = v;
        this.refCount = 1;
      }
      return 0;
    }
    const distance = Math.abs(v - this.refLevel);
    const trusted = this.refCount > REFERENCE_MIN;
    const d = trusted ? Math.min(DISTANCE_CAP, distance / (this.refSpread + floor)) : 0;
    const seen = this.count + 1;
    const recent = trusted ? this.recent + Math.max(1 / this.window, 1 / seen) * (d - this.recent) : 0;
    let score = 0;
    if (trusted && this.count >= this.minHistory) {
      const z = (recent - this.histMean) / Math.max(Math.sqrt(this.histVar), MIN_STD);
      score = z <= 0 ? 0 : Math.min(1, -log10NormalTail(z) / LOG_SPAN);
    }
    if (!learn) {
      return score;
    }
    if (trusted) {
      this.recent = recent;
      this.count = seen;
      const a = Math.max(1 / this.historySize, 1 / seen);
      const dev = recent - this.histMean;
      this.histMean += a * dev;
      this.histVar += a * ((1 - a) * dev * dev - this.histVar);
    }
    this.refCount++;
    // Both levels move as a median would: a point counts at most DISTANCE_CAP spreads away, so that one glitch
    // (1e30 on a series of ones) cannot become the reference, while a real shift widens the recent spread and is
    // followed within a window.
    const f = Math.max(1 / this.window, 1 / this.refCount);
    const recentCap = trusted ? DISTANCE_CAP * (this.recentSpread + floor) : Infinity;
    const fromRecent = clamp(v - this.recentLevel, recentCap);
    this.recentLevel += f * fromRecent;
    this.recentSpread += f * (Math.abs(fromRecent) - this.recentSpread);
    const r = Math.max(this.referenceRate, 1 / this.refCount);
    const refCap = trusted ? DISTANCE_CAP * (this.refSpread + floor) : Infinity;
    this.refLevel += r * clamp(v - this.refLevel, refCap);
    this.refSpread += r * (Math.min(distance, refCap) - this.refSpread);
    this.highRun = score >= this.alertLevel ? this.highRun + 1 : 0;
    if (this.highRun >= this.window) {
      // The new regime is the reference now; the recent mean distance goes back to what is typical.
      this.refLevel = this.recentLevel;
      this.recent = this.histMean;
      this.highRun = 0;
    }
    return score;
  }
}

function clamp(x: number, limit: number): number {
  return x > limit ? limit : x < -limit ? -limit : x;
}
