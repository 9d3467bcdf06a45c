// Public entry point: anomalous regions (consecutive anomalous points merged) with the expected value and a reason.
import { AnomalyRegion, Series } from '../types';
import { analyse } from './analyse';
import { describeDeviation } from './reason';
import { checkOptions, checkOptionType, checkSeries } from '../hygiene/checkInput';

/** A region continues while scores stay above this fraction of the threshold (hysteresis: no flicker). */
const STAY = 0.8;
/** Trailing points closer than this (error scales) to expected are trimmed: the likelihood's mean lags a spike. */
const OFF_Z = 2;

export interface DetectAnomaliesOptions {
  /** In (0,1], default 0.5; higher finds more (and weaker) regions. Out-of-range values are clamped. */
  sensitivity?: number;
}

/**
 * Regions of anomalous points, in time order. Region score is its peak score; expected/actual/reason describe its
 * most deviating point. Throws EcotiMlError only as `scoreAnomalies` does.
 */
export function detectAnomalies(series: Series, options?: DetectAnomaliesOptions): AnomalyRegion[] {
  checkSeries(series);
  const s = checkOptions(options, 'detectAnomalies options').sensitivity;
  checkOptionType(s, 'number', 'sensitivity');
  const sensitivity = s !== undefined && Number.isFinite(s) ? Math.min(1, Math.max(0.01, s)) : 0.5;
  // Sensitivity 1 → threshold 0.4, 0.5 → 0.7 (likelihood tail probability ≈ 1e-4), near 0 → only the certain.
  const threshold = 1 - 0.6 * sensitivity;
  const { timestamps, values } = series;
  const a = analyse(timestamps, values);
  const regions: AnomalyRegion[] = [];
  let start = -1;
  let peak = 0;
  let worst = -1;
  for (let k = 0; k <= a.order.length; k++) {
    const sc = k < a.order.length ? a.score[k] : -1;
    if (start < 0) {
      if (sc >= threshold) {
        start = k;
        peak = sc;
        worst = k;
      }
      continue;
    }
    if (sc >= STAY * threshold) {
      peak = Math.max(peak, sc);
      if (Math.abs(a.residualZ[k]) > Math.abs(a.residualZ[worst])) {
        worst = k;
      }
      continue;
    }
    let end = k - 1;
    while (end > worst && Math.abs(a.residualZ[end]) < OFF_Z) {
      end--;
    }
    const i = a.order[worst];
    const actual = values[i];
    const expected = a.expected[worst];
    regions.push({
      start: timestamps[a.order[start]],
      end: timestamps[a.order[end]],
      score: peak,
      expected,
      actual,
      reason: describeDeviation(actual, expected, timestamps[i]),
    });
    start = -1;
  }
  return regions;
}
