// A target's data for one update cycle: what it needs from Prometheus now (fetchPlan) folded into its series
// (ingest), the history of series that just appeared (discovery), and its per-series thresholds (seriesThresholds).
// Failures of the main fetch are thrown for the cycle to count and back off; a failed threshold query is not.
import { EngineConfig, ms } from './config';
import { ClockGuard } from './clockGuard';
import { batches, effectiveDropAfter, historyQuery, MAX_TARGETED_SERIES } from './discovery';
import { FetchPlan, planFetch, queryPlan } from './fetchPlan';
import { DiscoveredSeries, ingest, IngestContext } from './ingest';
import { Shard } from './labels';
import { Logger } from './log';
import { EngineMetrics } from './metrics';
import { Tariff } from './ml';
import { PrometheusClient } from './prometheus';
import { SeriesState } from './series';
import { thresholdTable } from './seriesThresholds';
import type { TargetRuntime } from './targetRuntime';

export interface TargetFetchOptions {
  config: EngineConfig;
  client: PrometheusClient;
  shard: Shard;
  clockGuard: ClockGuard;
  metrics: EngineMetrics;
  log: Logger;
  updateMs: number;
  newState: (rt: TargetRuntime, key: string, labels: Record<string, string>) => SeriesState;
}

export class TargetFetch {
  private readonly dropAfterMs: number;

  constructor(private readonly o: TargetFetchOptions) {
    this.dropAfterMs = ms(o.config.discovery.dropAfter);
  }

  /** Fetches what the target needs now and folds it into its series; then the history of series new to it. */
  async update(rt: TargetRuntime, now: number): Promise<void> {
    const plan = planFetch(rt, now, this.o.config.site.timeZone);
    const results = await queryPlan(this.o.client, rt, plan);
    if (plan.full) {
      this.o.clockGuard.confirmData(rt, results.length, now);
    }
    const { skipped, discovered, dropped } = ingest(rt, results, plan, this.ingestContext(rt, now));
    rt.capped = skipped;
    if (skipped > 0) {
      this.o.metrics.errors.inc({ target: rt.target.name, kind: 'too_many_series' }, skipped);
      this.o.log.warn('series over training.maxSeriesPerTarget skipped', { target: rt.target.name, skipped });
    }
    if (dropped > 0) {
      this.o.log.info('series without a sample for discovery.dropAfter dropped', { target: rt.target.name, dropped });
    }
    rt.fetchedUntil = plan.end;
    rt.needsFullFetch = false;
    rt.dirty = true;
    if (discovered.length > 0) {
      await this.fetchHistory(rt, discovered, now, plan);
    }
  }

  /** Reads the target's per-series thresholds (thresholdFrom); a failure keeps the last ones and is counted. */
  async refreshThresholds(rt: TargetRuntime, now: number): Promise<void> {
    const from = rt.target.thresholdFrom;
    if (from?.promql === undefined) {
      return;
    }
    try {
      rt.thresholds = thresholdTable(await this.o.client.query(from.promql, now), from.match, now);
      if (rt.thresholds.ambiguous.size > 0) {
        this.o.log.warn('thresholdFrom returned several values for the same match labels; those series get none', {
          target: rt.target.name,
          match: from.match,
          ambiguous: [...rt.thresholds.ambiguous].slice(0, 10),
        });
      }
    } catch (e) {
      this.o.metrics.error(rt.target.name, 'threshold_query');
      this.o.log.warn('thresholdFrom query failed; keeping the last thresholds', {
        target: rt.target.name,
        error: (e as Error).message,
      });
    }
  }

  private ingestContext(rt: TargetRuntime, now: number): IngestContext {
    return {
      now,
      shard: this.o.shard,
      maxSeries: this.o.config.training.maxSeriesPerTarget,
      tariff: this.o.config.site.tariff as Tariff,
      timeZone: this.o.config.site.timeZone,
      newSeries: (key, labels) => this.o.newState(rt, key, labels),
      dropAfterMs: effectiveDropAfter(this.dropAfterMs, rt.target.stepMs, this.o.updateMs),
    };
  }

  /**
   * The training window of series that appeared in this update, fetched for them alone so they are fitted in this
   * very cycle; many at once (MAX_TARGETED_SERIES) make one full fetch instead. If it fails, the next update is a
   * full fetch (the new series are known by then, so nothing else would fetch their history).
   */
  private async fetchHistory(rt: TargetRuntime, discovered: DiscoveredSeries[], now: number, update: FetchPlan) {
    const full = planFetch({ ...rt, needsFullFetch: true }, now, this.o.config.site.timeZone);
    const plan: FetchPlan = { ...full, end: update.end };
    try {
      if (discovered.length > MAX_TARGETED_SERIES) {
        const results = await queryPlan(this.o.client, rt, plan);
        ingest(rt, results, plan, this.ingestContext(rt, now));
      } else {
        for (const batch of batches(discovered)) {
          const promql = historyQuery(
            rt.target.promql,
            batch.map((d) => d.metric)
          );
          const results = await queryPlan(this.o.client, { ...rt, target: { ...rt.target, promql } }, plan);
          ingest(rt, results, plan, { ...this.ingestContext(rt, now), only: new Set(batch.map((d) => d.key)) });
        }
      }
      this.o.log.info('new series found; history fetched', { target: rt.target.name, series: discovered.length });
    } catch (e) {
      rt.needsFullFetch = true;
      throw e;
    }
  }
}
