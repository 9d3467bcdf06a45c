// A series' recent history on a regular grid, in a fixed-size ring buffer: bounded memory per series and no
// reallocation as points arrive.

export class RegularHistory {
  private readonly values: Float64Array;
  /** Index in `values` of the oldest point. */
  private head = 0;
  private count = 0;
  /** Timestamp of the newest point (ms); NaN when empty. */
  lastT = NaN;

  constructor(
    readonly capacity: number,
    readonly stepMs: number
  ) {
    this.values = new Float64Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  /** Timestamp of the oldest point held. */
  get firstT(): number {
    return this.lastT - (this.count - 1) * this.stepMs;
  }

  /**
   * Appends a point at t, which must lie on the grid after lastT; skipped grid points become NaN. Points at
   * or before lastT are ignored (a re-sent overlap). Returns whether the point was added.
   */
  push(t: number, v: number): boolean {
    if (this.count > 0) {
      if (t <= this.lastT) {
        return false;
      }
      const skipped = Math.round((t - this.lastT) / this.stepMs) - 1;
      for (let i = 0; i < Math.min(skipped, this.capacity); i++) {
        this.append(NaN);
      }
    }
    this.append(v);
    this.lastT = t;
    return true;
  }

  private append(v: number): void {
    if (this.count < this.capacity) {
      this.values[(this.head + this.count) % this.capacity] = v;
      this.count++;
    } else {
      this.values[this.head] = v;
      this.head = (this.head + 1) % this.capacity;
    }
  }

  /** Value at index i (0 = oldest). */
  at(i: number): number {
    return this.values[(this.head + i) % this.capacity];
  }

  /** Newest value that is not NaN, or NaN. */
  lastFinite(): number {
    for (let i = this.count - 1; i >= 0; i--) {
      const v = this.at(i);
      if (!Number.isNaN(v)) {
        return v;
      }
    }
    return NaN;
  }

  /**
   * Contiguous copies for the ML core, from the first observed point: steps missing before it (a counter's first
   * reading, a gap the window slid into) carry nothing, and a series as Prometheus sends it starts there too, so
   * the engine and the data source forecast the same series. All of it when nothing is observed, so that the ML
   * core says that, not that the series is empty.
   */
  toSeries(): { timestamps: Float64Array; values: Float64Array } {
    let skip = 0;
    while (skip < this.count && Number.isNaN(this.at(skip))) {
      skip++;
    }
    if (skip === this.count) {
      skip = 0;
    }
    const n = this.count - skip;
    const timestamps = new Float64Array(n);
    const values = new Float64Array(n);
    const first = this.firstT + skip * this.stepMs;
    for (let i = 0; i < n; i++) {
      timestamps[i] = first + i * this.stepMs;
      values[i] = this.at(skip + i);
    }
    return { timestamps, values };
  }

  clear(): void {
    this.head = 0;
    this.count = 0;
    this.lastT = NaN;
  }
}
