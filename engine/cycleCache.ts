// Views derived from the engine's state (the /metrics text, API responses, trends) computed at most once per
// engine update cycle and shared by every request that wants them: concurrent requests await one computation.

export interface CycleSource {
  /** Increments after every update cycle that changed the state. */
  readonly cycles: number;
  clock(): number;
}

export interface CycleCacheOptions<T> {
  /** A value older than this is recomputed even within a cycle (a stalled loop, time-dependent views). */
  maxAgeMs: number;
  /** Least recently used keys beyond this are dropped (keys come from request parameters). */
  maxEntries: number;
  /** And beyond this many bytes of values, measured by `sizeOf`: a bound on memory whatever the answers weigh. */
  maxBytes?: number;
  sizeOf?: (value: T) => number;
  /**
   * Answer with the previous value while the new one is computed (for views that take seconds, such as trends);
   * the first request of all still waits.
   */
  staleWhileRevalidate?: boolean;
}

interface Entry<T> {
  value?: T;
  cycle: number;
  at: number;
  pending?: Promise<T>;
}

export class CycleCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  /** Computations started, for tests and the bench: "served from the cache" is then a number. */
  computations = 0;

  constructor(
    private readonly source: CycleSource,
    private readonly options: CycleCacheOptions<T>
  ) {}

  get(key: string, compute: () => Promise<T>): Promise<T> {
    let entry = this.entries.get(key);
    if (entry) {
      // Most recently used goes last.
      this.entries.delete(key);
      this.entries.set(key, entry);
    } else {
      entry = { cycle: NaN, at: -Infinity };
      this.entries.set(key, entry);
      this.evict();
    }
    const fresh =
      entry.value !== undefined &&
      entry.cycle === this.source.cycles &&
      this.source.clock() - entry.at < this.options.maxAgeMs;
    if (fresh) {
      return Promise.resolve(entry.value as T);
    }
    const pending = entry.pending ?? this.start(key, entry, compute);
    if (this.options.staleWhileRevalidate && entry.value !== undefined) {
      return Promise.resolve(entry.value);
    }
    return pending;
  }

  private start(key: string, entry: Entry<T>, compute: () => Promise<T>): Promise<T> {
    const cycle = this.source.cycles;
    const at = this.source.clock();
    this.computations++;
    const pending = compute().then(
      (value) => {
        Object.assign(entry, { value, cycle, at, pending: undefined });
        this.evict();
        return value;
      },
      (e: unknown) => {
        entry.pending = undefined;
        // A failure is not cached: the next request tries again.
        if (entry.value === undefined && this.entries.get(key) === entry) {
          this.entries.delete(key);
        }
        throw e;
      }
    );
    entry.pending = pending;
    // Callers served a stale value do not await this promise; its failure is theirs to see next time, not unhandled.
    pending.catch(() => undefined);
    return pending;
  }

  private bytes(): number {
    const { sizeOf } = this.options;
    let total = 0;
    if (sizeOf) {
      for (const e of this.entries.values()) {
        total += e.value === undefined ? 0 : sizeOf(e.value);
      }
    }
    return total;
  }

  /** Drops least recently used entries (never one being computed, never the newest) until within the bounds. */
  private evict(): void {
    const maxBytes = this.options.maxBytes ?? Infinity;
    let bytes = this.bytes();
    for (const [key, entry] of this.entries) {
      if ((this.entries.size <= this.options.maxEntries && bytes <= maxBytes) || this.entries.size === 1) {
        break;
      }
      if (!entry.pending) {
        bytes -= entry.value === undefined || !this.options.sizeOf ? 0 : this.options.sizeOf(entry.value);
        this.entries.delete(key);
      }
    }
  }
}
