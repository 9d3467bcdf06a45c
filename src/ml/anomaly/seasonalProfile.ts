// Expected value and expected range for one calendar season (day or week), from the same phase in recent cycles.
import { quantileOfSorted } from '../stats/quantile';

/** No cycle recorded yet for a phase: below any real cycle number, so never "this cycle". */
const NO_CYCLE = -2147483648;

/**
 * Per-phase memory of the last `keep` cycles in flat typed arrays, fixed at phases × (4·keep + 5) bytes (float32
 * values: 7 significant digits are plenty for an expected value, and the engine keeps one profile per series).
 */
export class SeasonalProfile {
  readonly phases: number;
  /** Lowest and highest value seen around the phase in past cycles (set by `envelope`, NaN when unknown). */
  envLo = NaN;
  envHi = NaN;
  private readonly keep: number;
  private readonly values: Float32Array;
  /** Cycle number (whole periods since the epoch) of each phase's newest slot. */
  private readonly cycleOf: Int32Array;
  private readonly slot: Uint8Array;
  private readonly scratch: Float64Array;
  private firstCycle = NaN;
  private lastCycle = NaN;

  constructor(
    readonly periodMs: number,
    stepMs: number,
    keep: number
  ) {
    this.phases = Math.max(1, Math.round(periodMs / stepMs));
    this.keep = keep;
    this.values = new Float32Array(this.phases * keep).fill(NaN);
    this.cycleOf = new Int32Array(this.phases).fill(NO_CYCLE);
    this.slot = new Uint8Array(this.phases);
    this.scratch = new Float64Array(keep);
  }

  /** Whole cycles spanned so far (0 until the season has wrapped once). */
  cyclesSeen(): number {
    return Number.isNaN(this.firstCycle) ? 0 : this.lastCycle - this.firstCycle;
  }

  /** Median of the values at t's phase in past cycles; NaN when there are none. */
  expected(t: number): number {
    const phase = this.phaseOf(t);
    const skip = this.cycleOf[phase] >= Math.floor(t / this.periodMs) ? this.slot[phase] : -1;
    const base = phase * this.keep;
    const a = this.scratch;
    let m = 0;
    for (let k = 0; k < this.keep; k++) {
      const v = this.values[base + k];
      if (k !== skip && v === v) {
        // Insertion into the sorted prefix: keep is tiny.
        let j = m++;
        while (j > 0 && a[j - 1] > v) {
          a[j] = a[j - 1];
          j--;
        }
        a[j] = v;
      }
    }
    if (m === 0) {
      return NaN;
    }
    return quantileOfSorted(a, 0.5, m);
  }

  /**
   * Range of past values within ±jitter phases of t's phase, over all kept cycles, so that a daily job that runs
   * a little early or late has still "been seen before". Sets envLo/envHi; allocates nothing.
   */
  envelope(t: number, jitter: number): void {
    const cycle = Math.floor(t / this.periodMs);
    const center = this.phaseOf(t);
    let lo = Infinity;
    let hi = -Infinity;
    for (let d = -jitter; d <= jitter; d++) {
      let phase = center + d;
      phase = phase < 0 ? phase + this.phases : phase >= this.phases ? phase - this.phases : phase;
      const base = phase * this.keep;
      // The newest slot may already hold this cycle's value (earlier today): that is no seasonal evidence.
      const skip = this.cycleOf[phase] >= cycle ? this.slot[phase] : -1;
      for (let k = 0; k < this.keep; k++) {
        const v = this.values[base + k];
        if (k !== skip && v === v) {
          lo = v < lo ? v : lo;
          hi = v > hi ? v : hi;
        }
      }
    }
    this.envLo = lo === Infinity ? NaN : lo;
    this.envHi = hi === -Infinity ? NaN : hi;
  }

  update(t: number, v: number): void {
    const phase = this.phaseOf(t);
    const cycle = Math.floor(t / this.periodMs);
    if (Number.isNaN(this.firstCycle)) {
      this.firstCycle = cycle;
      this.lastCycle = cycle;
    }
    this.lastCycle = Math.max(this.lastCycle, cycle);
    if (this.cycleOf[phase] === cycle) {
      // Same phase twice in one cycle (duplicates, jitter): the newest value replaces the previous one.
      this.values[phase * this.keep + this.slot[phase]] = v;
      return;
    }
    this.cycleOf[phase] = cycle;
    this.slot[phase] = (this.slot[phase] + 1) % this.keep;
    this.values[phase * this.keep + this.slot[phase]] = v;
  }

  /** Phase within the UTC-aligned cycle, so that "Tuesday 14:00" is the same phase every week. */
  private phaseOf(t: number): number {
    const within = t - Math.floor(t / this.periodMs) * this.periodMs;
    const phase = Math.floor((within / this.periodMs) * this.phases);
    // Absurd timestamps (1e300) lose all precision here: keep the index inside the arrays regardless.
    return phase >= 0 && phase < this.phases ? phase : phase >= this.phases ? this.phases - 1 : 0;
  }
}
