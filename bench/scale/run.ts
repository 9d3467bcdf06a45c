// The engine past one machine, measured: K engine replicas as separate processes (niced) over a synthetic fleet of
// 100,000 power series served by bench/scale/syntheticPrometheus.ts, each replica pushing its forecasts by remote
// write into a real Prometheus (Debian's, --web.enable-remote-write-receiver). Reports per replica: series, time and
// CPU of the first full cycle (fetch + fit of every series), series per second, memory per series; the time a new
// series takes to get its first forecast; and what the receiving Prometheus holds (head series, RSS, push time).
// `npm run bench -- scale` (writes bench/results/latest.json's `scale`), or alone:
// `node --import tsx bench/scale/run.ts [--series 100000] [--replicas 2,4] [--groups 10]`.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  complete,
  cpuSeconds,
  engineConfig,
  metricSum,
  Readiness,
  readyz,
  rssBytes,
  ScaleOptions,
  Served,
  startEngine,
  startReceiver,
  startSynthetic,
} from './processes';
import { printScale, ScaleRun } from './report';

/** Each K's run stops here, whatever it has measured. */
const RUN_BUDGET_MS = 9 * 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface EngineProc extends Served {
  shard: number;
  doneAt?: number;
  cpu?: number;
}

async function runReplicas(k: number, options: ScaleOptions): Promise<ScaleRun> {
  const dir = mkdtempSync(join(os.tmpdir(), `ecoti-scale-${k}-`));
  const synthetic = await startSynthetic(options.series, options.groups);
  const receiver = await startReceiver(dir);
  const urls = { prometheus: synthetic.url, receiver: receiver.url };
  const engines: EngineProc[] = [];
  let empty: Served | undefined;
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
      if ([synthetic.proc, receiver.proc, ...engines.map((e) => e.proc)].some((p) => p.child.exitCode !== null)) {
        throw new Error('a process of the scale bench exited early (see its output above)');
      }
      for (const e of engines.filter((x) => x.doneAt === undefined)) {
        if (complete(await readyz(e.url))) {
          e.doneAt = Date.now();
          e.cpu = cpuSeconds(e.proc.child.pid!);
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
    const emptyRss = empty ? rssBytes(empty.proc.child.pid!) : 0;
    const emptyHeap = empty
      ? metricSum(await (await fetch(`${empty.url}/metrics`)).text(), 'ecoti_engine_nodejs_heap_size_used_bytes')
      : 0;
    for (const e of engines.filter((x) => x.doneAt !== undefined)) {
      const r = (await readyz(e.url))!;
      const series = r.targets.reduce((a, t) => a + t.series, 0);
      const text = await (await fetch(`${e.url}/metrics`)).text();
      const rss = rssBytes(e.proc.child.pid!);
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
    await Promise.all([...engines, ...(empty ? [empty] : [])].map((e) => e.proc.stop()));
    await Promise.all([synthetic.proc.stop(), receiver.proc.stop()]);
    rmSync(dir, { recursive: true, force: true });
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
