// Cross-validation of auto's settings (src/ml/forecast/autoSettings.ts) on data the reported bench does not
// score: the development origins (first 60%) of ETTh1's seven columns and of the three BioHPC servers, and the
// reported origins of the five ETTh1 columns the bench does not report (HULL, MUFL, MULL, LUFL, LULL).
// Leave-one-file-out: for each file (ETTh1, cbsugpu05, 06, 07) the variant that scores best on the other three
// is scored on it; a setting is kept when the folds agree.
// `node --import tsx bench/forecast/tune.ts [selection|band|all]` (all: about 3 minutes on one core).
import { AUTO_SETTINGS, AutoSettings, forecastWithAutoSettings } from '../../src/ml/testing';
import { BASELINES } from './run';
import {
  Column,
  developmentOrigins,
  Forecaster,
  HORIZONS,
  loadBiohpcPower,
  loadEtth1,
  maseScale,
  origins,
  TRAIN,
  usableOrigins,
} from './protocol';

interface TuneCase {
  file: string;
  label: string;
  column: Column;
  horizon: number;
  at: number[];
  /** MASE of the best baseline on this case. */
  bestBaseline: number;
}

interface CaseResult {
  label: string;
  file: string;
  mase: number;
  ratio: number;
  coverage: number;
}

const UNREPORTED_ETT = ['HULL', 'MUFL', 'MULL', 'LUFL', 'LULL'];

function tuningCases(): TuneCase[] {
  const maxH = Math.max(...HORIZONS);
  const sets: Array<{ column: Column; at: number[]; tag: string }> = [];
  for (const column of [...loadEtth1(['OT', 'HUFL', ...UNREPORTED_ETT]), ...loadBiohpcPower()]) {
    sets.push({ column, at: developmentOrigins(column.values.length, maxH), tag: 'dev' });
    if (UNREPORTED_ETT.includes(column.name)) {
      sets.push({ column, at: origins(column.values.length, maxH), tag: 'last 40%' });
    }
  }
  const cases: TuneCase[] = [];
  for (const { column, at, tag } of sets) {
    const usable = usableOrigins(column.values, at, maxH);
    for (const horizon of HORIZONS) {
      const bestBaseline = Math.min(...Object.values(BASELINES).map((f) => meanMase(column, horizon, usable, f).mase));
      cases.push({
        file: column.corpus === 'ETTh1' ? 'ETTh1' : column.name,
        label: `${column.name} ${tag} h${horizon}`,
        column,
        horizon,
        at: usable,
        bestBaseline,
      });
    }
  }
  return cases;
}

function meanMase(column: Column, horizon: number, at: number[], f: Forecaster) {
  let mase = 0;
  let covered = 0;
  let points = 0;
  for (const o of at) {
    const train = {
      timestamps: column.timestamps.subarray(o - TRAIN, o),
      values: column.values.subarray(o - TRAIN, o),
    };
    const fc = f(train, horizon);
    let ae = 0;
    let n = 0;
    for (let i = 0; i < horizon; i++) {
      const a = column.values[o + i];
      if (Number.isFinite(a)) {
        ae += Math.abs(a - fc.mean[i]);
        n++;
        if (fc.lower && fc.upper) {
          points++;
          covered += a >= fc.lower[i] && a <= fc.upper[i] ? 1 : 0;
        }
      }
    }
    mase += ae / n / maseScale(train.values);
  }
  return { mase: mase / at.length, coverage: points ? covered / points : NaN };
}

function scoreVariant(settings: AutoSettings, cases: TuneCase[]): CaseResult[] {
  const f: Forecaster = (train, horizon) => forecastWithAutoSettings(train, { horizon, level: 0.95 }, settings);
  return cases.map((c) => {
    const r = meanMase(c.column, c.horizon, c.at, f);
    return { label: c.label, file: c.file, mase: r.mase, ratio: r.mase / c.bestBaseline, coverage: r.coverage };
  });
}

/** Lower is better: the mean ratio to the best baseline, plus penalties for a case >2% behind and for coverage outside 0.93–0.97. */
export function objective(results: CaseResult[]): number {
  const mean = results.reduce((s, r) => s + r.ratio, 0) / results.length;
  const behind = results.reduce((s, r) => s + Math.max(0, r.ratio - 1.02), 0) / results.length;
  const miscovered =
    results.reduce((s, r) => s + Math.max(0, 0.93 - r.coverage) + Math.max(0, r.coverage - 0.97), 0) / results.length;
  return mean + behind + miscovered;
}

function summary(results: CaseResult[]) {
  const ratios = results.map((r) => r.ratio);
  const cover = results.map((r) => r.coverage);
  return {
    objective: objective(results),
    meanRatio: ratios.reduce((a, b) => a + b, 0) / ratios.length,
    worstRatio: Math.max(...ratios),
    coverage: [Math.min(...cover), Math.max(...cover)],
    outside: cover.filter((c) => c < 0.93 || c > 0.97).length,
  };
}

type Variant = [string, AutoSettings];

function variants(group: string): Variant[] {
  const out: Variant[] = [['chosen (AUTO_SETTINGS)', AUTO_SETTINGS]];
  const add = (name: string, patch: Partial<AutoSettings>) => out.push([name, { ...AUTO_SETTINGS, ...patch }]);
  const band = (name: string, patch: Partial<AutoSettings['band']>) =>
    out.push([name, { ...AUTO_SETTINGS, band: { ...AUTO_SETTINGS.band, ...patch } }]);
  const without = (names: string[]) => AUTO_SETTINGS.candidates.filter((c) => !names.includes(c));
  if (group === 'selection' || group === 'all') {
    add('without the issue-10 baselines', {
      candidates: without(['naive', 'last-season-mean', 'drift', 'recent-median', 'seasonal-naive']),
    });
    add('without recent-median', { candidates: without(['recent-median']) });
    add('loss absolute', { loss: 'absolute' });
    add('half-life 168', { halfLife: 168 });
    add('half-life 72', { halfLife: 72 });
    add('ensembles of 2', { maxEnsemble: 2 });
    add('single model', { maxEnsemble: 1 });
    add('shortlist 6', { shortlist: 6 });
    add('shortlist 11 (all)', { shortlist: 11 });
    add('backtest from 30%', { backtestFrom: 0.3 });
    add('backtest from 40%', { backtestFrom: 0.4 });
    add('backtest from 60%', { backtestFrom: 0.6 });
    add('8 origins', { maxOrigins: 8 });
    add('16 origins', { maxOrigins: 16 });
    add('24 origins', { maxOrigins: 24 });
  }
  if (group === 'band' || group === 'all') {
    band('asymmetric band', { asymmetric: true });
    band('no coverage margin', { confidence: 0.5 });
    band('margin 0.95', { confidence: 0.95 });
    band('blend with the prior (2 blocks), as before', { combine: 'blend', priorBlocks: 2 });
    band('blend with the prior (4 blocks)', { combine: 'blend', priorBlocks: 4 });
    band('blend, asymmetric', { combine: 'blend', asymmetric: true });
    band('prior never narrower than seasonal naive', { priorFloor: 1 });
    band('prior at 0.97', { priorTailShare: 0.6 });
    band('prior at 0.98', { priorTailShare: 0.4 });
    band('prior at 0.97, floor 1', { priorTailShare: 0.6, priorFloor: 1 });
    band('union scaled by windows (2)', { combine: 'union-scaled', priorBlocks: 2 });
    band('union scaled by windows (4)', { combine: 'union-scaled', priorBlocks: 4 });
    band('union scaled (2), prior at 0.97', { combine: 'union-scaled', priorBlocks: 2, priorTailShare: 0.6 });
    band('union scaled (2), prior at 0.98', { combine: 'union-scaled', priorBlocks: 2, priorTailShare: 0.4 });
    band('union scaled (4), prior at 0.98', { combine: 'union-scaled', priorBlocks: 4, priorTailShare: 0.4 });
    band('union scaled (2), margin 0.95', { combine: 'union-scaled', priorBlocks: 2, confidence: 0.95 });
  }
  return out;
}

function main() {
  const group = process.argv[2] ?? 'all';
  const cases = tuningCases();
  const files = [...new Set(cases.map((c) => c.file))];
  console.log(`${cases.length} tuning cases over ${files.join(', ')}`);
  const scored = variants(group).map(([name, settings]) => {
    const t0 = performance.now();
    const results = scoreVariant(settings, cases);
    const s = summary(results);
    console.log(
      `${name.padEnd(44)} objective ${s.objective.toFixed(3)} | mean ratio ${s.meanRatio.toFixed(3)} worst ${s.worstRatio.toFixed(3)} | cover95 ${s.coverage[0].toFixed(3)}–${s.coverage[1].toFixed(3)}, ${s.outside} outside | ${((performance.now() - t0) / 1000).toFixed(0)} s`
    );
    return { name, results };
  });
  console.log('\nleave one file out: the variant best on the other files, scored on the held-out one');
  for (const held of files) {
    const ranked = scored
      .map((v) => ({
        name: v.name,
        train: objective(v.results.filter((r) => r.file !== held)),
        test: v.results.filter((r) => r.file === held),
      }))
      .sort((a, b) => a.train - b.train);
    const best = ranked[0];
    const def = scored[0].results.filter((r) => r.file === held);
    console.log(
      `  ${held.padEnd(10)} chosen: ${best.name.padEnd(40)} held-out objective ${objective(best.test).toFixed(3)} (default ${objective(def).toFixed(3)})`
    );
  }
  const best = scored.reduce((a, b) => (objective(b.results) < objective(a.results) ? b : a));
  console.log(`\nper case, default settings, and ${best.name}:`);
  for (const [i, r] of scored[0].results.entries()) {
    const b = best.results[i];
    console.log(
      `  ${r.label.padEnd(26)} MASE ${r.mase.toFixed(3)} ratio ${r.ratio.toFixed(3)} cover95 ${r.coverage.toFixed(3)} | ${b.ratio.toFixed(3)} ${b.coverage.toFixed(3)}`
    );
  }
}

if (require.main === module) {
  main();
}
