// Linear trend by least squares over the window (ml-regression): what Prometheus' predict_linear gives.
import { SimpleLinearRegression } from 'ml-regression';
import { ForecastModel } from './model';

export const linearTrend: ForecastModel<null> = {
  name: 'linear',
  minLength: () => 2,
  fit(y) {
    const n = y.length;
    const reg = new SimpleLinearRegression(stepIndex(n), y);
    const slope = Number.isFinite(reg.slope) ? reg.slope : 0;
    const intercept = Number.isFinite(reg.intercept) ? reg.intercept : y[n - 1];
    return {
      params: null,
      predict(horizon) {
        const out = new Float64Array(horizon);
        for (let i = 0; i < horizon; i++) {
          out[i] = intercept + slope * (n + i);
        }
        return out;
      },
    };
  },
};

let indexCache = new Float64Array(0);

/** 0, 1, 2, … as the regression's x; reused across calls, since backtests refit many times. */
function stepIndex(n: number): Float64Array {
  if (indexCache.length < n) {
    indexCache = Float64Array.from({ length: Math.max(n, 2 * indexCache.length) }, (_, i) => i);
  }
  return indexCache.subarray(0, n);
}
