// The threshold each forecast series counts down to: one value from the config (`threshold`), or, with
// `thresholdFrom`, the value of the capacity series Prometheus returns with the same values of the `match` labels
// (a rack's capacity for that rack's power), or the number in a label of the series itself. A series without
// exactly one such capacity has no threshold, so no time to threshold: a missing capacity is never replaced by a
// wrong one.
import type { InstantSample } from './prometheus';
import { Labels, RESERVED_LABELS } from './labels';

export interface ThresholdTable {
  /** Capacity per values of the match labels (matchKey). */
  byMatch: Map<string, number>;
  /** Match keys that more than one capacity series carries: no threshold for them (which one would be a guess). */
  ambiguous: Set<string>;
  /** When the query answered (ms). */
  at: number;
}

export interface SeriesThreshold {
  value: number;
  direction: 'above' | 'below';
}

/** The values of the match labels, as one key (absent labels count as empty, as in PromQL). */
export function matchKey(labels: Labels, match: string[]): string {
  return JSON.stringify(match.map((name) => labels[name] ?? ''));
}

/** The forecast series' value of a match label: the engine exports a reserved name such as `unit` as `exported_unit`. */
function seriesLabels(labels: Labels, match: string[]): Labels {
  const out: Labels = {};
  for (const name of match) {
    const v = labels[RESERVED_LABELS.has(name) ? `exported_${name}` : name];
    if (v !== undefined) {
      out[name] = v;
    }
  }
  return out;
}

/** Indexes an instant query's result by its match labels; non-finite values are left out. */
export function thresholdTable(samples: InstantSample[], match: string[], at: number): ThresholdTable {
  const byMatch = new Map<string, number>();
  const ambiguous = new Set<string>();
  for (const s of samples) {
    if (!Number.isFinite(s.value)) {
      continue;
    }
    const key = matchKey(s.metric, match);
    if (byMatch.has(key) || ambiguous.has(key)) {
      byMatch.delete(key);
      ambiguous.add(key);
      continue;
    }
    byMatch.set(key, s.value);
  }
  return { byMatch, ambiguous, at };
}

/** The threshold of one series of a target, or undefined when it has none. */
export function seriesThreshold(
  target: {
    threshold?: SeriesThreshold;
    thresholdFrom?: { match: string[]; label?: string; direction: 'above' | 'below' };
  },
  table: ThresholdTable | undefined,
  labels: Labels
): SeriesThreshold | undefined {
  if (target.threshold) {
    return target.threshold;
  }
  if (target.thresholdFrom?.label !== undefined) {
    return labelThreshold(labels, target.thresholdFrom.label, target.thresholdFrom.direction);
  }
  if (!target.thresholdFrom || !table) {
    return undefined;
  }
  const { match, direction } = target.thresholdFrom;
  const value = table.byMatch.get(matchKey(seriesLabels(labels, match), match));
  return value === undefined ? undefined : { value, direction };
}

/** A decimal number in a label (capacity_watts="4600"); anything else is no threshold. */
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

function labelThreshold(labels: Labels, name: string, direction: 'above' | 'below'): SeriesThreshold | undefined {
  const text = labels[RESERVED_LABELS.has(name) ? `exported_${name}` : name]?.trim();
  const value = text !== undefined && NUMBER.test(text) ? Number(text) : NaN;
  return Number.isFinite(value) ? { value, direction } : undefined;
}
