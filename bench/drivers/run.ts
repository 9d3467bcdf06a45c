// BioHPC driver bench: how much of a GPU server's power its utilisation explains. On the forecast protocol's
// rolling origins (20 over the last 40%, 720 h of training, horizons 24 and 168 h), the driver model is given the
// horizon's true utilisation (known in hindsight) and scored by MASE against the univariate forecast(…, 'auto'),
// which has only the power's past, and seasonal naive. Also what the model says drives each server's power.
import { fitDriverModel, forecast } from '../../src/ml';
import { BIOHPC_SERVERS, BiohpcGrid, BiohpcServer, loadBiohpc } from '../biohpc/load';
import { HORIZONS, origins, SEASON, TRAIN } from '../forecast/protocol';

const MAX_HORIZON = Math.max(...HORIZONS);

/** Each method sees the training window and the horizon's hours; only driver models may read the horizon's drivers. */
type Method = (grid: BiohpcGrid, origin: number, horizon: number) => { mean: Float64Array; ms: number };

interface DriverVariant {
  name: string;
  drivers: Array<'utilave' | 'tempave'>;
  calendar: boolean;
}

/**
 * tempave is the GPUs' own temperature: it follows their power as much as it drives it, so a model given it
 * over the horizon is told part of the answer. It is measured, and kept out of the headline.
 */
export const DRIVER_VARIANTS: DriverVariant[] = [
  { name: 'drivers: utilisation', drivers: ['utilave'], calendar: false },
  { name: 'drivers: utilisation + calendar', drivers: ['utilave'], calendar: true },
  { name: 'drivers: util. + GPU temp. + calendar', drivers: ['utilave', 'tempave'], calendar: true },
];

export interface DriverBenchRow {
  server: BiohpcServer;
  method: string;
  horizon: number;
  mase: number;
  /** Mean absolute error in watts. */
  maeWatts: number;
  /** Origins scored (of 20): an origin whose training window has fewer than 48 complete hours is skipped. */
  origins: number;
  /** Median ms per fit (and forecast or prediction). */
  medianMs: number;
}

export interface DriverImportanceSummary {
  server: BiohpcServer;
  model: string;
  /** Mean share of each feature over the origins. */
  shares: Record<string, number>;
  /** Median held-out R² of the fits' own check. */
  heldOutR2: number;
}

export function runDriverBench(servers: readonly BiohpcServer[] = BIOHPC_SERVERS) {
  const rows: DriverBenchRow[] = [];
  const importance: DriverImportanceSummary[] = [];
  for (const server of servers) {
    const grid = loadBiohpc(server);
    const power = grid.columns.powerave;
    const starts = origins(power.length, MAX_HORIZON).filter((o) => completeHours(grid, o - TRAIN, o) >= 48);
    const methods: Record<string, Method> = {
      'seasonal naive (24)': timed((g, o, h) => seasonalNaive(g.columns.powerave, o, h)),
      'ecoti auto (power history only)': timed((g, o, h) =>
        Float64Array.from(
          forecast(
            { timestamps: g.timestamps.subarray(o - TRAIN, o), values: g.columns.powerave.subarray(o - TRAIN, o) },
            { horizon: h, method: 'auto' }
          ).mean
        )
      ),
    };
    const shares = new Map<string, { sums: Record<string, number>; r2: number[] }>();
    for (const v of DRIVER_VARIANTS) {
      shares.set(v.name, { sums: {}, r2: [] });
      // One fit serves both horizons: the driver model does not depend on how far ahead it is asked.
      const fits = new Map<number, { mean: Float64Array; ms: number }>();
      methods[v.name] = (g, o, h) => {
        if (!fits.has(o)) {
          const t0 = performance.now();
          const window = (values: Float64Array) => ({
            timestamps: g.timestamps.subarray(o - TRAIN, o),
            values: values.subarray(o - TRAIN, o),
          });
          const model = fitDriverModel({
            power: window(g.columns.powerave),
            drivers: Object.fromEntries(v.drivers.map((d) => [d, window(g.columns[d])])),
            options: { calendar: v.calendar, timeZone: 'UTC' },
          });
          const mean = model.predict({
            timestamps: g.timestamps.subarray(o, o + MAX_HORIZON),
            drivers: Object.fromEntries(v.drivers.map((d) => [d, g.columns[d].subarray(o, o + MAX_HORIZON)])),
          });
          fits.set(o, { mean, ms: performance.now() - t0 });
          const s = shares.get(v.name)!;
          model.importance.forEach((f) => (s.sums[f.feature] = (s.sums[f.feature] ?? 0) + f.share / starts.length));
          s.r2.push(model.diagnostics.heldOut.r2);
        }
        const fit = fits.get(o)!;
        return { mean: fit.mean.subarray(0, h), ms: fit.ms };
      };
    }
    for (const [method, f] of Object.entries(methods)) {
      for (const horizon of HORIZONS) {
        rows.push({ server, method, horizon, ...scoreOrigins(grid, starts, horizon, f), origins: starts.length });
      }
    }
    shares.forEach((s, model) =>
      importance.push({ server, model, shares: s.sums, heldOutR2: s.r2.sort((a, b) => a - b)[s.r2.length >> 1] })
    );
  }
  return { rows, importance };
}

/**
 * MASE per origin (mean absolute error over the horizon's hours with power and utilisation present, over the
 * training window's in-sample seasonal-naive error), averaged over origins.
 */
function scoreOrigins(grid: BiohpcGrid, starts: number[], horizon: number, method: Method) {
  const power = grid.columns.powerave;
  const util = grid.columns.utilave;
  let maseSum = 0;
  let maeSum = 0;
  let scored = 0;
  const times: number[] = [];
  for (const o of starts) {
    let scale = 0;
    let pairs = 0;
    for (let i = o - TRAIN + SEASON; i < o; i++) {
      if (Number.isFinite(power[i]) && Number.isFinite(power[i - SEASON])) {
        scale += Math.abs(power[i] - power[i - SEASON]);
        pairs++;
      }
    }
    scale /= pairs;
    const f = method(grid, o, horizon);
    times.push(f.ms);
    let ae = 0;
    let points = 0;
    for (let i = 0; i < horizon; i++) {
      const actual = power[o + i];
      if (Number.isFinite(actual) && Number.isFinite(util[o + i])) {
        ae += Math.abs(actual - f.mean[i]);
        points++;
      }
    }
    if (points === 0 || !(scale > 0)) {
      continue;
    }
    maseSum += ae / points / scale;
    maeSum += ae / points;
    scored++;
  }
  times.sort((a, b) => a - b);
  return { mase: maseSum / scored, maeWatts: maeSum / scored, medianMs: times[times.length >> 1] };
}

/** The value a day (or whole days) earlier, skipping missing hours; the last value when a day has none. */
function seasonalNaive(power: Float64Array, origin: number, horizon: number): Float64Array {
  const out = new Float64Array(horizon);
  let last = NaN;
  for (let i = origin - 1; i >= origin - TRAIN && !Number.isFinite(last); i--) {
    last = power[i];
  }
  for (let h = 0; h < horizon; h++) {
    let v = NaN;
    for (let i = origin - SEASON + (h % SEASON); i >= origin - TRAIN && !Number.isFinite(v); i -= SEASON) {
      v = power[i];
    }
    out[h] = Number.isFinite(v) ? v : last;
  }
  return out;
}

function completeHours(grid: BiohpcGrid, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    if (Number.isFinite(grid.columns.powerave[i]) && Number.isFinite(grid.columns.utilave[i])) {
      n++;
    }
  }
  return n;
}

function timed(f: (g: BiohpcGrid, o: number, h: number) => Float64Array): Method {
  return (g, o, h) => {
    const t0 = performance.now();
    const mean = f(g, o, h);
    return { mean, ms: performance.now() - t0 };
  };
}

export function printDriverTables(result: ReturnType<typeof runDriverBench>) {
  const fmt = (v: number, d = 3) => (Number.isFinite(v) ? v.toFixed(d) : '—');
  const servers = [...new Set(result.rows.map((r) => r.server))];
  for (const server of servers) {
    const rows = result.rows.filter((r) => r.server === server);
    console.log(
      `\nBioHPC ${server}: power (W), ${rows[0].origins} origins over the last 40%, ${TRAIN} h train; ` +
        'driver models given the horizon’s true drivers'
    );
    console.log('method                                 | MASE h24 | MASE h168 | MAE W h24 | MAE W h168 | ms/fit');
    for (const method of [...new Set(rows.map((r) => r.method))]) {
      const [a, b] = HORIZONS.map((h) => rows.find((r) => r.method === method && r.horizon === h)!);
      console.log(
        `${method.padEnd(38)} | ${fmt(a.mase).padStart(8)} | ${fmt(b.mase).padStart(9)} | ${fmt(a.maeWatts, 1).padStart(9)} | ${fmt(b.maeWatts, 1).padStart(10)} | ${fmt(b.medianMs, 1).padStart(6)}`
      );
    }
    for (const imp of result.importance.filter((i) => i.server === server)) {
      const shares = Object.entries(imp.shares)
        .sort((x, y) => y[1] - x[1])
        .map(([k, v]) => `${k} ${(100 * v).toFixed(0)}%`)
        .join(', ');
      console.log(
        `  importance, ${imp.model.replace('drivers: ', '')}: ${shares} (held-out R² ${fmt(imp.heldOutR2, 2)})`
      );
    }
  }
}

if (require.main === module) {
  printDriverTables(runDriverBench());
}
