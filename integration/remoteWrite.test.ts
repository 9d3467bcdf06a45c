/** @jest-environment ./engine/testing/nodeEnvironment.js */
// Remote write end to end on loopback: the engine (in-process, on a frozen clock so /metrics and the push describe
// the same instant) reads six hosts' history from one real Prometheus and pushes its series to another real
// Prometheus started with --web.enable-remote-write-receiver; the receiver's query API must hold every series
// /metrics renders, labels and values equal, +Inf included, and a series the engine drops must end at once.
import { parseConfig } from '../engine/config';
import { Engine } from '../engine/engine';
import { registerSeriesMetrics } from '../engine/exported';
import { Logger } from '../engine/log';
import { RemoteWriter } from '../engine/remoteWrite/remoteWriter';
import { getJson, parseMetric, removeDir, tempDir } from './harness';
import { PrometheusServer, startPrometheus } from './support/prometheusServer';

jest.setTimeout(180_000);

const HOUR = 3_600_000;
const STEP_MS = 60_000;
const T = Math.floor(Date.now() / STEP_MS) * STEP_MS;
/** Per host: level (W) and slope (W per hour); h0 stays flat (never crosses 2,600 W), h5 climbs into it. */
const HOSTS = [
  [1000, 0],
  [1300, 5],
  [1600, 10],
  [1900, 20],
  [2200, 40],
  [2450, 120],
] as const;

function history(): string {
  const lines = ['# TYPE rw_power_watts gauge'];
  HOSTS.forEach(([level, slope], i) => {
    for (let t = T - 12 * HOUR; t < T; t += STEP_MS) {
      const w = level + (slope * (t - T)) / HOUR + 15 * Math.sin((2 * Math.PI * t) / HOUR);
      lines.push(`rw_power_watts{host="h${i}",job="meters"} ${w.toFixed(3)} ${t / 1000}`);
    }
  });
  return `${lines.join('\n')}\n# EOF\n`;
}

/** The families the engine computes per series or per target (its process metrics move between two readings). */
const FAMILIES = [
  'ecoti_forecast',
  'ecoti_forecast_max',
  'ecoti_time_to_threshold_seconds',
  'ecoti_target_threshold',
  'ecoti_anomaly_score',
  'ecoti_energy_forecast_kwh',
  'ecoti_energy_observed_kwh',
  'ecoti_engine_info',
  'ecoti_engine_series',
];

type Vector = Array<{ metric: Record<string, string>; value: [number, string] }>;

/** A sample value as the query API writes it (Go's float formatting: +Inf, -Inf, NaN). */
const promValue = (text: string) => (text === '+Inf' ? Infinity : text === '-Inf' ? -Infinity : Number(text));

describe('remote write into a real Prometheus', () => {
  let input: PrometheusServer;
  let receiver: PrometheusServer;
  let engine: Engine;
  let writer: RemoteWriter;
  let now = T;
  const stateDir = tempDir('rw-state');

  async function query(promql: string, at: number): Promise<Vector> {
    const r = await getJson<{ status: string; data: { result: Vector } }>(
      `${receiver.url}/api/v1/query?query=${encodeURIComponent(promql)}&time=${at / 1000}`
    );
    expect(r.status).toBe('success');
    return r.data.result;
  }

  beforeAll(async () => {
    [input, receiver] = await Promise.all([
      startPrometheus({ openMetrics: history() }),
      startPrometheus({ args: ['--web.enable-remote-write-receiver'] }),
    ]);
    const config = parseConfig({
      prometheus: { url: input.url, timeout: '10s', retries: 0 },
      stateDir,
      schedule: { update: '1m', refit: '1h' },
      training: { window: '12h', step: '1m' },
      targets: [
        {
          name: 'host_power',
          promql: 'rw_power_watts',
          kind: 'power',
          horizons: ['1h', '6h'],
          threshold: { value: 2600, direction: 'above' },
        },
      ],
      remoteWrite: { url: `${receiver.url}/api/v1/write`, externalLabels: { site: 'lab' }, maxSamplesPerRequest: 50 },
    });
    engine = new Engine({ config, clock: () => now });
    registerSeriesMetrics(engine);
    await engine.runDueTargets();
    expect(engine.targets[0].lastError).toBeUndefined();
    writer = new RemoteWriter({
      config: config.remoteWrite!,
      registry: engine.metrics.registry,
      everyMs: 60_000,
      defaultLabels: { job: 'ecoti-engine', instance: 'engine-0:9464' },
      log: new Logger('silent'),
      clock: () => now,
    });
  });

  afterAll(async () => {
    await Promise.all([input?.stop(), receiver?.stop()]);
    removeDir(stateDir);
  });

  it('lands every series /metrics renders with the same labels (plus job, instance, site) and the same value', async () => {
    const pushed = await writer.push();
    expect(pushed.failed).toBe(0);
    expect(pushed.requests).toBeGreaterThan(1);
    const text = await engine.metrics.registry.metrics();
    let compared = 0;
    for (const family of FAMILIES) {
      const expected = parseMetric(text, family);
      const landed = await query(family, now);
      const key = (labels: Record<string, string>) => JSON.stringify(Object.entries(labels).sort());
      const got = new Map(
        landed.map((s) => {
          const { __name__, ...labels } = s.metric;
          return [key(labels), { name: __name__, value: promValue(s.value[1]), at: s.value[0] * 1000 }];
        })
      );
      expect(got.size).toBe(expected.length);
      for (const e of expected) {
        const g = got.get(key({ job: 'ecoti-engine', instance: 'engine-0:9464', site: 'lab', ...e.labels }));
        expect({ family, labels: e.labels, value: g?.value, at: g?.at }).toEqual({
          family,
          labels: e.labels,
          value: e.value,
          at: now,
        });
        compared++;
      }
    }
    // 6 hosts × (2 horizons × 3 bounds) of ecoti_forecast alone.
    expect(compared).toBeGreaterThan(6 * 6 * 2);
    const forecastHosts = new Set(
      (await query('ecoti_forecast{bound="mean",horizon="1h"}', now)).map((s) => s.metric.host)
    );
    expect([...forecastHosts].sort()).toEqual(['h0', 'h1', 'h2', 'h3', 'h4', 'h5']);
  });

  it('carries +Inf for a series whose forecast never crosses the threshold, a finite time for one that does', async () => {
    const ttt = await query('ecoti_time_to_threshold_seconds{bound="mean"}', now);
    const byHost = Object.fromEntries(ttt.map((s) => [s.metric.host, s.value[1]]));
    expect(byHost.h0).toBe('+Inf');
    expect(Number(byHost.h5)).toBeLessThan(6 * 3600);
  });

  it('ends a series the engine dropped at once with a stale marker, and keeps the others', async () => {
    const rt = engine.targets[0];
    const h5 = [...rt.states.entries()].find(([, s]) => s.labels.host === 'h5')![0];
    rt.states.delete(h5);
    now = T + 15_000;
    const pushed = await writer.push();
    // Every ecoti_forecast, _max and time-to-threshold series of h5 (6 + 6 + 3), its anomaly score and energy (≥ 1).
    expect(pushed.staleMarkers).toBeGreaterThanOrEqual(16);
    expect(pushed.failed).toBe(0);
    // Five seconds later, well inside the 5-minute lookback, h5 is gone and h0 is there.
    expect(await query('ecoti_forecast{host="h5"}', now + 5_000)).toEqual([]);
    expect(await query('ecoti_forecast{host="h0"}', now + 5_000)).toHaveLength(6);
    // Before the marker, h5 was there.
    expect(await query('ecoti_forecast{host="h5"}', now - 5_000)).toHaveLength(6);
  });

  it('counts what was sent in its own metrics, pushed with the rest', async () => {
    now = T + 30_000;
    await writer.push();
    const sent = await query('ecoti_engine_remote_write_samples_total', now);
    expect(sent).toHaveLength(1);
    expect(Number(sent[0].value[1])).toBeGreaterThan(200);
    expect(await query('ecoti_engine_remote_write_failures_total', now)).toEqual([]);
  });
});
