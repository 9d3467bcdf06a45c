// Public entry point: one anomaly score in [0,1] per input point, batch or causal.
import { Series } from '../types';
import { checkOptions, checkOptionType, checkSeries } from '../hygiene/checkInput';
import { modelledValues } from '../hygiene/magnitude';
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
 * (NaN, non-finite or non-number value or timestamp) score 0. Throws EcotiMlError only when the input is
 * not a series (see `checkSeries`: null, lengths differ, more than MAX_SERIES_POINTS) or options are not
 * an object.
 */
export function scoreAnomalies(series: Series, options?: ScoreAnomaliesOptions): number[] {
  const n = checkSeries(series);
  const { causal } = checkOptions(options, 'scoreAnomalies options');
  checkOptionType(causal, 'boolean', 'causal');
  const out: number[] = new Array(n).fill(0);
  const { timestamps } = series;
  if (causal) {
    // Scaled as the batch mode is (see analyse), so that values near ±1e300 score as well as any.
    const values = modelledValues(series.values).values;
    const order = timeOrder(timestamps);
    const scorer = new StreamingAnomalyScorer();
    for (let k = 0; k < order.length; k++) {
      const i = order[k];
      out[i] = scorer.push(timestamps[i], values[i]);
    }
    return out;
  }
  const a = analyse(timestamps, series.values);
  for (let k = 0; k < a.order.length; k++) {
    out[a.order[k]] = a.score[k];
  }
  return out;
}
