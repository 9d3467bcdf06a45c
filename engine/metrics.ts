// The engine's /metrics: its own health (prom-client's typed metrics) plus per-series gauges whose label sets
// come from the data (series labels differ per target), produced on each scrape from the engine's state.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Metric, Registry } from 'prom-client';
import { Labels } from './labels';

export interface GaugeSample {
  labels: Labels;
  value: number;
}

/**
 * A gauge whose samples are computed at scrape time and may carry any labels (prom-client's Gauge needs the
 * label names up front). Registered through prom-client's registry, which formats and escapes them.
 */
class DynamicGauge {
  readonly type = 'gauge';
  readonly aggregator = 'sum';

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly collect: () => GaugeSample[]
  ) {}

  async get() {
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values: this.collect() };
  }

  reset(): void {}
}

export type ErrorKind =
  | 'prometheus_unreachable'
  | 'prometheus_timeout'
  | 'prometheus_unavailable'
  | 'query_rejected'
  | 'bad_response'
  | 'fit_error'
  | 'too_many_series'
  | 'state_corrupt'
  | 'state_old_version'
  | 'state_other_definition'
  | 'state_write_failed'
  | 'recommendation_error'
  /** The wall clock jumped (engine/clockGuard.ts). */
  | 'clock'
  /** A target's thresholdFrom query failed (its last thresholds are kept). */
  | 'threshold_query'
  /** Grafana's alert rules could not be read (the last rule targets are kept). */
  | 'grafana_unreachable'
  /** A managed Grafana rule breaks the contract of engine/ruleTargets.ts (counted once per rule and problem). */
  | 'rule_invalid'
  /** A managed Grafana rule names a target the YAML configuration already has. */
  | 'rule_name_clash';

export class EngineMetrics {
  readonly registry = new Registry();
  readonly fitDuration: Histogram<'target'>;
  readonly cycleDuration: Histogram<'target'>;
  readonly errors: Counter<'target' | 'kind'>;
  readonly fits: Counter<'target'>;
  readonly lastSuccess: Gauge<'target'>;
  readonly seriesCount: Gauge<'target'>;
  readonly seriesCapped: Gauge<'target'>;
  readonly stale: Gauge<'target'>;
  readonly info: Gauge<'shard' | 'shards'>;
  readonly httpRequests: Counter<'handler' | 'code'>;
  readonly httpHandlerErrors: Counter<'handler'>;

  constructor() {
    const registers = [this.registry];
    this.fitDuration = new Histogram({
      name: 'ecoti_engine_fit_duration_seconds',
      help: 'Time to refit one series (forecast model choice, backtest and bands).',
      labelNames: ['target'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.cycleDuration = new Histogram({
      name: 'ecoti_engine_cycle_duration_seconds',
      help: 'Time of one update cycle of a target (query, scoring, due refits, persistence).',
      labelNames: ['target'],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 120],
      registers,
    });
    this.errors = new Counter({
      name: 'ecoti_engine_errors_total',
      help: 'Errors by target and kind.',
      labelNames: ['target', 'kind'],
      registers,
    });
    this.fits = new Counter({
      name: 'ecoti_engine_fits_total',
      help: 'Series refits.',
      labelNames: ['target'],
      registers,
    });
    this.lastSuccess = new Gauge({
      name: 'ecoti_engine_last_success_timestamp_seconds',
      help: 'When a target last completed an update cycle (data fetched, due refits done).',
      labelNames: ['target'],
      registers,
    });
    this.seriesCount = new Gauge({
      name: 'ecoti_engine_series',
      help: 'Series handled by this engine replica, per target.',
      labelNames: ['target'],
      registers,
    });
    this.seriesCapped = new Gauge({
      name: 'ecoti_engine_series_capped',
      help: 'Series of a target left out at the last update because it holds training.maxSeriesPerTarget (0: none).',
      labelNames: ['target'],
      registers,
    });
    this.stale = new Gauge({
      name: 'ecoti_target_stale',
      help: '1 when the forecasts of a target are not fresh: the last refresh failed or is older than schedule.staleAfter.',
      labelNames: ['target'],
      registers,
    });
    this.info = new Gauge({
      name: 'ecoti_engine_info',
      help: 'Engine replica: its shard and the number of shards.',
      labelNames: ['shard', 'shards'],
      registers,
    });
    this.httpRequests = new Counter({
      name: 'ecoti_engine_http_requests_total',
      help: 'HTTP requests answered, by handler (metrics, api, healthz, readyz, other; unparsed: rejected by the HTTP parser) and status code.',
      labelNames: ['handler', 'code'],
      registers,
    });
    this.httpHandlerErrors = new Counter({
      name: 'ecoti_engine_http_handler_errors_total',
      help: 'Exceptions inside an HTTP handler, answered 500 and logged (a bug to report: the engine keeps serving).',
      labelNames: ['handler'],
      registers,
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'ecoti_engine_' });
  }

  /** Registers a per-series gauge computed at scrape time. */
  dynamicGauge(name: string, help: string, collect: () => GaugeSample[]): void {
    this.registry.registerMetric(new DynamicGauge(name, help, collect) as unknown as Metric<string>);
  }

  error(target: string, kind: ErrorKind): void {
    this.errors.inc({ target, kind });
  }

  /** Removes a target's own series (a Grafana rule target that went away); its error counts stay. */
  forgetTarget(target: string): void {
    for (const m of [
      this.lastSuccess,
      this.seriesCount,
      this.seriesCapped,
      this.stale,
      this.fits,
      this.fitDuration,
      this.cycleDuration,
    ]) {
      m.remove({ target });
    }
  }
}
