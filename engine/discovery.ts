// A target is a selector: every series its query returns is forecast. This module holds the two rules that make
// that work between full fetches: a series that appears mid-stream gets its training window from a query for it
// alone (the target's query filtered to its labels), and a series silent for `discovery.dropAfter` is dropped.
import { Labels } from './labels';

/** Label sets per history query: each query re-evaluates the target's expression, so few but not huge ones. */
export const HISTORY_BATCH = 50;
/** Beyond this many new series in one update, one full fetch is cheaper for Prometheus than the batches. */
export const MAX_TARGETED_SERIES = 4 * HISTORY_BATCH;

/** A PromQL string literal (Go escapes, which JSON's are a subset of for these characters). */
function promString(value: string): string {
  return JSON.stringify(value);
}

/**
 * The target's query restricted to the series with these label sets, whatever the query is (a selector, a
 * `sum by`, a `rate`): `(<promql>) and on(<labels>) (<one vector(1) per series, labelled as it>)`. A label a
 * series lacks is absent from its vector too, so it matches only series without it. `__name__` is left out: the
 * engine tells series apart without it (labels.ts exportedLabels).
 */
export function historyQuery(promql: string, metrics: Labels[]): string {
  if (metrics.length === 0) {
    throw new Error('historyQuery needs at least one series');
  }
  const names = new Set<string>();
  const vectors = metrics.map((metric) => {
    let v = 'vector(1)';
    for (const [name, value] of Object.entries(metric)) {
      if (name === '__name__' || value === '') {
        continue;
      }
      names.add(name);
      v = `label_replace(${v}, ${promString(name)}, ${promString(value)}, "", "")`;
    }
    return v;
  });
  return `(${promql}) and on(${[...names].sort().join(', ')}) (${vectors.join(' or ')})`;
}

/** Splits a list into batches of at most `size`. */
export function batches<T>(items: T[], size = HISTORY_BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

/**
 * How long a series may go without a sample before it is dropped: the configured `discovery.dropAfter`, but never
 * less than two steps plus one update, since a series present at every scrape can still be a step plus an update
 * behind (query_range answers on the step grid, and the engine asks once per update).
 */
export function effectiveDropAfter(configuredMs: number, stepMs: number, updateMs: number): number {
  return Math.max(configuredMs, 2 * stepMs + updateMs);
}

/** Whether a series last seen at lastSeenT is gone at now (a series never seen yet is not: it waits a full fetch). */
export function isGone(lastSeenT: number, now: number, dropAfterMs: number): boolean {
  return Number.isFinite(lastSeenT) && lastSeenT < now - dropAfterMs;
}
