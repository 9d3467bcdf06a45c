// Folding one fetch into a target's series: group the query's results by series, admit the series this shard
// owns (within the per-target limit), reset them on a full fetch, feed each point to history, energy, level
// correction and anomaly scoring, and drop the series Prometheus no longer returns.
import { isEnergyKind } from './config';
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
}

export interface IngestOutcome {
  /** New series left out because the target already holds maxSeries. */
  skipped: number;
}

interface SeriesParts {
  labels: Record<string, string>;
  parts: RangeSeries[];
}

export function ingest(rt: TargetRuntime, results: RangeSeries[], plan: FetchPlan, ctx: IngestContext): IngestOutcome {
  const bySeries = groupBySeries(results);
  rt.matchedSeries = bySeries.size;
  const addPoint = pointSink(rt, plan, ctx);
  const seen = new Set<string>();
  let skipped = 0;
  for (const [key, { labels, parts }] of bySeries) {
    if (!inShard(labels, ctx.shard, rt.target.shardKey)) {
      continue;
    }
    const state = admitSeries(rt, key, labels, plan.full, ctx);
    if (!state) {
      skipped++;
      continue;
    }
    seen.add(key);
    if (plan.full) {
      resetForFullFetch(state, rt.target.anomaly, rt.target.stepMs);
    }
    for (const part of parts) {
      for (let i = 0; i < part.timestamps.length; i++) {
        addPoint(state, part.timestamps[i], part.values[i]);
      }
    }
  }
  dropGoneSeries(rt, seen, plan.full, ctx.now);
  return { skipped };
}

/** A query's results per series: a range fetched in chunks comes back as one part per chunk. */
export function groupBySeries(results: RangeSeries[]): Map<string, SeriesParts> {
  const bySeries = new Map<string, SeriesParts>();
  for (const r of results) {
    const labels = exportedLabels(r.metric);
    const key = seriesKey(labels);
    const entry = bySeries.get(key) ?? { labels, parts: [] };
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
  full: boolean,
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
  if (!full) {
    // A new series mid-stream: fetch its whole history next cycle.
    rt.needsFullFetch = true;
  }
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

/** Series absent from a full fetch, or without a point for a whole window, are dropped. */
function dropGoneSeries(rt: TargetRuntime, seen: Set<string>, full: boolean, now: number): void {
  for (const [key, state] of rt.states) {
    const gone = full ? !seen.has(key) : state.history.lastT < now - rt.target.windowMs;
    if (gone) {
      rt.states.delete(key);
    }
  }
}
