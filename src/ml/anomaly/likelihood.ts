// Anomaly likelihood: how unusual the recent mean surprise is against this series' own long-run surprise,
// so that a noisy series and a quiet one alert at the same rate.
import { log10NormalTail } from './normalTail';

/** A tail probability of 10^-LOG_SPAN maps to score 1, 10^-(LOG_SPAN/2) to 0.5. */
export const LOG_SPAN = 6;

export class AnomalyLikelihood {
  private readonly short: Float64Array;
  private shortSum = 0;
  private shortCount = 0;
  private shortPos = 0;
  private readonly history: Float64Array;
  private histSum = 0;
  private histSumSq = 0;
  private histCount = 0;
  private histPos = 0;
  private sinceExact = 0;

  constructor(
    shortWindow: number,
    historySize: number,
    private readonly minHistory: number,
    private readonly minStd: number
  ) {
    this.short = new Float64Array(Math.max(1, Math.floor(shortWindow)));
    this.history = new Float64Array(Math.max(2, Math.floor(historySize)));
  }

  /**
   * Takes one raw surprise and returns a score in [0,1]: −log10 of the upper-tail probability of the short-window
   * mean under a normal fitted to past short-window means, over LOG_SPAN. 0 while the history is too short.
   */
  push(raw: number): number {
    const s = this.short;
    if (this.shortCount === s.length) {
      this.shortSum -= s[this.shortPos];
    } else {
      this.shortCount++;
    }
    s[this.shortPos] = raw;
    this.shortSum += raw;
    this.shortPos = (this.shortPos + 1) % s.length;
    const avg = this.shortSum / this.shortCount;

    let score = 0;
    if (this.histCount >= this.minHistory) {
      const mean = this.histSum / this.histCount;
      const variance = Math.max(0, this.histSumSq / this.histCount - mean * mean);
      const x = (avg - mean) / Math.max(Math.sqrt(variance), this.minStd);
      score = x <= 0 ? 0 : Math.min(1, -log10NormalTail(x) / LOG_SPAN);
    }
    this.addHistory(avg);
    return score;
  }

  private addHistory(avg: number): void {
    const h = this.history;
    if (this.histCount === h.length) {
      const old = h[this.histPos];
      this.histSum -= old;
      this.histSumSq -= old * old;
    } else {
      this.histCount++;
    }
    h[this.histPos] = avg;
    this.histSum += avg;
    this.histSumSq += avg * avg;
    this.histPos = (this.histPos + 1) % h.length;
    // Running sums drift by rounding; recompute them exactly once per history length (amortised O(1)).
    if (++this.sinceExact >= h.length) {
      this.sinceExact = 0;
      let sum = 0;
      let sumSq = 0;
      for (let i = 0; i < this.histCount; i++) {
        sum += h[i];
        sumSq += h[i] * h[i];
      }
      this.histSum = sum;
      this.histSumSq = sumSq;
    }
  }
}
