// Regression on a seasonal lag and calendar (Fourier) features, fitted directly for each lag
// distance so that every forecast step uses the freshest same-phase value it can know.
// Recent points weigh more (exponential decay), so the model follows level shifts.
import { ForecastModel } from './model';
import { NormalEquations } from '../leastSquares';

const HARMONICS = [4, 3];
const RIDGE = 1e-3;

interface Design {
  periods: number[];
  dim: number;
}

function design(periods: number[]): Design {
  const ps = periods.slice(0, 2);
  let dim = 2;
  ps.forEach((p, i) => (dim += 2 * Math.min(HARMONICS[i], Math.floor(p / 2))));
  return { periods: ps, dim };
}

function fillRow(row: Float64Array, d: Design, t: number, lagValue: number) {
  row[0] = 1;
  row[1] = lagValue;
  let c = 2;
  d.periods.forEach((p, i) => {
    const k = Math.min(HARMONICS[i], Math.floor(p / 2));
    for (let h = 1; h <= k; h++) {
      const a = (2 * Math.PI * h * t) / p;
      row[c++] = Math.cos(a);
      row[c++] = Math.sin(a);
    }
  });
}

export const lagRegression: ForecastModel<null> = {
  name: 'lag-regression',
  minLength: (periods) => (periods.length ? 3 * periods[0] : Infinity),
  fit(y, periods) {
    const n = y.length;
    const d = design(periods);
    const base = d.periods[0];
    const halfLife = 2 * (d.periods[d.periods.length - 1] ?? base);
    const decay = Math.pow(0.5, 1 / halfLife);
    const row = new Float64Array(d.dim);
    const cache = new Map<number, Float64Array>();
    const coefficients = (k: number) => {
      let beta = cache.get(k);
      if (!beta) {
        const lag = base * k;
        const ne = new NormalEquations(d.dim);
        let w = 1;
        for (let t = n - 1; t >= lag; t--) {
          fillRow(row, d, t, y[t - lag]);
          ne.add(row, y[t], w);
          w *= decay;
        }
        beta = ne.solve(RIDGE * n);
        cache.set(k, beta);
      }
      return beta;
    };
    return {
      params: null,
      predict(horizon) {
        const out = new Float64Array(horizon);
        for (let h = 1; h <= horizon; h++) {
          const k = Math.ceil(h / base);
          // Too far back for the window: fall back to the longest lag we can fit.
          const kk = Math.min(k, Math.floor((n - base) / base));
          const beta = coefficients(kk);
          const t = n - 1 + h;
          const lagT = t - base * k;
          fillRow(row, d, t, y[Math.max(0, lagT)]);
          let v = 0;
          for (let i = 0; i < d.dim; i++) {
            v += beta[i] * row[i];
          }
          out[h - 1] = v;
        }
        return out;
      },
    };
  },
};
