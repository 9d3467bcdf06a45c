// Public entry point: one anomaly score in [0,1] per input point, batch or causal.
import { EcotiMlError, Series } from '../types';
import { analyse } from './analyse';
import { StreamingAnomalyScorer } from './streamingScorer';
import { timeOrder } from './timeOrder';

export { StreamingAnomalyScorer } from './streamingScorer';
export type { StreamingAnomalyOptions } from './streamingScorer';

export interface ScoreAnomaliesOptions {
  /**
   * true: score[i] uses only the points up to i in time, exactly as a live alert would see them (one alert per
   * incident: after an alert-level score, repeats are damped for a while). false (default): every point is scored
   * with the whole series in view, including an isolation forest.
   */
  causal?: boolean;
}

/**
 * One score in [0,1] per input point, in input order (input may be unsorted or duplicated). Missing points
 * (NaN or non-finite value or timestamp) score 0. Throws EcotiMlError only when lengths differ.
 */
export function scoreAnomalies(series: Series, options: ScoreAnomaliesOptions = {}): number[] {
  const n = checkLengths(series);
  const out: number[] = new Array(n).fill(0);
  const { timestamps, values } = series;
  if (options.causal) {
    const order = timeOrder(timestamps);
    const scorer = new StreamingAnomalyScorer();
    for (let k = 0; k < order.length; k++) {
      const i = order[k];
      out[i] = scorer.push(timestamps[i], values[i]);
    }
    return out;
  }
  const a = analyse(timestamps, values);
  for (let k = 0; k < a.order.length; k++) {
    out[a.order[k]] = a.score[k];
  }
  return out;
}

export function checkLengths(series: Series): number {
  const n = series.values.length;
  if (series.timestamps.length !== n) {
    throw new EcotiMlError('LENGTH_MISMATCH', `Series has ${series.timestamps.length} timestamps but ${n} values.`);
  }
  return n;
}
