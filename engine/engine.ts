// The engine's orchestration: per target, fetch its data from Prometheus (targetFetch: history, new series,
// per-series thresholds), refit what is due (refit), persist, and degrade to stale-but-served forecasts when
// Prometheus fails; then the recommendation rules when due. Target and series state are built in targetRuntime;
// targets from Grafana rules come and go.
import { EngineConfig, ms, resolveTarget, TargetConfig } from './config';
import { Shard } from './labels';
import { EngineMetrics, ErrorKind } from './metrics';
import { recommend, Recommendation } from './ml';
import { PrometheusClient, PrometheusError } from './prometheus';
import { backoffDelay } from './schedule';
import { SeriesState } from './series';
import { Logger } from './log';
import { buildRecommendationInput, roleTargetNames } from './recommendations';
import { ClockError, ClockGuard } from './clockGuard';
import { StatePersistence } from './statePersistence';
import { refitDue } from './refit';
import { FleetService } from './fleet/fleetService';
import { newTargetRuntime, newTargetSeries, TargetRuntime } from './targetRuntime';
import { TargetFetch } from './targetFetch';
import { RuleTargetSource, RuleTargetSync } from './ruleTargetSync';

export type { RuleTargetSource } from './ruleTargetSync';

export interface EngineOptions {
  config: EngineConfig;
  shard?: Shard;
  clock?: () => number;
  client?: PrometheusClient;
  log?: Logger;
  metrics?: EngineMetrics;
  ruleTargets?: RuleTargetSource;
}

export class Engine {
  readonly config: EngineConfig;
  readonly shard: Shard;
  /** The YAML targets, then the targets of Grafana rules (added and removed between rounds of cycles). */
  readonly targets: TargetRuntime[];
  readonly metrics: EngineMetrics;
  readonly clock: () => number;
  private readonly fetcher: TargetFetch;
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
  private readonly fleet?: FleetService;
  private readonly ruleTargets?: RuleTargetSync;

  constructor(options: EngineOptions) {
    this.config = options.config;
    this.shard = options.shard ?? { index: 0, total: 1 };
    this.clock = options.clock ?? Date.now;
    this.log = options.log ?? new Logger('silent');
    this.metrics = options.metrics ?? new EngineMetrics();
    const p = this.config.prometheus;
    this.updateMs = ms(this.config.schedule.update);
    this.refitMs = ms(this.config.schedule.refit);
    this.clockGuard = new ClockGuard(this.metrics, this.log, this.updateMs);
    this.fetcher = new TargetFetch({
      config: this.config,
      client:
        options.client ??
        new PrometheusClient({
          url: p.url,
          timeoutMs: ms(p.timeout),
          retries: p.retries,
          retryDelayMs: ms(p.retryDelay),
          headers: p.headers,
        }),
      shard: this.shard,
      clockGuard: this.clockGuard,
      metrics: this.metrics,
      log: this.log,
      updateMs: this.updateMs,
      newState: (rt, key, labels) => this.newState(rt, key, labels),
    });
    this.persistence = new StatePersistence(this.config.stateDir, this.metrics, this.log);
    if (this.config.fleet.enabled) {
      this.fleet = new FleetService(
        this.config.fleet,
        this.config.stateDir,
        this.metrics.registry,
        this.log,
        this.clock
      );
    }
    const timing = { updateMs: this.updateMs, refitMs: this.refitMs };
    this.targets = this.config.targets.map((t) =>
      newTargetRuntime(resolveTarget(t, this.config.training), this.shard, timing)
    );
    if (options.ruleTargets) {
      this.ruleTargets = new RuleTargetSync(options.ruleTargets, {
        targets: this.targets,
        yamlNames: new Set(this.config.targets.map((t) => t.name)),
        stateDir: this.config.stateDir,
        metrics: this.metrics,
        log: this.log,
        build: (t) => this.ruleTarget(t, timing),
      });
    }
    this.metrics.info.set({ shard: String(this.shard.index), shards: String(this.shard.total) }, 1);
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

  /** A Grafana rule's target, its saved state loaded (as loadState does for YAML targets at start-up). */
  private ruleTarget(t: TargetConfig, timing: { updateMs: number; refitMs: number }): TargetRuntime {
    const rt = newTargetRuntime(resolveTarget(t, this.config.training), this.shard, timing, 'rule');
    const now = this.clock();
    const saved = this.persistence.load(rt, now, (key, labels) => this.newState(rt, key, labels));
    if (saved) {
      this.clockGuard.checkLoaded(rt, saved, now);
    }
    return rt;
  }

  private newState(rt: TargetRuntime, key: string, labels: Record<string, string>): SeriesState {
    return newTargetSeries(rt, key, labels, this.refitMs);
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
    this.ruleTargets?.apply();
    if (this.clockGuard.check(this.targets, this.clock())?.direction === 'backward') {
      this.recommendationsAt = -Infinity;
    }
    let ran = false;
    for (const rt of [...this.targets]) {
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
    const names = roleTargetNames(roles);
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
      await this.fetcher.update(rt, started);
      await this.fetcher.refreshThresholds(rt, started);
      await this.refitDue(rt);
      // Trains in a worker thread; the cycle does not wait for it.
      void this.fleet?.retrainIfDue(rt);
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
    this.metrics.seriesCapped.set({ target: name }, rt.capped);
    this.metrics.stale.set({ target: name }, this.isStale(rt) ? 1 : 0);
  }

  private refitDue(rt: TargetRuntime): Promise<void> {
    return refitDue(rt, {
      clock: this.clock,
      refitMs: this.refitMs,
      reselectMs: ms(this.config.schedule.reselect),
      level: this.config.training.level,
      metrics: this.metrics,
      log: this.log,
      fleet: this.fleet,
    });
  }

  private persist(rt: TargetRuntime, force: boolean): void {
    this.persistence.persist(rt, this.clock(), force);
  }

  target(name: string): TargetRuntime | undefined {
    return this.targets.find((t) => t.target.name === name);
  }
}
