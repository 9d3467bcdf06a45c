// What a target's update cycle asks Prometheus for: the whole training window (and the month to date for
// energy) when its history must be rebuilt, else only the steps since the last fetch; in queries Prometheus takes.
import { isEnergyKind } from './config';
import { PrometheusClient, RangeSeries } from './prometheus';
import { alignDown, MAX_POINTS_PER_SERIES, monthBounds } from './schedule';
import type { TargetRuntime } from './targetRuntime';

export interface FetchPlan {
  /** Whether the history is rebuilt from scratch (first fetch, a new series, or too long a gap). */
  full: boolean;
  start: number;
  /** Newest grid time queried (now aligned down to the step). */
  end: number;
  /** The calendar month of `now` in the site's time zone, which energy totals accumulate. */
  month: { start: number; end: number };
}

export function planFetch(rt: TargetRuntime, now: number, timeZone: string): FetchPlan {
  const { stepMs, windowMs, kind } = rt.target;
  const end = alignDown(now, stepMs);
  const month = monthBounds(now, timeZone);
  const full = rt.needsFullFetch || !Number.isFinite(rt.fetchedUntil) || end - rt.fetchedUntil > windowMs / 2;
  if (!full) {
    // At least the newest step is always queried: it refreshes a partly-filled step and tells at once whether
    // Prometheus still answers (staleness must not wait for the next step boundary).
    return { full, start: Math.min(rt.fetchedUntil + stepMs, end), end, month };
  }
  let start = alignDown(now - windowMs, stepMs);
  if (isEnergyKind(kind)) {
    start = Math.min(start, alignDown(month.start, stepMs));
  }
  // Counters need one reading before the first step to turn into power.
  if (kind !== 'power' && isEnergyKind(kind)) {
    start -= stepMs;
  }
  return { full, start, end, month };
}

/** Runs the plan's range query in chunks under Prometheus' points limit, one after another. */
export async function queryPlan(client: PrometheusClient, rt: TargetRuntime, plan: FetchPlan): Promise<RangeSeries[]> {
  const { promql, stepMs } = rt.target;
  const results: RangeSeries[] = [];
  for (const [from, to] of rangeChunks(plan.start, plan.end, stepMs)) {
    results.push(...(await client.queryRange(promql, from, to, stepMs)));
  }
  return results;
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
