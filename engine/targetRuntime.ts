// A target's runtime state (its series, fetch and fit bookkeeping, health) and how it and its series' states
// are built from the configuration: the data every other engine module reads and updates.
import { ResolvedTarget } from './config';
import { Shard, shardHash } from './labels';
import { ErrorKind } from './metrics';
import { StreamingAnomalyScorer } from './ml';
import { chooseStep, forecastPathSteps, MAX_POINTS_PER_SERIES, refitPhase } from './schedule';
import { newSeriesState, SeriesState } from './series';
import { definitionHash } from './store';
import type { ThresholdTable } from './seriesThresholds';

/** Where a target comes from: the YAML configuration, or a Grafana alert rule (engine/ruleTargets.ts). */
export type TargetOrigin = 'config' | 'rule';

export interface TargetRuntime {
  target: ResolvedTarget;
  origin: TargetOrigin;
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
  /** Series of this shard left out in the last fetch because the target holds training.maxSeriesPerTarget. */
  capped: number;
  /** Thresholds per series from `thresholdFrom`, as last read from Prometheus. */
  thresholds?: ThresholdTable;
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

/** The engine's cycle lengths, which size a target's forecast path and spread its refits. */
export interface EngineTiming {
  updateMs: number;
  refitMs: number;
}

export function newTargetRuntime(
  target: ResolvedTarget,
  shard: Shard,
  timing: EngineTiming,
  origin: TargetOrigin = 'config'
): TargetRuntime {
  // The configured step, coarsened when the window would exceed Prometheus' points per query.
  const stepMs = chooseStep(target.windowMs, target.stepMs);
  const maxHorizon = Math.max(...target.horizonsMs);
  return {
    target: { ...target, stepMs },
    origin,
    definition: definitionHash({
      promql: target.promql,
      kind: target.kind,
      stepMs,
      shard,
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
    capped: 0,
    nextRunAt: 0,
    lastPersist: -Infinity,
    dirty: false,
    pathSteps: forecastPathSteps(maxHorizon, timing.refitMs, timing.updateMs, stepMs),
    capacity: Math.min(MAX_POINTS_PER_SERIES, Math.floor(target.windowMs / stepMs) + 1),
  };
}

/** A new series of the target: empty history, its refit phase spread by its shard hash, a scorer if wanted. */
export function newTargetSeries(
  rt: TargetRuntime,
  key: string,
  labels: Record<string, string>,
  refitMs: number
): SeriesState {
  const hash = shardHash(labels, rt.target.shardKey);
  const state = newSeriesState(key, labels, hash, rt.capacity, rt.target.stepMs, refitPhase(hash, refitMs));
  if (rt.target.anomaly) {
    state.anomaly = new StreamingAnomalyScorer({ stepMs: rt.target.stepMs });
  }
  return state;
}
