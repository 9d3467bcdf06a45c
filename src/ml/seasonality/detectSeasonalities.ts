// Finds the seasonal periods of a series from its autocorrelation: calendar cycles (day, week)
// when the data show them, otherwise the strongest repeating lag. Never assumed.
import { autocorrelation } from './autocorrelation';
import { movingAverage } from '../stats/movingAverage';
import { EcotiMlError } from '../types';
import { asFloat64, checkNumbers, kindOf } from '../hygiene/checkInput';
import { modelledValues } from '../hygiene/magnitude';

const DAY_MS = 86_400_000;
/** An autocorrelation peak must reach this to count as a season found by search. */
const MIN_ACF = 0.3;
/** Calendar cycles are plausible a priori, so a weaker (still significant) correlation is enough. */
const MIN_CALENDAR_ACF = 0.2;

/**
 * Returns seasonal periods in steps, ascending (at most two), detected on a gap-free series.
 * `stepMs` lets calendar periods (1 day, 1 week) be tested exactly; 0 when unknown.
 */
export function detectSeasonalities(values: Float64Array, stepMs: number): number[] {
  const n = checkNumbers(values);
  if (typeof stepMs !== 'number') {
    throw new EcotiMlError(
      'BAD_OPTION',
      `stepMs must be a number of milliseconds (0 when unknown), got ${kindOf(stepMs)}.`
    );
  }
  if (n < 8) {
    return [];
  }
  // Correlations are scale-free; scaling keeps their sums of squares finite on values near ±1e308.
  const modelled = modelledValues(values);
  values = modelled.factor !== 1 ? (modelled.values as Float64Array) : asFloat64(values);
  const found: number[] = [];
  const calendar = stepMs > 0 ? [DAY_MS / stepMs, (7 * DAY_MS) / stepMs] : [];
  for (const p of calendar) {
    // A season needs two full cycles to be seen, and a whole number of steps.
    if (Number.isInteger(p) && p >= 2 && 2 * p <= n && hasSeason(values, p)) {
      found.push(p);
    }
  }
  if (found.length === 0) {
    const detrended = values.slice();
    const trend = movingAverage(values, Math.max(3, Math.floor(n / 10)));
    for (let i = 0; i < n; i++) {
      detrended[i] -= trend[i];
    }
    const p = firstStrongPeak(autocorrelation(detrended, Math.floor(n / 2)));
    if (p > 0) {
      found.push(p);
    }
  }
  return found.sort((a, b) => a - b);
}

/**
 * True when the series, less its moving average over one period (slow drifts would otherwise
 * correlate at every lag), correlates with itself one period later.
 */
function hasSeason(values: Float64Array, p: number): boolean {
  const n = values.length;
  const trend = movingAverage(values, p + (p % 2 === 0 ? 1 : 0));
  const r = new Float64Array(n);
  let mean = 0;
  for (let i = 0; i < n; i++) {
    r[i] = values[i] - trend[i];
    mean += r[i] / n;
  }
  let c0 = 0;
  let cp = 0;
  for (let i = 0; i < n; i++) {
    const a = r[i] - mean;
    c0 += a * a;
    if (i + p < n) {
      cp += a * (r[i + p] - mean);
    }
  }
  return c0 > 0 && cp / c0 >= MIN_CALENDAR_ACF;
}

/** First local maximum above MIN_ACF after the autocorrelation has dipped below zero. */
function firstStrongPeak(acf: Float64Array): number {
  let k = 1;
  while (k < acf.length && acf[k] > 0) {
    k++;
  }
  for (; k < acf.length - 1; k++) {
    if (acf[k] >= MIN_ACF && acf[k] >= acf[k - 1] && acf[k] >= acf[k + 1]) {
      return k;
    }
  }
  return 0;
}
