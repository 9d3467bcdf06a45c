// Folding one fetch into a target's series: group the query's results by series, admit the series this shard
// owns (within the per-target limit), reset them on a full fetch, feed each point to history, energy, level
// correction and anomaly scoring, report the series new since the last fetch (discovery.ts fetches their
// history), and drop the series Prometheus no longer returns.
import { isEnergyKind } from './config';
import { isGone } from './discovery';
import type { FetchPlan } from './fetchPlan';
import { exportedLabels, inShard, seriesKey, Shard } from './labels';
import { isPeak, stepMiddle, StreamingAnomalyScorer, Tariff } from './ml';
import { RangeSeries } from './prometheus';
import { alignDown } from './schedule';
import { addEnergy, correctLevel, scorePoint, SeriesState, toModelValue } from './series';
import type { TargetRuntime } from './targetRuntime';

export interface IngestContext {
  now: number;
  shard: Shard;
  /** Most series kept per target (training.maxSeriesPerTarget). */
  maxSeries: number;
  tariff: Tariff;
  timeZone: string;
  newSeries: (key: string, labels: Record<string, string>) => SeriesState;
  /** A series with no sample for this long is dropped (discovery.effectiveDropAfter). */
  dropAfterMs: number;
  /**
   * Only these series (a history fetch for new series, discovery.ts): others in the results are ignored, none is
   * dropped for being absent, and the plan's window rebuilds just these.
   */
  only?: Set<string>;
}

/** A series first returned by an update (not a full fetch): its history is still to be fetched. */
export interface DiscoveredSeries {
  key: string;
  /** Its labels as Prometheus returned them, to ask for it alone. */
  metric: Record<string, string>;
}

export interface IngestOutcome {
  /** New series left out because the target already holds maxSeries. */
  skipped: number;
  discovered: DiscoveredSeries[];
  dropped: number;
}

interface SeriesParts {
  labels: Record<string, string>;
  metric: Record<string, string>;
  parts: RangeSeries[];
}

export function ingest(rt: TargetRuntime, results: RangeSeries[], plan: FetchPlan, ctx: IngestContext): IngestOutcome {
  const bySeries = groupBySeries(results);
  if (!ctx.only) {
    rt.matchedSeries = bySeries.size;
  }
  const addPoint = pointSink(rt, plan, ctx);
  const seen = new Set<string>();
  const discovered: DiscoveredSeries[] = [];
  let skipped = 0;
  for (const [key, { labels, metric, parts }] of bySeries) {
    const mine = rt.target.shardBy === 'query' || inShard(labels, ctx.shard, rt.target.shardKey);
    if ((ctx.only && !ctx.only.has(key)) || !mine) {
      continue;
    }
    const known = rt.states.has(key);
    const state = admitSeries(rt, key, labels, ctx);
    if (!state) {
      skipped++;
      continue;
    }
    seen.add(key);
    if (!known && !plan.full) {
      discovered.push({ key, metric });
    }
    if (plan.full) {
      resetForFullFetch(state, rt.target.anomaly, rt.target.stepMs);
    }
    for (const part of parts) {
      for (let i = 0; i < part.timestamps.length; i++) {
        addPoint(state, part.timestamps[i], part.values[i]);
      }
    }
  }
  const dropped = dropGoneSeries(rt, seen, plan.full && !ctx.only, ctx);
  return { skipped, discovered, dropped };
}

/** A query's results per series: a range fetched in chunks comes back as one part per chunk. */
export function groupBySeries(results: RangeSeries[]): Map<string, SeriesParts> {
  const bySeries = new Map<string, SeriesParts>();
  for (const r of results) {
    const labels = exportedLabels(r.metric);
    const key = seriesKey(labels);
    const entry = bySeries.get(key) ?? { labels, metric: r.metric, parts: [] };
    entry.parts.push(r);
    bySeries.set(key, entry);
  }
  return bySeries;
}

/** The series' state, created if the target has room; undefined when it is over the limit. */
function admitSeries(
  rt: TargetRuntime,
  key: string,
  labels: Record<string, string>,
  ctx: IngestContext
): SeriesState | undefined {
  const known = rt.states.get(key);
  if (known) {
    return known;
  }
  if (rt.states.size >= ctx.maxSeries) {
    return undefined;
  }
  const state = ctx.newSeries(key, labels);
  rt.states.set(key, state);
  return state;
}

/** A full fetch rebuilds history, counter readings, month energy and anomaly scoring from scratch. */
function resetForFullFetch(state: SeriesState, anomaly: boolean | undefined, stepMs: number): void {
  state.history.clear();
  state.lastRaw = NaN;
  state.lastRawT = NaN;
  state.month = undefined;
  if (anomaly) {
    state.anomaly = new StreamingAnomalyScorer({ stepMs });
    state.anomalyEvents = [];
  }
}

/**
 * What one observation does to a series: energy for the month (also before the training window), then
 * history, the forecast's level correction after its origin, and the anomaly score; repeats are skipped.
 */
function pointSink(rt: TargetRuntime, plan: FetchPlan, ctx: IngestContext) {
  const { stepMs, windowMs, kind } = rt.target;
  const historyStart = alignDown(ctx.now - windowMs, stepMs);
  const energy = isEnergyKind(kind);
  const peak = peakLookup(ctx.tariff, ctx.timeZone, stepMs);
  return (state: SeriesState, t: number, raw: number) => {
    if (!(t <= state.lastSeenT)) {
      state.lastSeenT = t;
    }
    const v = toModelValue(state, kind, t, raw);
    if (energy) {
      addEnergy(state, t, v, stepMs, plan.month, peak(t));
    }
    if (t < historyStart || !state.history.push(t, v)) {
      return;
    }
    if (state.forecast && t > state.forecast.origin) {
      correctLevel(state, t, v);
    }
    scorePoint(state, t, v);
  };
}

/** Whether the step ending at t lies in the tariff's peak window, remembered per step (every series shares it). */
function peakLookup(tariff: Tariff, timeZone: string, stepMs: number): (t: number) => boolean {
  const cache = new Map<number, boolean>();
  return (t) => {
    let p = cache.get(t);
    if (p === undefined) {
      p = isPeak(stepMiddle(t, stepMs), tariff, timeZone);
      cache.set(t, p);
    }
    return p;
  };
}

/** Series absent from a full fetch, or without a sample for dropAfter, are dropped; returns how many. */
function dropGoneSeries(rt: TargetRuntime, seen: Set<string>, full: boolean, ctx: IngestContext): number {
  let dropped = 0;
  for (const [key, state] of rt.states) {
    if (ctx.only && !ctx.only.has(key)) {
      continue;
    }
    if (!(full && !seen.has(key)) && !isGone(state.lastSeenT, ctx.now, ctx.dropAfterMs)) {
      continue;
    }
    rt.states.delete(key);
    dropped++;
  }
  return dropped;
}
