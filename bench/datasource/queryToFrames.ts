// Query-to-frames time of the data source for 200 series × 2,016 points (a week at 5 minutes):
// Prometheus-shaped upstream frames in, forecast frames out (framesToSeries → analyseQuery, the ML
// included). Grafana's runtime (and so the upstream I/O) cannot load in Node and is left out.
import '../support/browserGlobals';
import { framesToSeries } from '../../src/datasource/frames/toSeries';
import { analyseQuery } from '../../src/datasource/analysis/analyseQuery';
import { createWorkerPool, runInline, TaskRunner } from '../../src/datasource/analysis/taskRunner';
import { makeNodeWorker } from '../support/nodeWorker';
import { migrateQuery } from '../../src/datasource/query/migrateQuery';
import { prometheusFrames, FakeSeries } from '../../src/datasource/testing/fakeUpstream';
import { resolveSettings } from '../../src/shared/settings';
import { median } from '../../src/ml';

const DAY = 86_400_000;
const STEP = 300_000;

export async function measureQueryToFrames(seriesCount = 200, runs = 3, run: TaskRunner = runInline) {
  const to = Date.UTC(2026, 10, 25, 12);
  const from = to - 7 * DAY + STEP;
  const series: FakeSeries[] = Array.from({ length: seriesCount }, (_, i) => ({
    labels: { __name__: 'ipmi_dcmi_power_consumption_watts', instance: `srv-${i}:9290` },
    value: (t: number) => 200 + i + 60 * Math.sin((2 * Math.PI * (t % DAY)) / DAY) + 10 * Math.sin(t / 5_000_000 + i),
  }));
  const frames = prometheusFrames('A', 'ipmi_dcmi_power_consumption_watts', series, from, to, STEP);
  const query = migrateQuery({
    refId: 'A',
    queryType: 'predict',
    target: 'consumption',
    horizon: '24h',
  });
  const settings = resolveSettings({});
  const times: number[] = [];
  let outFrames = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const read = framesToSeries(frames);
    if ('error' in read) {
      throw new Error(read.error);
    }
    const upstream = read.series;
    const out = await analyseQuery({
      query,
      series: upstream,
      range: { from: to - 6 * 3_600_000, to },
      settings,
      run,
      evidence: { query: '', upstreamUid: 'prom' },
    });
    times.push(performance.now() - t0);
    outFrames = out.frames.length;
  }
  return {
    series: seriesCount,
    pointsPerSeries: frames[0].length,
    frames: outFrames,
    medianMs: median(times),
    bestMs: Math.min(...times),
  };
}

/** Inline (one thread, as small queries run) and with a pool of workers (as large ones run). */
export async function measureDataSource(workers = 2) {
  const inline = await measureQueryToFrames();
  const pool = await measureQueryToFrames(200, 3, createWorkerPool(makeNodeWorker, workers));
  return { inline, pool: { ...pool, workers } };
}

if (require.main === module) {
  measureDataSource().then(({ inline, pool }) => {
    const line = (label: string, r: typeof inline) =>
      console.log(
        `data source predict (${label}): ${r.series} series × ${r.pointsPerSeries} points → ${r.frames} frames in ${r.medianMs.toFixed(0)} ms (median of 3)`
      );
    line('inline, one thread', inline);
    line(`pool of ${pool.workers} workers`, pool);
    process.exit(0);
  });
}
