// Views derived from the engine's state (the /metrics text, API responses, trends) computed at most once per
// engine update cycle and shared by every request that wants them: concurrent requests await one computation.

export interface CycleSource {
  /** Increments after every update cycle that changed the state. */
  readonly cycles: number;
  clock(): number;
}

export interface CycleCacheOptions {
  /** A value older than this is recomputed even within a cycle (a stalled loop, time-dependent views). */
  maxAgeMs: number;
  /** Least recently used keys beyond this are dropped (keys come from request parameters). */
  maxEntries: number;
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
    private readonly options: CycleCacheOptions
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

  private evict(): void {
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.options.maxEntries) {
        break;
      }
      if (!this.entries.get(key)?.pending) {
        this.entries.delete(key);
      }
    }
  }
}
