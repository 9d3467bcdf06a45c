// What an analysis takes and gives, and the small helpers every kind of analysis shares to turn per-series results
// into frames, notices or the query's error.
import { DataFrame, QueryResultMetaNotice } from '@grafana/data';
import type { EcotiSettings } from '../../shared/settings';
import type { EcotiQuery } from '../types';
import type { UpstreamSeries } from '../frames/toSeries';
import type { SignalSeries } from './hostSignals';
import type { SeriesResult } from './computeSeries';
import type { DriverInput } from './explainSeries';
import type { TaskRunner } from './taskRunner';

export interface AnalysisInput {
  /** Complete and valid: migrated and checked by the caller. */
  query: EcotiQuery;
  /** Series of the main upstream query (predict, anomalies, trends). */
  series: UpstreamSeries[];
  /** Series per signal (recommendations, optimization). */
  signals?: SignalSeries;
  /** Series per driver query (drivers). */
  drivers?: DriverInput[];
  range: { from: number; to: number };
  /**
   * Set when the range ends in the future: forecasts reach this time (the horizon grows to it, up to the
   * longest horizon served) and stop there, so every forecast point lies inside the range.
   */
  forecastUntil?: number;
  settings: EcotiSettings;
  run: TaskRunner;
  /** For the evidence links of recommendations. */
  evidence: { query: string; upstreamUid: string };
}

export interface AnalysisOutput {
  frames: DataFrame[];
  notices: QueryResultMetaNotice[];
  /** Set when nothing could be computed: Grafana shows it as the query's error. */
  error?: string;
}

/** Per-series failures become warnings; the query fails only when every series failed. */
export function collect(results: SeriesResult[]): string[] {
  return results.flatMap((r) => (r.kind === 'error' ? [r.message] : []));
}

export function finish(frames: DataFrame[], problems: string[]): AnalysisOutput {
  if (frames.length === 0) {
    return {
      frames,
      notices: [],
      error: problems.length ? problems.join('\n') : 'Nothing could be computed for this query.',
    };
  }
  return { frames, notices: problems.map(warning) };
}

export function within(s: { timestamps: ArrayLike<number>; values: ArrayLike<number> }, from: number, to: number) {
  let a = 0;
  while (a < s.timestamps.length && s.timestamps[a] < from) {
    a++;
  }
  let b = s.timestamps.length;
  while (b > a && s.timestamps[b - 1] > to) {
    b--;
  }
  return {
    timestamps: Float64Array.from({ length: b - a }, (_, i) => s.timestamps[a + i]),
    values: Float64Array.from({ length: b - a }, (_, i) => s.values[a + i]),
  };
}

export const info = (text: string): QueryResultMetaNotice => ({ severity: 'info', text });
export const warning = (text: string): QueryResultMetaNotice => ({ severity: 'warning', text });
