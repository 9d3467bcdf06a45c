// Regression on a seasonal lag and calendar (Fourier) features, fitted directly for each lag
// distance so that every forecast step uses the freshest same-phase value it can know.
// Recent points weigh more (exponential decay), so the model follows level shifts.
import { ForecastModel } from './model';
import { addRow, NormalEquations } from '../leastSquares';

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

/** Renormalise the running sums before their growing weights could overflow (2^600 ≈ 1e180). */
const MAX_LOG2_WEIGHT = 600;

/**
 * Exponentially weighted normal equations of every lag multiple, accumulated in one pass from the start of the
 * series, so that the equations of any prefix can be read off as the pass reaches its end: a backtest's
 * origins then cost one pass, not one fit each. Rows are added with growing weights g^t (g = 1/decay) and read
 * back scaled by decay^(end − 1): the newest row weighs 1, as in a fit on the prefix alone. The calendar
 * columns do not depend on the lag, so their sums are kept once, and the sum over lag k's usable rows
 * (t ≥ k·base) is the running sum less its snapshot at k·base; only the lag column is kept per lag:
 * O(n·d² + K·n·d) for all prefixes together.
 */
class LagSums {
  private readonly dim: number;
  private readonly calendar: Float64Array;
  /** Running Σ w·x·xᵀ (lower triangle) and Σ w·x·y of the calendar columns. */
  private readonly xtx: Float64Array;
  private readonly xty: Float64Array;
  /** Per lag: the calendar sums when its first usable row was reached. */
  private readonly startXtx: Float64Array[] = [];
  private readonly startXty: Float64Array[] = [];
  /** Per lag: Σ w·lag·x (every column), Σ w·lag², Σ w·lag·y over its usable rows. */
  private readonly lagX: Float64Array[] = [];
  private readonly lagLag: Float64Array;
  private readonly lagY: Float64Array;
  /** Rows added so far; weights are g^(t − anchor). */
  private end = 0;
  private anchor = 0;
  private readonly log2g: number;

  constructor(
    private readonly y: Float64Array,
    d: Design,
    private readonly base: number,
    private readonly maxK: number,
    private readonly decay: number
  ) {
    this.dim = d.dim;
    this.calendar = calendarRows(d, y.length);
    this.xtx = new Float64Array(this.dim * this.dim);
    this.xty = new Float64Array(this.dim);
    for (let k = 0; k < maxK; k++) {
      this.startXtx.push(new Float64Array(this.dim * this.dim));
      this.startXty.push(new Float64Array(this.dim));
      this.lagX.push(new Float64Array(this.dim));
    }
    this.lagLag = new Float64Array(maxK);
    this.lagY = new Float64Array(maxK);
    this.log2g = -Math.log2(decay);
  }

  /** Adds rows until the sums describe the prefix y[0 .. end). */
  advanceTo(end: number) {
    const { dim, calendar, xtx, xty, y, base, maxK, lagX, lagLag, lagY } = this;
    const g = 1 / this.decay;
    let w = Math.pow(g, this.end - this.anchor);
    for (let t = this.end; t < end; t++) {
      if ((t - this.anchor) * this.log2g > MAX_LOG2_WEIGHT) {
        this.renormalise(t);
        w = 1;
      }
      // Snapshot the calendar sums as each lag's first usable row arrives.
      const k0 = t / base;
      if (k0 >= 1 && k0 <= maxK && Number.isInteger(k0)) {
        this.startXtx[k0 - 1].set(xtx);
        this.startXty[k0 - 1].set(xty);
      }
      const row = t * dim;
      const yt = y[t];
      addRow(xtx, xty, dim, calendar, row, yt, w);
      for (let k = 1; k <= maxK && t >= base * k; k++) {
        const lagged = y[t - base * k];
        const v = lagged * w;
        const lx = lagX[k - 1];
        for (let j = 0; j < dim; j++) {
          lx[j] += v * calendar[row + j];
        }
        lagLag[k - 1] += v * lagged;
        lagY[k - 1] += v * yt;
      }
      w *= g;
    }
    this.end = Math.max(this.end, end);
  }

  /** Ridge coefficients of lag k (1-based) for the prefix the sums have reached. */
  solve(k: number): Float64Array {
    const { dim } = this;
    const scale = Math.pow(this.decay, this.end - 1 - this.anchor);
    const ne = new NormalEquations(dim);
    const from = this.startXtx[k - 1];
    const fromY = this.startXty[k - 1];
    for (let i = 0; i < dim * dim; i++) {
      ne.xtx[i] = (this.xtx[i] - from[i]) * scale;
    }
    for (let i = 0; i < dim; i++) {
      ne.xty[i] = (this.xty[i] - fromY[i]) * scale;
    }
    // The lag column (index 1): its products with the intercept, itself, every calendar column, and y.
    const lx = this.lagX[k - 1];
    ne.xtx[dim] = lx[0] * scale;
    ne.xtx[dim + 1] = this.lagLag[k - 1] * scale;
    for (let j = 2; j < dim; j++) {
      ne.xtx[j * dim + 1] = lx[j] * scale;
    }
    ne.xty[1] = this.lagY[k - 1] * scale;
    return ne.solve(RIDGE * this.end);
  }

  private renormalise(t: number) {
    const f = Math.pow(this.decay, t - this.anchor);
    const all = [this.xtx, this.xty, ...this.startXtx, ...this.startXty, ...this.lagX, this.lagLag, this.lagY];
    for (const a of all) {
      for (let i = 0; i < a.length; i++) {
        a[i] *= f;
      }
    }
    this.anchor = t;
  }
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

interface LagSetup {
  d: Design;
  base: number;
  decay: number;
}

function setup(periods: number[]): LagSetup {
  const d = design(periods);
  const halfLife = 2 * d.periods[d.periods.length - 1];
  return { d, base: d.periods[0], decay: Math.pow(0.5, 1 / halfLife) };
}

/** Lags further back than a prefix of n points allows fall back to the longest one that fits. */
function lagsFor(n: number, base: number, horizon: number): number {
  return Math.min(Math.ceil(horizon / base), Math.max(1, Math.floor((n - base) / base)));
}

/** The forecast after y[0 .. n) from each lag's coefficients (coefficients[k − 1] for lag k). */
function predictFrom(y: Float64Array, n: number, s: LagSetup, coefficients: Float64Array[], horizon: number) {
  const { d, base } = s;
  const kMax = coefficients.length;
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
}

export const lagRegression: ForecastModel<null> = {
  name: 'lag-regression',
  minLength: (periods) => (periods.length ? 3 * periods[0] : Infinity),
  fit(y, periods) {
    const n = y.length;
    const s = setup(periods);
    let coefficients: Float64Array[] = [];
    return {
      params: null,
      predict(horizon) {
        const kMax = lagsFor(n, s.base, horizon);
        if (coefficients.length < kMax) {
          const sums = new LagSums(y, s.d, s.base, kMax, s.decay);
          sums.advanceTo(n);
          coefficients = Array.from({ length: kMax }, (_, k) => sums.solve(k + 1));
        }
        return predictFrom(y, n, s, coefficients.slice(0, kMax), horizon);
      },
    };
  },
  backtest(y, periods, _params, origins, horizon) {
    const s = setup(periods);
    const last = origins[origins.length - 1];
    const sums = new LagSums(y, s.d, s.base, lagsFor(last, s.base, horizon), s.decay);
    return origins.map((o) => {
      sums.advanceTo(o);
      const kMax = lagsFor(o, s.base, horizon);
      const coefficients = Array.from({ length: kMax }, (_, k) => sums.solve(k + 1));
      return predictFrom(y, o, s, coefficients, horizon);
    });
  },
};
