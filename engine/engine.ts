// The engine's orchestration: per target, fetch history from Prometheus, keep each series' state up to date,
// refit on schedule, persist, and degrade to stale-but-served forecasts when Prometheus fails.
import { EngineConfig, isEnergyKind, ms, ResolvedTarget, resolveTarget } from './config';
import { exportedLabels, inShard, seriesKey, Shard, shardHash } from './labels';
import { EngineMetrics, ErrorKind } from './metrics';
import { isPeak, recommend, Recommendation, StreamingAnomalyScorer, Tariff } from './ml';
import { PrometheusClient, PrometheusError, RangeSeries } from './prometheus';
import {
  alignDown,
  backoffDelay,
  chooseStep,
  dueForRefit,
  forecastPathSteps,
  MAX_POINTS_PER_SERIES,
  monthBounds,
  refitPhase,
  replaySteps,
} from './schedule';
import { addEnergy, correctLevel, newSeriesState, scorePoint, SeriesState, toModelValue } from './series';
import { fitSeries } from './fit';
import { definitionHash } from './store';
import { Logger } from './log';
import { buildRecommendationInput } from './recommendations';
import { ClockError, ClockGuard } from './clockGuard';
import { StatePersistence } from './statePersistence';
/** Hand the event loop back (scrapes, API) after this much fitting. */
const FIT_SLICE_MS = 50;

export interface TargetRuntime {
  target: ResolvedTarget;
  definition: string;
  states: Map<string, SeriesState>;
  /** Grid time up to which data has been fetched; NaN until the first full fetch in this process. */
  fetchedUntil: number;
  needsFullFetch: boolean;
  /** Whether the target completed a cycle or loaded persisted forecasts: readiness. */
  ready: boolean;
  lastSuccess: number;
  lastAttempt: number;
  consecutiveFailures: number;
  lastError?: string;
  /** Kind of the last failure: a readiness reason that names no URL or query. */
  lastErrorKind?: ErrorKind;
  /** Series the query returned in the last fetch, before sharding: tells an empty shard from an empty query. */
  matchedSeries: number;
  /** The last refit error (kept until a later one replaces it); readiness explains a target without forecasts. */
  lastFitError?: Error;
  nextRunAt: number;
  lastPersist: number;
  dirty: boolean;
  /** Steps of forecast kept per series: the longest horizon plus slack until the next refit. */
  pathSteps: number;
  /** History points kept per series (the training window). */
  capacity: number;
}

export interface EngineOptions {
  config: EngineConfig;
  shard?: Shard;
  clock?: () => number;
  client?: PrometheusClient;
  log?: Logger;
  metrics?: EngineMetrics;
}

export class Engine {
  readonly config: EngineConfig;
  readonly shard: Shard;
  readonly targets: TargetRuntime[];
  readonly metrics: EngineMetrics;
  readonly clock: () => number;
  private readonly client: PrometheusClient;
  private readonly log: Logger;
  private readonly updateMs: number;
  private readonly refitMs: number;
  /** Latest output of the recommendation rules, and when it was computed. */
  recommendations: Recommendation[] = [];
  recommendationsAt = -Infinity;
  /** Update cycles that ran at least one target: views derived from the state (metrics text, insights) key on it. */
  cycles = 0;
  private timer?: NodeJS.Timeout;
  private running = false;
  private cycle?: Promise<void>;
  private readonly clockGuard: ClockGuard;
  private readonly persistence: StatePersistence;

  constructor(options: EngineOptions) {
    this.config = options.config;
    this.shard = options.shard ?? { index: 0, total: 1 };
    this.clock = options.clock ?? Date.now;
    this.log = options.log ?? new Logger('silent');
    this.metrics = options.metrics ?? new EngineMetrics();
    const p = this.config.prometheus;
    this.client =
      options.client ??
      new PrometheusClient({
        url: p.url,
        timeoutMs: ms(p.timeout),
        retries: p.retries,
        retryDelayMs: ms(p.retryDelay),
        headers: p.headers,
      });
    this.updateMs = ms(this.config.schedule.update);
    this.refitMs = ms(this.config.schedule.refit);
    this.clockGuard = new ClockGuard(this.metrics, this.log, this.updateMs);
    this.persistence = new StatePersistence(this.config.stateDir, this.metrics, this.log);
    this.targets = this.config.targets.map((t) => this.newRuntime(resolveTarget(t, this.config.training)));
    this.metrics.info.set({ shard: String(this.shard.index), shards: String(this.shard.total) }, 1);
  }

  private newRuntime(target: ResolvedTarget): TargetRuntime {
    const windowStep = chooseStep(target.windowMs, target.stepMs);
    const stepMs = windowStep;
    const maxHorizon = Math.max(...target.horizonsMs);
    return {
      target: { ...target, stepMs },
      definition: definitionHash({
        promql: target.promql,
        kind: target.kind,
        stepMs,
        shard: this.shard,
        shardKey: target.shardKey ?? null,
      }),
      states: new Map(),
      fetchedUntil: NaN,
      needsFullFetch: true,
      ready: false,
      lastSuccess: -Infinity,
      lastAttempt: -Infinity,
      consecutiveFailures: 0,
      matchedSeries: 0,
      nextRunAt: 0,
      lastPersist: -Infinity,
      dirty: false,
      pathSteps: forecastPathSteps(maxHorizon, this.refitMs, this.updateMs, stepMs),
      capacity: Math.min(MAX_POINTS_PER_SERIES, Math.floor(target.windowMs / stepMs) + 1),
    };
  }

  /**
   * At start-up: sweeps what a crash left in the state directory, then loads every target's state; unusable
   * files are set aside, invalid series dropped, both counted and rebuilt; a state saved "after now" is a clock
   * jump. Never throws.
   */
  loadState(): void {
    const now = this.clock();
    this.persistence.sweep();
    for (const rt of this.targets) {
      const saved = this.persistence.load(rt, now, (key, labels) => this.newState(rt, key, labels));
      if (saved) {
        this.clockGuard.checkLoaded(rt, saved, now);
      }
    }
  }

  private newState(rt: TargetRuntime, key: string, labels: Record<string, string>): SeriesState {
    const hash = shardHash(labels, rt.target.shardKey);
    const state = newSeriesState(key, labels, hash, rt.capacity, rt.target.stepMs, refitPhase(hash, this.refitMs));
    if (rt.target.anomaly) {
      state.anomaly = new StreamingAnomalyScorer({ stepMs: rt.target.stepMs });
    }
    return state;
  }

  isStale(rt: TargetRuntime, now = this.clock()): boolean {
    return rt.consecutiveFailures > 0 || now - rt.lastSuccess > ms(this.config.schedule.staleAfter);
  }

  /** Runs the loop: each target when due, forever; errors are counted and backed off, never thrown. */
  start(): void {
    this.running = true;
    const tick = async () => {
      if (!this.running) {
        return;
      }
      this.cycle = this.runDueTargets();
      await this.cycle;
      if (this.running) {
        const next = Math.min(...this.targets.map((t) => t.nextRunAt)) - this.clock();
        this.timer = setTimeout(tick, Math.max(50, Math.min(next, this.updateMs)));
      }
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) {
      clearTimeout(this.timer);
    }
    // A cycle stuck on a slow Prometheus is not waited for long: the state on disk is at most one cycle old.
    await Promise.race([this.cycle, new Promise((r) => setTimeout(r, 5000).unref())]);
    for (const rt of this.targets) {
      this.persist(rt, true);
    }
  }

  async runDueTargets(): Promise<void> {
    if (this.clockGuard.check(this.targets, this.clock())?.direction === 'backward') {
      this.recommendationsAt = -Infinity;
    }
    let ran = false;
    for (const rt of this.targets) {
      if (this.clock() >= rt.nextRunAt) {
        await this.runTarget(rt);
        ran = true;
      }
      this.refreshGauges(rt);
    }
    this.updateRecommendations();
    if (ran) {
      this.cycles++;
    }
  }

  /** Runs the recommendation rules when due and every target they read has data. */
  private updateRecommendations(): void {
    const roles = this.config.recommendations;
    const names = [
      roles.cpuTarget,
      roles.powerTarget,
      roles.inletTemperatureTarget,
      roles.facilityPowerTarget,
      roles.itPowerTarget,
    ].filter((n): n is string => !!n);
    const now = this.clock();
    if (names.length === 0 || now - this.recommendationsAt < ms(roles.every)) {
      return;
    }
    if (!names.every((n) => Number.isFinite(this.target(n)?.fetchedUntil))) {
      return;
    }
    try {
      this.recommendations = recommend(
        buildRecommendationInput((n) => (n ? this.target(n) : undefined), roles, this.config.site)
      );
      this.recommendationsAt = now;
    } catch (e) {
      this.recommendationsAt = now;
      this.metrics.error('recommendations', 'recommendation_error');
      this.log.warn('recommendation rules failed', { error: (e as Error).message });
    }
  }

  /** One update cycle of a target. Never throws. */
  async runTarget(rt: TargetRuntime): Promise<void> {
    const name = rt.target.name;
    const started = this.clock();
    rt.lastAttempt = started;
    const endTimer = this.metrics.cycleDuration.startTimer({ target: name });
    try {
      await this.fetch(rt, started);
      await this.refitDue(rt);
      rt.lastSuccess = this.clock();
      rt.consecutiveFailures = 0;
      rt.lastError = undefined;
      rt.lastErrorKind = undefined;
      rt.nextRunAt = started + this.updateMs;
      // Every due series was fitted in this cycle: the target can answer (even if its query matched nothing yet).
      rt.ready = true;
      this.metrics.lastSuccess.set({ target: name }, rt.lastSuccess / 1000);
    } catch (e) {
      rt.consecutiveFailures++;
      const kind: ErrorKind = e instanceof PrometheusError || e instanceof ClockError ? e.kind : 'bad_response';
      rt.lastError = (e as Error).message;
      rt.lastErrorKind = kind;
      this.metrics.error(name, kind);
      const delay = backoffDelay(rt.consecutiveFailures, this.updateMs, ms(this.config.schedule.maxBackoff));
      rt.nextRunAt = this.clock() + delay;
      this.log.warn('update failed; serving the last forecasts as stale', {
        target: name,
        kind,
        failures: rt.consecutiveFailures,
        retryInMs: Math.round(delay),
        error: rt.lastError,
      });
    } finally {
      endTimer();
      this.persist(rt, false);
      this.refreshGauges(rt);
    }
  }

  private refreshGauges(rt: TargetRuntime): void {
    const name = rt.target.name;
    this.metrics.seriesCount.set({ target: name }, rt.states.size);
    this.metrics.stale.set({ target: name }, this.isStale(rt) ? 1 : 0);
  }

  /** Full fetch of the training window (and month to date) when needed, else only the new steps. */
  private async fetch(rt: TargetRuntime, now: number): Promise<void> {
    const { stepMs, windowMs, kind } = rt.target;
    const end = alignDown(now, stepMs);
    const month = monthBounds(now, this.config.site.timeZone);
    const full = rt.needsFullFetch || !Number.isFinite(rt.fetchedUntil) || end - rt.fetchedUntil > windowMs / 2;
    let start: number;
    if (full) {
      start = alignDown(now - windowMs, stepMs);
      if (isEnergyKind(kind)) {
        start = Math.min(start, alignDown(month.start, stepMs));
      }
      // Counters need one reading before the first step to turn into power.
      if (kind !== 'power' && isEnergyKind(kind)) {
        start -= stepMs;
      }
    } else {
      // At least the newest step is always queried: it refreshes a partly-filled step and tells at once whether
      // Prometheus still answers (staleness must not wait for the next step boundary).
      start = Math.min(rt.fetchedUntil + stepMs, end);
    }
    const results: RangeSeries[] = [];
    for (const [from, to] of rangeChunks(start, end, stepMs)) {
      results.push(...(await this.client.queryRange(rt.target.promql, from, to, stepMs)));
    }
    if (full) {
      this.clockGuard.confirmData(rt, results.length, now);
    }
    this.ingest(rt, results, full, now, month);
    rt.fetchedUntil = end;
    rt.needsFullFetch = false;
    rt.dirty = true;
  }

  private ingest(
    rt: TargetRuntime,
    results: RangeSeries[],
    full: boolean,
    now: number,
    month: { start: number; end: number }
  ): void {
    const { stepMs, windowMs, kind } = rt.target;
    const historyStart = alignDown(now - windowMs, stepMs);
    const energy = isEnergyKind(kind);
    const tariff = this.config.site.tariff as Tariff;
    const tz = this.config.site.timeZone;
    const peakCache = new Map<number, boolean>();
    const peak = (t: number) => {
      let p = peakCache.get(t);
      if (p === undefined) {
        p = isPeak(t - stepMs / 2, tariff, tz);
        peakCache.set(t, p);
      }
      return p;
    };
    // Merge chunked results per series.
    const bySeries = new Map<string, { labels: Record<string, string>; parts: RangeSeries[] }>();
    for (const r of results) {
      const labels = exportedLabels(r.metric);
      const key = seriesKey(labels);
      const entry = bySeries.get(key) ?? { labels, parts: [] };
      entry.parts.push(r);
      bySeries.set(key, entry);
    }
    rt.matchedSeries = bySeries.size;
    const seen = new Set<string>();
    let skipped = 0;
    for (const [key, { labels, parts }] of bySeries) {
      if (!inShard(labels, this.shard, rt.target.shardKey)) {
        continue;
      }
      let state = rt.states.get(key);
      if (!state) {
        if (rt.states.size >= this.config.training.maxSeriesPerTarget) {
          skipped++;
          continue;
        }
        state = this.newState(rt, key, labels);
        rt.states.set(key, state);
        if (!full) {
          // A new series mid-stream: fetch its whole history next cycle.
          rt.needsFullFetch = true;
        }
      }
      seen.add(key);
      if (full) {
        state.history.clear();
        state.lastRaw = NaN;
        state.lastRawT = NaN;
        state.month = undefined;
        if (rt.target.anomaly) {
          state.anomaly = new StreamingAnomalyScorer({ stepMs });
          state.anomalyEvents = [];
        }
      }
      for (const part of parts) {
        for (let i = 0; i < part.timestamps.length; i++) {
          const t = part.timestamps[i];
          const v = toModelValue(state, kind, t, part.values[i]);
          if (energy) {
            addEnergy(state, t, v, stepMs, month, peak(t));
          }
          if (t < historyStart) {
            continue;
          }
          if (!state.history.push(t, v)) {
            continue;
          }
          if (state.forecast && t > state.forecast.origin) {
            correctLevel(state, t, v);
          }
          scorePoint(state, t, v);
        }
      }
    }
    if (skipped > 0) {
      this.metrics.errors.inc({ target: rt.target.name, kind: 'too_many_series' }, skipped);
      this.log.warn('series over training.maxSeriesPerTarget skipped', { target: rt.target.name, skipped });
    }
    // Series gone from Prometheus for a whole window are dropped.
    for (const [key, state] of rt.states) {
      const gone = full ? !seen.has(key) : state.history.lastT < now - windowMs;
      if (gone) {
        rt.states.delete(key);
      }
    }
  }

  /** Refits the series that are due, yielding to the event loop between slices. */
  private async refitDue(rt: TargetRuntime): Promise<void> {
    const now = this.clock();
    const candidates = [...rt.states.values()]
      .filter((s) => s.history.length > 0)
      .map((s) => ({ key: s.key, fittedAt: s.fittedAt, phaseMs: s.phaseMs }));
    const due = dueForRefit(candidates, now, this.refitMs);
    const settings = {
      kind: rt.target.kind,
      pathSteps: rt.pathSteps,
      level: this.config.training.level,
      method: rt.target.trainingMethod,
      reselectMs: ms(this.config.schedule.reselect),
      replaySteps: replaySteps(rt.target.stepMs),
    };
    let sliceStart = performance.now();
    for (const key of due) {
      const state = rt.states.get(key);
      if (!state) {
        continue;
      }
      const endTimer = this.metrics.fitDuration.startTimer({ target: rt.target.name });
      try {
        fitSeries(state, settings, this.clock());
        this.metrics.fits.inc({ target: rt.target.name });
        rt.dirty = true;
      } catch (e) {
        // Keep the previous forecast; try again at the next refit.
        state.fittedAt = this.clock();
        rt.lastFitError = e as Error;
        this.metrics.error(rt.target.name, 'fit_error');
        this.log.warn('refit failed; keeping the previous forecast', {
          target: rt.target.name,
          series: key,
          error: (e as Error).message,
        });
      } finally {
        endTimer();
      }
      if (performance.now() - sliceStart > FIT_SLICE_MS) {
        await new Promise((r) => setImmediate(r));
        sliceStart = performance.now();
      }
    }
  }

  private persist(rt: TargetRuntime, force: boolean): void {
    this.persistence.persist(rt, this.clock(), force);
  }

  target(name: string): TargetRuntime | undefined {
    return this.targets.find((t) => t.target.name === name);
  }
}

/** Splits [start, end] on a step grid into query ranges of at most MAX_POINTS_PER_SERIES points. */
export function rangeChunks(
  start: number,
  end: number,
  stepMs: number,
  maxPoints = MAX_POINTS_PER_SERIES
): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const span = (maxPoints - 1) * stepMs;
  for (let from = start; from <= end; from += span + stepMs) {
    out.push([from, Math.min(end, from + span)]);
  }
  return out;
}
