// The engine past one machine, measured: K engine replicas as separate processes (niced) over a synthetic fleet of
// 100,000 power series served by bench/scale/syntheticPrometheus.ts, each replica pushing its forecasts by remote
// write into a real Prometheus (Debian's, --web.enable-remote-write-receiver). Reports per replica: series, time and
// CPU of the first full cycle (fetch + fit of every series), series per second, memory per series; the time a new
// series takes to get its first forecast; and what the receiving Prometheus holds (head series, RSS, push time).
// `npm run bench -- scale` (writes bench/results/latest.json's `scale`), or alone:
// `node --import tsx bench/scale/run.ts [--series 100000] [--replicas 2,4] [--groups 10]`.
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';

const REPO = resolve(__dirname, '..', '..');
const CLOCK_TICKS = 100;
/** Each K's run stops here, whatever it has measured. */
const RUN_BUDGET_MS = 9 * 60_000;

export interface ScaleOptions {
  series: number;
  replicas: number[];
  groups: number;
  window: string;
  step: string;
  /** temperature: no month-to-date energy fetch (power targets fetch the month so far too; see README). */
  kind: 'temperature' | 'power';
}

export interface ReplicaRow {
  replicas: number;
  shard: number;
  series: number;
  firstCycleSeconds: number;
  cpuSeconds: number;
  seriesPerSecond: number;
  seriesPerCpuSecond: number;
  fitSeconds: number;
  rssMiB: number;
  heapUsedMiB: number;
  rssBytesPerSeries: number;
  heapBytesPerSeries: number;
}

export interface ScaleRun {
  replicas: number;
  complete: boolean;
  wallSeconds: number;
  rows: ReplicaRow[];
  newSeriesFirstForecastSeconds?: number;
  pointsServed: number;
  /** The same engine with no series: subtracted from each replica's memory before dividing by its series. */
  emptyEngine?: { rssMiB: number; heapUsedMiB: number };
  prometheus?: {
    headSeries: number;
    rssMiB: number;
    bytesPerHeadSeries: number;
    samplesAccepted: number;
    pushSecondsPerReplica: number;
    samplesPerSecondPerReplica: number;
    failures: number;
  };
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function niced(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn('nice', ['-n', '10', ...args], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** User + system CPU seconds of a process so far (Linux /proc; nice execs in place, so the pid is node's). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

/** Sum of a metric's samples in a Prometheus text exposition (all label sets, or those containing `match`). */
function metricSum(text: string, name: string, match = ''): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if ((line.startsWith(`${name} `) || line.startsWith(`${name}{`)) && line.includes(match)) {
      sum += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return sum;
}

interface Readiness {
  targets: Array<{ target: string; series: number; seriesWithForecast: number; status: string }>;
}

async function readyz(url: string): Promise<Readiness | undefined> {
  try {
    return (await (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(10_000) })).json()) as Readiness;
  } catch {
    return undefined;
  }
}

const complete = (r: Readiness | undefined) =>
  !!r && r.targets.every((t) => t.status === 'shard_empty' || (t.series > 0 && t.seriesWithForecast === t.series));

async function startSynthetic(series: number, groups: number): Promise<{ url: string; proc: ChildProcess }> {
  const proc = niced([
    process.execPath,
    '--import',
    'tsx',
    'bench/scale/syntheticPrometheus.ts',
    String(series),
    String(groups),
  ]);
  const url = await new Promise<string>((res, rej) => {
    proc.stdout!.once('data', (d) => res(String(d).trim()));
    proc.once('exit', (code) => rej(new Error(`synthetic Prometheus exited ${code}`)));
  });
  return { url, proc };
}

async function startReceiver(dir: string): Promise<{ url: string; proc: ChildProcess }> {
  const port = await freePort();
  writeFileSync(join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 1m\n');
  mkdirSync(join(dir, 'data'));
  const proc = niced([
    process.env.PROMETHEUS_BIN ?? 'prometheus',
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--web.enable-remote-write-receiver',
    '--log.level=warn',
  ]);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    if ((await fetch(`${url}/-/ready`).catch(() => undefined))?.status === 200) {
      return { url, proc };
    }
    await sleep(250);
  }
  throw new Error('the receiving Prometheus did not become ready');
}

function stop(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((r) => {
    const t = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    proc.once('exit', () => {
      clearTimeout(t);
      r();
    });
    proc.kill('SIGTERM');
  });
}

function engineConfig(
  options: ScaleOptions,
  urls: { prometheus: string; receiver: string },
  port: number,
  dir: string,
  groupOf: (g: number) => number
) {
  return stringify({
    prometheus: { url: urls.prometheus, timeout: '5m', retries: 1 },
    listen: { host: '127.0.0.1', port },
    stateDir: dir,
    schedule: { update: '15s', refit: '1h', staleAfter: '10m', maxBackoff: '30s' },
    training: { window: options.window, step: options.step, maxSeriesPerTarget: options.series },
    targets: Array.from({ length: options.groups }, (_, g) => ({
      name: `fleet_g${g}`,
      promql: `scale_power_watts{group="g${groupOf(g)}"}`,
      kind: options.kind,
      horizons: ['24h'],
      // The streaming scorer's memory is measured by the NAB bench; here it would only multiply the RSS.
      anomaly: false,
    })),
    remoteWrite: { url: `${urls.receiver}/api/v1/write`, every: '30s', keep: 'ecoti_forecast|ecoti_engine_.*' },
  });
}

interface EngineProc {
  proc: ChildProcess;
  url: string;
  shard: number;
  doneAt?: number;
  cpu?: number;
}

async function startEngine(dir: string, name: string, config: (port: number) => string, env: NodeJS.ProcessEnv) {
  const port = await freePort();
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, config(port));
  const proc = niced(
    [process.execPath, '--import', 'tsx', 'engine/main.ts', '--config', file, '--log-level', 'warn'],
    env
  );
  let out = '';
  proc.stderr!.on('data', (d) => (out = `${out}${d}`.slice(-4000)));
  proc.once('exit', (code) => code && process.stderr.write(`engine ${name} exited ${code}: ${out}\n`));
  return { proc, url: `http://127.0.0.1:${port}` };
}

async function runReplicas(k: number, options: ScaleOptions): Promise<ScaleRun> {
  const dir = mkdtempSync(join(os.tmpdir(), `ecoti-scale-${k}-`));
  const synthetic = await startSynthetic(options.series, options.groups);
  const receiver = await startReceiver(dir);
  const urls = { prometheus: synthetic.url, receiver: receiver.url };
  const engines: EngineProc[] = [];
  let empty: { proc: ChildProcess; url: string } | undefined;
  const started = Date.now();
  try {
    for (let shard = 0; shard < k; shard++) {
      const e = await startEngine(
        dir,
        `engine-${shard}`,
        (port) => engineConfig(options, urls, port, join(dir, `state-${shard}`), (g) => g),
        { ECOTI_SHARDS: String(k), ECOTI_SHARD_INDEX: String(shard) }
      );
      engines.push({ ...e, shard });
    }
    // The same engine with targets that match nothing: what an engine weighs before any series.
    empty = await startEngine(
      dir,
      'empty',
      (port) => engineConfig(options, urls, port, join(dir, 'state-empty'), () => options.groups),
      {}
    );
    // First full cycle: every series of every target fetched and forecast.
    while (engines.some((e) => e.doneAt === undefined) && Date.now() - started < RUN_BUDGET_MS) {
      if ([synthetic.proc, receiver.proc, ...engines.map((e) => e.proc)].some((p) => p.exitCode !== null)) {
        throw new Error('a process of the scale bench exited early (see its output above)');
      }
      for (const e of engines.filter((x) => x.doneAt === undefined)) {
        if (complete(await readyz(e.url))) {
          e.doneAt = Date.now();
          e.cpu = cpuSeconds(e.proc.pid!);
        }
      }
      await sleep(1000);
    }
    const allDone = engines.every((e) => e.doneAt !== undefined);
    const run: ScaleRun = { replicas: k, complete: allDone, wallSeconds: 0, rows: [], pointsServed: 0 };
    if (allDone) {
      // A new host appears: it is found by the next update's query, its history fetched for it alone, and fitted.
      const total = (rs: Array<Readiness | undefined>) =>
        rs.reduce((a, r) => a + (r?.targets.reduce((b, t) => b + t.seriesWithForecast, 0) ?? 0), 0);
      const base = total(await Promise.all(engines.map((e) => readyz(e.url))));
      const t0 = Date.now();
      await fetch(`${synthetic.url}/bench/fleet?count=${options.series + 1}`, { method: 'POST' });
      while (Date.now() - t0 < 120_000 && Date.now() - started < RUN_BUDGET_MS) {
        if (total(await Promise.all(engines.map((e) => readyz(e.url)))) > base) {
          run.newSeriesFirstForecastSeconds = (Date.now() - t0) / 1000;
          break;
        }
        await sleep(250);
      }
      // Two pushes of every replica after the first full cycle, then the receiver's view.
      await sleep(65_000);
      const prom = await (await fetch(`${receiver.url}/metrics`)).text();
      const engineTexts = await Promise.all(engines.map(async (e) => (await fetch(`${e.url}/metrics`)).text()));
      const sum = (name: string) => engineTexts.reduce((a, t) => a + metricSum(t, name), 0);
      const headSeries = metricSum(prom, 'prometheus_tsdb_head_series');
      const rss = metricSum(prom, 'process_resident_memory_bytes');
      const pushSeconds = sum('ecoti_engine_remote_write_duration_seconds_sum');
      const samples = sum('ecoti_engine_remote_write_samples_total');
      run.prometheus = {
        headSeries,
        rssMiB: rss / 2 ** 20,
        bytesPerHeadSeries: rss / headSeries,
        samplesAccepted: samples,
        pushSecondsPerReplica: pushSeconds / k,
        samplesPerSecondPerReplica: samples / pushSeconds,
        failures: sum('ecoti_engine_remote_write_failures_total'),
      };
    }
    // Memory once the first cycle's garbage has had a minute to go, less an engine without series.
    const emptyRss = empty ? rssBytes(empty.proc.pid!) : 0;
    const emptyHeap = empty
      ? metricSum(await (await fetch(`${empty.url}/metrics`)).text(), 'ecoti_engine_nodejs_heap_size_used_bytes')
      : 0;
    for (const e of engines.filter((x) => x.doneAt !== undefined)) {
      const r = (await readyz(e.url))!;
      const series = r.targets.reduce((a, t) => a + t.series, 0);
      const text = await (await fetch(`${e.url}/metrics`)).text();
      const rss = rssBytes(e.proc.pid!);
      const heap = metricSum(text, 'ecoti_engine_nodejs_heap_size_used_bytes');
      const seconds = (e.doneAt! - started) / 1000;
      run.rows.push({
        replicas: k,
        shard: e.shard,
        series,
        firstCycleSeconds: seconds,
        cpuSeconds: e.cpu!,
        seriesPerSecond: series / seconds,
        seriesPerCpuSecond: series / e.cpu!,
        fitSeconds: metricSum(text, 'ecoti_engine_fit_duration_seconds_sum'),
        rssMiB: rss / 2 ** 20,
        heapUsedMiB: heap / 2 ** 20,
        rssBytesPerSeries: (rss - emptyRss) / series,
        heapBytesPerSeries: (heap - emptyHeap) / series,
      });
    }
    run.emptyEngine = { rssMiB: emptyRss / 2 ** 20, heapUsedMiB: emptyHeap / 2 ** 20 };
    const stats = (await (await fetch(`${synthetic.url}/bench/fleet`, { method: 'POST' })).json()) as {
      stats: { points: number };
    };
    run.pointsServed = stats.stats.points;
    run.wallSeconds = (Date.now() - started) / 1000;
    return run;
  } finally {
    await Promise.all([...engines, ...(empty ? [empty] : [])].map((e) => stop(e.proc)));
    await Promise.all([stop(synthetic.proc), stop(receiver.proc)]);
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printScale(runs: ScaleRun[]): void {
  console.log(
    '\nscale: K engine replicas (processes, nice 10) over one synthetic fleet; first full cycle = fetch + fit'
  );
  console.log(
    'K  shard  series   cycle s  CPU s  series/s  series/CPU-s  fit s  RSS MiB  heap MiB  RSS B/series  heap B/series'
  );
  for (const run of runs) {
    for (const r of run.rows) {
      console.log(
        `${String(r.replicas).padEnd(3)}${String(r.shard).padEnd(7)}${String(r.series).padEnd(9)}${r.firstCycleSeconds.toFixed(0).padStart(7)}${r.cpuSeconds.toFixed(0).padStart(7)}${r.seriesPerSecond.toFixed(0).padStart(10)}${r.seriesPerCpuSecond.toFixed(0).padStart(14)}${r.fitSeconds.toFixed(0).padStart(7)}${r.rssMiB.toFixed(0).padStart(9)}${r.heapUsedMiB.toFixed(0).padStart(10)}${r.rssBytesPerSeries.toFixed(0).padStart(14)}${r.heapBytesPerSeries.toFixed(0).padStart(15)}`
      );
    }
    console.log(
      `K=${run.replicas}: ${run.complete ? 'complete' : 'NOT complete within the budget'}; new series forecast after ${run.newSeriesFirstForecastSeconds?.toFixed(1) ?? '—'} s; ${(run.pointsServed / 1e6).toFixed(1)} M points served; an engine without series: RSS ${run.emptyEngine?.rssMiB.toFixed(0) ?? '—'} MiB, heap ${run.emptyEngine?.heapUsedMiB.toFixed(0) ?? '—'} MiB`
    );
    if (run.prometheus) {
      const p = run.prometheus;
      console.log(
        `  receiving Prometheus: ${p.headSeries} head series, RSS ${p.rssMiB.toFixed(0)} MiB (${p.bytesPerHeadSeries.toFixed(0)} B/series); ${p.samplesAccepted} samples accepted, ${p.pushSecondsPerReplica.toFixed(1)} s pushing per replica (${p.samplesPerSecondPerReplica.toFixed(0)} samples/s), ${p.failures} failed requests`
      );
    }
  }
}

export async function runScaleBench(
  options: Partial<ScaleOptions> = {}
): Promise<{ protocol: string; runs: ScaleRun[] }> {
  const o: ScaleOptions = {
    series: 100_000,
    replicas: [2, 4],
    groups: 10,
    window: '2d',
    step: '15m',
    kind: 'temperature',
    ...options,
  };
  const runs: ScaleRun[] = [];
  for (const k of o.replicas) {
    process.stderr.write(`scale bench: ${k} replicas over ${o.series} series\n`);
    runs.push(await runReplicas(k, o));
  }
  printScale(runs);
  return {
    protocol: `${o.series} synthetic power series (bench/scale/syntheticPrometheus.ts: daily cycle + jitter, computed on the fly, query_range JSON streamed) in ${o.groups} targets of ${o.series / o.groups}, kind ${o.kind}; training window ${o.window} at ${o.step}, method auto, horizon 24h, anomaly scores off; K replicas as processes under nice 10 on ${os.cpus().length} cores shared with other work, ECOTI_SHARDS=K; each pushes ecoti_forecast and its own metrics every 30 s into Debian's Prometheus ${'(--web.enable-remote-write-receiver)'}`,
    runs,
  };
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      series: { type: 'string' },
      replicas: { type: 'string' },
      groups: { type: 'string' },
      kind: { type: 'string' },
    },
  });
  runScaleBench({
    ...(values.series ? { series: Number(values.series) } : {}),
    ...(values.replicas ? { replicas: values.replicas.split(',').map(Number) } : {}),
    ...(values.groups ? { groups: Number(values.groups) } : {}),
    ...(values.kind ? { kind: values.kind as ScaleOptions['kind'] } : {}),
  })
    .then(() => process.exit(0))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
