// Regression on a seasonal lag and calendar (Fourier) features, fitted directly for each lag
// distance so that every forecast step uses the freshest same-phase value it can know.
// Recent points weigh more (exponential decay), so the model follows level shifts.
import { ForecastModel } from './model';
import { NormalEquations } from '../leastSquares';

/** Harmonics for the shortest and the second season. */
const HARMONICS = [4, 3];
const RIDGE = 1e-3;

interface Design {
  periods: number[];
  /** Columns: intercept, lag value, then cos/sin pairs. */
  dim: number;
  /** Per season: cos/sin pairs for each phase, [phase][pair], so no trigonometry per row. */
  tables: Float64Array[];
  widths: number[];
}

function design(periods: number[]): Design {
  const ps = periods.slice(0, 2);
  let dim = 2;
  const tables: Float64Array[] = [];
  const widths: number[] = [];
  ps.forEach((p, i) => {
    const k = Math.min(HARMONICS[i], Math.floor(p / 2));
    const table = new Float64Array(p * 2 * k);
    for (let phase = 0; phase < p; phase++) {
      for (let h = 1; h <= k; h++) {
        const a = (2 * Math.PI * h * phase) / p;
        table[phase * 2 * k + 2 * (h - 1)] = Math.cos(a);
        table[phase * 2 * k + 2 * (h - 1) + 1] = Math.sin(a);
      }
    }
    tables.push(table);
    widths.push(2 * k);
    dim += 2 * k;
  });
  return { periods: ps, dim, tables, widths };
}

/** Fills the calendar part of a row (every column but the lag value). */
function fillCalendar(row: Float64Array, d: Design, t: number) {
  row[0] = 1;
  row[1] = 0;
  let c = 2;
  for (let i = 0; i < d.periods.length; i++) {
    const w = d.widths[i];
    row.set(d.tables[i].subarray((t % d.periods[i]) * w, (t % d.periods[i]) * w + w), c);
    c += w;
  }
}

/**
 * Normal equations for every lag multiple at once. Calendar columns do not depend on the lag,
 * so their cross-products are accumulated once from the end of the series and snapshot at each
 * lag's first usable row; only the lag column is recomputed per lag: O(n·d² + K·n·d), not O(K·n·d²).
 */
function fitAllLags(y: Float64Array, d: Design, base: number, maxK: number, decay: number): Float64Array[] {
  const n = y.length;
  const dim = d.dim;
  const weights = new Float64Array(n);
  let w = 1;
  for (let t = n - 1; t >= 0; t--) {
    weights[t] = w;
    w *= decay;
  }
  const calendar = calendarRows(d, n);
  const suffix = new NormalEquations(dim);
  const snapshots: Array<{ xtx: Float64Array; xty: Float64Array }> = [];
  let t = n - 1;
  for (let k = 1; k <= maxK; k++) {
    const lag = base * k;
    for (; t >= lag; t--) {
      suffix.add(calendar, y[t], weights[t], t * dim);
    }
    snapshots.push({ xtx: suffix.xtx.slice(), xty: suffix.xty.slice() });
  }
  return snapshots.map((snap, i) => {
    const lag = base * (i + 1);
    const ne = new NormalEquations(dim);
    ne.xtx.set(snap.xtx);
    ne.xty.set(snap.xty);
    // The lag column (index 1): its products with every calendar column, itself and y.
    for (let s = lag; s < n; s++) {
      const ws = weights[s];
      const v = y[s - lag] * ws;
      const row = s * dim;
      // Lower triangle: (1, 0) for the intercept, (j, 1) for the calendar columns.
      ne.xtx[dim] += v * calendar[row];
      for (let j = 2; j < dim; j++) {
        ne.xtx[j * dim + 1] += v * calendar[row + j];
      }
      ne.xtx[1 * dim + 1] += v * y[s - lag];
      ne.xty[1] += v * y[s];
    }
    return ne.solve(RIDGE * n);
  });
}

let calendarCache: { key: string; rows: Float64Array } = { key: '', rows: new Float64Array(0) };

/** Calendar rows for t = 0..n-1, cached: backtests refit the same design on prefixes of one series. */
function calendarRows(d: Design, n: number): Float64Array {
  const key = d.periods.join(',');
  if (calendarCache.key !== key || calendarCache.rows.length < n * d.dim) {
    const rows = new Float64Array(
      Math.max(n, 2 * (calendarCache.key === key ? calendarCache.rows.length / d.dim : 0)) * d.dim
    );
    const row = new Float64Array(d.dim);
    for (let t = 0; t < rows.length / d.dim; t++) {
      fillCalendar(row, d, t);
      rows.set(row, t * d.dim);
    }
    calendarCache = { key, rows };
  }
  return calendarCache.rows;
}

export const lagRegression: ForecastModel<null> = {
  name: 'lag-regression',
  minLength: (periods) => (periods.length ? 3 * periods[0] : Infinity),
  fit(y, periods) {
    const n = y.length;
    const d = design(periods);
    const base = d.periods[0];
    const halfLife = 2 * d.periods[d.periods.length - 1];
    const decay = Math.pow(0.5, 1 / halfLife);
    // Lags further back than the window allows fall back to the longest one that fits.
    const maxFittable = Math.max(1, Math.floor((n - base) / base));
    let coefficients: Float64Array[] | null = null;
    return {
      params: null,
      predict(horizon) {
        const kMax = Math.min(Math.ceil(horizon / base), maxFittable);
        coefficients = coefficients && coefficients.length >= kMax ? coefficients : fitAllLags(y, d, base, kMax, decay);
        const out = new Float64Array(horizon);
        const row = new Float64Array(d.dim);
        for (let h = 1; h <= horizon; h++) {
          const k = Math.ceil(h / base);
          const beta = coefficients[Math.min(k, kMax) - 1];
          const tt = n - 1 + h;
          fillCalendar(row, d, tt);
          row[1] = y[Math.max(0, tt - base * k)];
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
