import { dailySeries } from '../testing/seededRandom';
import { planBacktest, runBacktest } from './backtest';
import { holtWinters } from './models/holtWinters';
import { lagRegression } from './models/lagRegression';
import { NormalEquations } from './leastSquares';

/** The largest difference between each model's one-pass backtest and a fit on each prefix alone. */
function onePassGap(model: typeof holtWinters | typeof lagRegression, n: number, periods: number[], horizon: number) {
  const y = dailySeries(n, { noise: 3, seed: n, trendPerDay: 0.3 }).values;
  const params = model.fit(y, periods).params;
  const plan = planBacktest(n, horizon, Math.ceil(n / 2))!;
  const bt = runBacktest(y, periods, [{ model, params }], plan).forecasts[0];
  let gap = 0;
  plan.origins.forEach((o, i) => {
    const alone = model.fit(y.subarray(0, o), periods, params as never).predict(plan.horizon);
    for (let h = 0; h < plan.horizon; h++) {
      gap = Math.max(gap, Math.abs(alone[h] - bt[i * plan.horizon + h]));
    }
  });
  return gap;
}

describe('backtests in one pass', () => {
  it('Holt–Winters gives, at every origin, exactly what a fit on that prefix gives', () => {
    expect(onePassGap(holtWinters, 720, [24, 168], 168)).toBe(0);
    expect(onePassGap(holtWinters, 2016, [288], 313)).toBe(0);
    expect(onePassGap(holtWinters, 300, [], 24)).toBe(0);
  });

  it('lag regression gives what a fit on each prefix gives, to rounding', () => {
    expect(onePassGap(lagRegression, 720, [24, 168], 168)).toBeLessThan(1e-9);
    expect(onePassGap(lagRegression, 2016, [288], 313)).toBeLessThan(1e-9);
  });

  it('lag regression solves the weighted ridge regression of its definition, for lags beyond one season too', () => {
    // Lag k uses the rows that have a value k seasons back, weighted by recency (half-life two longest seasons).
    const y = dailySeries(400, { noise: 2, seed: 5, trendPerDay: 1 }).values;
    const p = 24;
    const decay = Math.pow(0.5, 1 / (2 * p));
    const row = (t: number, lagged: number) => {
      const r = [1, lagged];
      for (let h = 1; h <= 4; h++) {
        r.push(Math.cos((2 * Math.PI * h * (t % p)) / p), Math.sin((2 * Math.PI * h * (t % p)) / p));
      }
      return Float64Array.from(r);
    };
    const f = lagRegression.fit(y, [p]).predict(48);
    for (const k of [1, 2]) {
      const ne = new NormalEquations(10);
      for (let t = p * k; t < y.length; t++) {
        ne.add(row(t, y[t - p * k]), y[t], Math.pow(decay, y.length - 1 - t));
      }
      const beta = ne.solve(1e-3 * y.length);
      const h = p * (k - 1) + 5;
      const x = row(y.length - 1 + h, y[y.length - 1 + h - p * k]);
      const expected = x.reduce((s, v, i) => s + v * beta[i], 0);
      expect(f[h - 1]).toBeCloseTo(expected, 8);
    }
  });
});
