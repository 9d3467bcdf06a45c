// ETTh1 forecast benchmark: our forecast(…, 'auto') against seasonal naive, predict_linear and augurs.
import { forecast } from '../../src/ml';
import { HORIZONS, loadEtth1, scoreCase, CaseScore, PointForecast } from './protocol';
import { loadAugursEts, loadAugursMstl, predictLinearPeer, seasonalNaivePeer } from './peers';

type Forecaster = (train: { timestamps: Float64Array; values: Float64Array }, horizon: number) => PointForecast;

export interface ForecastBenchRow extends CaseScore {
  method: string;
  column: string;
  horizon: number;
}

export async function runForecastBench(methods = ['auto']): Promise<ForecastBenchRow[]> {
  const columns = loadEtth1(['OT', 'HUFL']);
  const forecasters: Record<string, Forecaster> = {
    'seasonal naive (24)': seasonalNaivePeer,
    'linear (predict_linear)': predictLinearPeer(720),
    'augurs MSTL+ETS (24,168)': await loadAugursMstl([24, 168]),
    'augurs MSTL+ETS (24)': await loadAugursMstl([24]),
    'augurs AutoETS (24)': await loadAugursEts(),
  };
  for (const m of methods) {
    forecasters[`ecoti ${m}`] = (train, horizon) => forecast(train, { horizon, method: m, level: 0.95 });
  }
  const rows: ForecastBenchRow[] = [];
  for (const [method, f] of Object.entries(forecasters)) {
    for (const column of columns) {
      for (const horizon of HORIZONS) {
        rows.push({ method, column: column.name, horizon, ...scoreCase(column, horizon, f) });
      }
    }
  }
  return rows;
}

export function printForecastTable(rows: ForecastBenchRow[]) {
  const fmt = (v: number, d = 3) => (Number.isFinite(v) ? v.toFixed(d) : '—');
  console.log('\nETTh1 forecast (20 origins, 720 train):');
  console.log('method                        | case      |  MASE | sMAPE% | cover95 | ms/fit');
  for (const r of rows) {
    console.log(
      `${r.method.padEnd(29)} | ${(r.column + ' h' + r.horizon).padEnd(9)} | ${fmt(r.mase)} | ${fmt(r.smape, 2).padStart(6)} | ${fmt(r.coverage).padStart(7)} | ${fmt(r.medianMs, 2).padStart(6)}`
    );
  }
  const byMethod = new Map<string, number[]>();
  rows.forEach((r) => byMethod.set(r.method, [...(byMethod.get(r.method) ?? []), r.mase]));
  console.log('\nmean MASE over the four cases:');
  byMethod.forEach((v, k) => console.log(`  ${k.padEnd(29)} ${fmt(v.reduce((a, b) => a + b, 0) / v.length)}`));
}

if (require.main === module) {
  const methods = process.argv.slice(2);
  runForecastBench(methods.length ? methods : ['auto']).then(printForecastTable);
}
