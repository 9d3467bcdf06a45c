// Engine refit throughput and memory: how many week-long 5-minute series one engine process refits per second
// on one core (goal: 10,000 within 60 s), and what each series costs in memory and on disk.
// Standalone: `node --expose-gc --import tsx bench/engine.ts [--series 1000] [--full]`; also run by `npm run bench`.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fitSeries, FitSettings } from '../engine/fit';
import { forecastMethodFor, StreamingAnomalyScorer } from '../engine/ml';
import { correctLevel, newSeriesState, scorePoint, SeriesState } from '../engine/series';
import { saveTargetState } from '../engine/store';
import { dailyShape } from '../simulator/model';

const STEP = 300_000;
const WEEK_POINTS = 2016;
const DAY = 86_400_000;
const GOAL_SERIES = 10_000;
const GOAL_SECONDS = 60;

/** A week of host-like power: daily office cycle, quieter weekends, noise, a level shift in a fifth of them. */
function makeSeries(i: number, end: number): SeriesState {
  let seed = (i * 2654435761) % 2147483647 || 1;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const base = 80 + 300 * rnd();
  const amp = 0.1 + 0.5 * rnd();
  const shiftAt = rnd() < 0.2 ? Math.floor(WEEK_POINTS * (0.5 + 0.5 * rnd())) : Infinity;
  const s = newSeriesState(`s${i}`, { instance: `srv-${i}` }, i, WEEK_POINTS, STEP, 0);
  let ar = 0;
  for (let k = 0; k < WEEK_POINTS; k++) {
    const t = end - (WEEK_POINTS - 1 - k) * STEP;
    const hour = ((t % DAY) / 3_600_000 + 21) % 24;
    const weekend = Math.floor((t - 3 * 3_600_000) / DAY) % 7 >= 2 && Math.floor((t - 3 * 3_600_000) / DAY) % 7 <= 3;
    ar = 0.8 * ar + (rnd() - 0.5) * 0.05;
    const v = base * (1 + amp * dailyShape(hour) * (weekend ? 0.5 : 1) + ar) + (k >= shiftAt ? 0.3 * base : 0);
    s.history.push(t, v);
  }
  return s;
}

export interface EngineBenchRow {
  scenario: string;
  series: number;
  /** Wall-clock seconds (inflated when other processes share the core). */
  seconds: number;
  /** CPU seconds of this process (user + system): the one-core cost, steadier on a busy machine. */
  cpuSeconds: number;
  seriesPerSecond: number;
  msPerSeries: number;
  /** Time 10,000 series would take at this rate. */
  projected10kSeconds: number;
  meetsGoal: boolean;
}

export interface EngineBenchResult {
  protocol: string;
  rows: EngineBenchRow[];
  memory: {
    series: number;
    bytesPerSeries: number;
    historyBytes: number;
    forecastBytes: number;
    anomalyScorerBytes: number;
    stateFileBytesPerSeries: number;
  };
  incremental: { pointsPerSecond: number };
  methodsChosen: Record<string, number>;
}

function time(label: string, states: SeriesState[], settings: FitSettings, now: number): EngineBenchRow {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (const s of states) {
    fitSeries(s, settings, now);
  }
  const c = process.cpuUsage(c0);
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = (c.user + c.system) / 1e6;
  // Rates from CPU time: what one core can do; wall time is reported beside it.
  const rate = states.length / cpuSeconds;
  return {
    scenario: label,
    series: states.length,
    seconds,
    cpuSeconds,
    seriesPerSecond: rate,
    msPerSeries: (1000 * cpuSeconds) / states.length,
    projected10kSeconds: GOAL_SERIES / rate,
    meetsGoal: GOAL_SERIES / rate <= GOAL_SECONDS,
  };
}

function measureThroughput(
  n: number,
  end: number,
  now: number,
  settings: FitSettings
): { rows: EngineBenchRow[]; methodsChosen: Record<string, number> } {
  const states = Array.from({ length: n }, (_, i) => makeSeries(i, end));
  const rows: EngineBenchRow[] = [];
  rows.push(time('auto: model choice by backtest (first fit, then daily)', states, settings, now));
  const methodsChosen: Record<string, number> = {};
  for (const s of states) {
    const name = s.chosenModel ? forecastMethodFor(s.chosenModel) : 'seasonal-naive (fallback)';
    methodsChosen[name] = (methodsChosen[name] ?? 0) + 1;
  }
  // Hourly refits between re-selections reuse the model or ensemble auto chose, without its search.
  rows.push(time('auto, hourly refit reusing the chosen model', states, settings, now + 3_600_000));
  for (const method of ['holt-winters', 'seasonal-mean']) {
    const fresh = states.map((s) => ({ ...s, chosenModel: undefined, selectedAt: -Infinity }));
    rows.push(time(`fixed method: ${method}`, fresh, { ...settings, method }, now));
  }

  return { rows, methodsChosen };
}

function heapUsed(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
}

export async function runEngineBench(options: { series?: number } = {}): Promise<EngineBenchResult> {
  const n = options.series ?? 1000;
  const now = Date.UTC(2024, 4, 15, 12);
  const end = now - (now % STEP);
  const settings: FitSettings = {
    kind: 'power',
    pathSteps: Math.ceil((DAY + 3_600_000 + 120_000) / STEP),
    level: 0.95,
    method: 'auto',
    reselectMs: DAY,
    replaySteps: 12,
  };
  // Warm the JIT, as a running engine is.
  const warm = Array.from({ length: 30 }, (_, i) => makeSeries(1_000_000 + i, end));
  warm.forEach((s) => fitSeries(s, settings, now));

  // Throughput in its own scope, so its series are garbage before memory is measured.
  const { rows, methodsChosen } = measureThroughput(n, end, now, settings);

  // Memory per series: history + forecast path + anomaly scorer fed with the week, as the engine holds them.
  const m = Math.min(n, 2000);
  const before = heapUsed();
  const held: SeriesState[] = [];
  for (let i = 0; i < m; i++) {
    held.push(makeSeries(50_000 + i, end));
  }
  const afterHistory = heapUsed();
  held.forEach((s) => fitSeries(s, { ...settings, method: 'seasonal-mean' }, now));
  const afterForecast = heapUsed();
  for (const s of held) {
    s.anomaly = new StreamingAnomalyScorer({ stepMs: STEP });
    const { timestamps, values } = s.history.toSeries();
    for (let k = 0; k < timestamps.length; k++) {
      scorePoint(s, timestamps[k], values[k]);
    }
  }
  const afterScorer = heapUsed();
  const dir = join(os.tmpdir(), `ecoti-bench-state-${process.pid}`);
  saveTargetState(dir, {
    target: 'bench',
    definition: 'x',
    savedAt: now,
    lastSuccess: now,
    series: held.map((s) => ({
      key: s.key,
      labels: s.labels,
      fittedAt: now,
      selectedAt: now,
      levelOffset: 0,
      anomalyScore: 0,
      anomalyEvents: [],
      forecast: s.forecast,
    })),
  });
  const fileBytes = (await import('node:fs')).statSync(join(dir, 'bench.state.json')).size;
  (await import('node:fs')).rmSync(dir, { recursive: true, force: true });

  // Incremental updates: one new point per series (level correction + anomaly score).
  const t1 = performance.now();
  let points = 0;
  for (let k = 1; k <= 20; k++) {
    for (const s of held) {
      const t = end + k * STEP;
      const v = s.history.at(s.history.length - 1);
      s.history.push(t, v);
      correctLevel(s, t, v);
      scorePoint(s, t, v);
      points++;
    }
  }
  const incremental = { pointsPerSecond: points / ((performance.now() - t1) / 1000) };

  const memory = {
    series: m,
    historyBytes: (afterHistory - before) / m,
    forecastBytes: (afterForecast - afterHistory) / m,
    anomalyScorerBytes: (afterScorer - afterForecast) / m,
    bytesPerSeries: (afterScorer - before) / m,
    stateFileBytesPerSeries: fileBytes / m,
  };
  const result: EngineBenchResult = {
    protocol: `${n} synthetic host-power series, ${WEEK_POINTS} points (a week at 5 min), path ${settings.pathSteps} steps (24 h + refit slack), last hour replayed; one Node process (single-threaded: one core), warm JIT, rates from CPU time${(globalThis as { gc?: unknown }).gc ? '' : ' (no --expose-gc: memory figures are rough)'}`,
    rows,
    memory,
    incremental,
    methodsChosen,
  };
  printEngineBench(result);
  return result;
}

export function printEngineBench(r: EngineBenchResult): void {
  console.log(`\nengine refits — ${r.protocol}`);
  console.log('| scenario | series | wall s | CPU s | series/s (CPU) | ms/series | 10,000 series | goal ≤ 60 s |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const row of r.rows) {
    console.log(
      `| ${row.scenario} | ${row.series} | ${row.seconds.toFixed(1)} | ${row.cpuSeconds.toFixed(1)} | ${row.seriesPerSecond.toFixed(0)} | ${row.msPerSeries.toFixed(2)} | ${row.projected10kSeconds.toFixed(0)} s | ${row.meetsGoal ? 'yes' : 'no'} |`
    );
  }
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KiB`;
  const chosen = Object.entries(r.methodsChosen).sort((a, b) => b[1] - a[1]);
  const rest = chosen.slice(6).reduce((a, [, v]) => a + v, 0);
  console.log(
    `models auto chose: ${chosen
      .slice(0, 6)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}${rest ? `, others ${rest}` : ''}`
  );
  console.log(
    `memory per series (${r.memory.series} held): ${kb(r.memory.bytesPerSeries)} = history ${kb(r.memory.historyBytes)} + forecast ${kb(r.memory.forecastBytes)} + anomaly scorer ${kb(r.memory.anomalyScorerBytes)}; state file ${kb(r.memory.stateFileBytesPerSeries)}`
  );
  console.log(
    `incremental updates (level correction + anomaly score): ${r.incremental.pointsPerSecond.toFixed(0)} points/s`
  );
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const full = args.includes('--full');
  const i = args.indexOf('--series');
  const series = full ? GOAL_SERIES : i >= 0 ? Number(args[i + 1]) : 1000;
  runEngineBench({ series }).then((r) => {
    const dir = join(__dirname, 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'engine.json'),
      `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, cpu: os.cpus()[0]?.model, ...r }, null, 2)}\n`
    );
    console.log(`wrote bench/results/engine.json`);
  });
}
