// Linear trend by least squares over the window (ml-regression): what Prometheus' predict_linear gives.
import { SimpleLinearRegression } from 'ml-regression';
import { ForecastModel } from './model';

export const linearTrend: ForecastModel<null> = {
  name: 'linear',
  minLength: () => 2,
  fit(y) {
    const n = y.length;
    const x = Array.from({ length: n }, (_, i) => i);
    const reg = new SimpleLinearRegression(x, Array.from(y));
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
