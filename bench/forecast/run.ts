// Forecast benchmark: our forecast(…, 'auto') against the baselines that need no model (persistence, the last
// day's mean, drift, seasonal naive, predict_linear) and augurs, on ETTh1 (OT, HUFL) and each BioHPC server's
// hourly power, at 24 h and 168 h. `node --import tsx bench/forecast/run.ts [method…] [--dev]`; --dev scores the
// development origins (the first 60%), on which parameters are chosen, instead of the reported ones.
import { forecast } from '../../src/ml';
import {
  CaseScore,
  Column,
  developmentOrigins,
  Forecaster,
  HORIZONS,
  loadBiohpcPower,
  loadEtth1,
  scoreCase,
  standardError,
} from './protocol';
import {
  driftPeer,
  lastSeasonMeanPeer,
  loadAugursEts,
  loadAugursMstl,
  naivePeer,
  predictLinearPeer,
  seasonalNaivePeer,
} from './peers';

export interface ForecastBenchRow extends CaseScore {
  method: string;
  /** 'baseline' (no model), 'peer' (augurs) or 'ecoti'. */
  kind: 'baseline' | 'peer' | 'ecoti';
  corpus: string;
  column: string;
  horizon: number;
}

/** Per case: the best baseline, auto, and auto's MASE relative to it. */
export interface ForecastBenchSummary {
  corpus: string;
  column: string;
  horizon: number;
  bestBaseline: string;
  bestBaselineMase: number;
  method: string;
  mase: number;
  /** auto's MASE / the best baseline's (below 1: auto is better). */
  ratio: number;
  /** Standard error of the ratio, from auto's and the best baseline's MASE paired by origin. */
  ratioSe: number;
  coverage: number;
  /** Standard error of the coverage, over the origins' independent windows. */
  coverageSe: number;
}

export const BASELINES: Record<string, Forecaster> = {
  'naive (last value)': naivePeer,
  'mean of last 24 h': lastSeasonMeanPeer,
  drift: driftPeer,
  'seasonal naive (24)': seasonalNaivePeer,
  'linear (predict_linear)': predictLinearPeer(720),
};

export function benchColumns(): Column[] {
  return [...loadEtth1(['OT', 'HUFL']), ...loadBiohpcPower()];
}

export async function runForecastBench(
  methods = ['auto'],
  options: { columns?: Column[]; peers?: boolean; development?: boolean } = {}
): Promise<ForecastBenchRow[]> {
  const columns = options.columns ?? benchColumns();
  const forecasters: Array<[string, ForecastBenchRow['kind'], Forecaster]> = Object.entries(BASELINES).map(
    ([name, f]) => [name, 'baseline', f]
  );
  if (options.peers !== false) {
    forecasters.push(
      ['augurs MSTL+ETS (24,168)', 'peer', await loadAugursMstl([24, 168])],
      ['augurs MSTL+ETS (24)', 'peer', await loadAugursMstl([24])],
      ['augurs AutoETS (24)', 'peer', await loadAugursEts()]
    );
  }
  for (const m of methods) {
    forecasters.push([`ecoti ${m}`, 'ecoti', (train, horizon) => forecast(train, { horizon, method: m, level: 0.95 })]);
  }
  const rows: ForecastBenchRow[] = [];
  for (const column of columns) {
    const at = options.development ? developmentOrigins(column.values.length, Math.max(...HORIZONS)) : undefined;
    for (const [method, kind, f] of forecasters) {
      for (const horizon of HORIZONS) {
        rows.push({
          method,
          kind,
          corpus: column.corpus,
          column: column.name,
          horizon,
          ...scoreCase(column, horizon, f, at),
        });
      }
    }
  }
  return rows;
}

export function summarise(rows: ForecastBenchRow[], method = 'ecoti auto'): ForecastBenchSummary[] {
  const out: ForecastBenchSummary[] = [];
  for (const r of rows.filter((x) => x.method === method)) {
    const same = rows.filter((x) => x.kind === 'baseline' && x.column === r.column && x.horizon === r.horizon);
    const best = same.reduce((a, b) => (b.mase < a.mase ? b : a));
    out.push({
      corpus: r.corpus,
      column: r.column,
      horizon: r.horizon,
      bestBaseline: best.method,
      bestBaselineMase: best.mase,
      method,
      mase: r.mase,
      ratio: r.mase / best.mase,
      ratioSe: standardError(
        r.perOrigin.mase.map((m, i) => (m - best.perOrigin.mase[i]) / best.mase),
        r.windows
      ),
      coverage: r.coverage,
      coverageSe: standardError(r.perOrigin.coverage, r.windows),
    });
  }
  return out;
}

const fmt = (v: number, d = 3) => (Number.isFinite(v) ? v.toFixed(d) : '—');

export function printForecastTable(rows: ForecastBenchRow[]) {
  const columns = [...new Set(rows.map((r) => r.column))];
  for (const column of columns) {
    const mine = rows.filter((r) => r.column === column);
    console.log(
      `\n${mine[0].corpus} ${column} (${mine[0].origins} origins, 720 train): MASE / cover95 / ms per fit at h ${HORIZONS.join(', ')}`
    );
    for (const method of [...new Set(mine.map((r) => r.method))]) {
      const cells = HORIZONS.map((h) => {
        const r = mine.find((x) => x.method === method && x.horizon === h)!;
        return `${fmt(r.mase)} ${fmt(r.coverage).padStart(5)} ${fmt(r.medianMs, 2).padStart(6)}`;
      });
      console.log(`  ${method.padEnd(26)} | ${cells.join(' | ')}`);
    }
  }
  const methods = [...new Set(rows.filter((r) => r.kind === 'ecoti').map((r) => r.method))];
  for (const method of methods) {
    const summary = summarise(rows, method);
    console.log(`\n${method} against the best baseline of each case (ratio < 1: ${method} is better):`);
    for (const s of summary) {
      console.log(
        `  ${(s.column + ' h' + s.horizon).padEnd(15)} best ${s.bestBaseline.padEnd(24)} ${fmt(s.bestBaselineMase)} | ${method} ${fmt(s.mase)} | ratio ${fmt(s.ratio)} ± ${fmt(s.ratioSe)} | cover95 ${fmt(s.coverage)} ± ${fmt(s.coverageSe)}`
      );
    }
    const ratios = summary.map((s) => s.ratio);
    // Within two standard errors of the goal: a difference the 20 origins cannot tell from chance.
    const behind = summary.filter((s) => s.ratio > 1.02 + 2 * s.ratioSe).length;
    const outside = summary.filter((s) => s.coverage + 2 * s.coverageSe < 0.93 || s.coverage - 2 * s.coverageSe > 0.97);
    console.log(
      `  beyond two standard errors of the goals: ${behind} case(s) more than 2% behind the best baseline, ${outside.length} with coverage outside 0.93–0.97`
    );
    console.log(
      `  mean ratio ${fmt(ratios.reduce((a, b) => a + b, 0) / ratios.length)} ± ${fmt(Math.sqrt(summary.reduce((a, s) => a + s.ratioSe ** 2, 0)) / summary.length)}, worst ${fmt(Math.max(...ratios))}; coverage ${fmt(Math.min(...summary.map((s) => s.coverage)))}–${fmt(Math.max(...summary.map((s) => s.coverage)))}`
    );
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const methods = args.filter((a) => !a.startsWith('--'));
  runForecastBench(methods.length ? methods : ['auto'], {
    development: args.includes('--dev'),
    peers: !args.includes('--no-peers'),
  }).then(printForecastTable);
}
