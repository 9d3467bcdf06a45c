/** @jest-environment ./engine/testing/nodeEnvironment.js */
// Two engine replicas as separate processes, same configuration, their shard given the two ways a StatefulSet can
// (ECOTI_SHARD_INDEX from the pod-index label; the pod's HOSTNAME ordinal), reading 150 series from a real
// Prometheus and pushing into another real Prometheus with the remote-write receiver: together they forecast every
// series, each series once; and a replica told an index beyond ECOTI_SHARDS refuses to start.
import { getJson, getText, parseMetric, removeDir, tempDir, waitFor } from './harness';
import { EngineReplica, startEngineProcess, startEngineReplicas, threeHourEngineConfig } from './support/engineProcess';
import { gaugeHistory } from './support/gaugeHistory';
import { PrometheusServer, startPrometheus } from './support/prometheusServer';

jest.setTimeout(240_000);

const HOUR = 3_600_000;
const STEP_MS = 60_000;
const SERIES = 150;
const T = Math.floor(Date.now() / STEP_MS) * STEP_MS;
const dir = tempDir('replicas');

/** 150 PDU outlets over 3 racks; the rack label repeats, so the shard hash must use all labels to split evenly. */
const history = () =>
  gaugeHistory(
    'rep_outlet_watts',
    Array.from({ length: SERIES }, (_, i) => ({
      labels: { outlet: `o${i}`, rack: `r${i % 3}` },
      value: (t: number) => 100 + i + 10 * Math.sin((2 * Math.PI * (t + i * STEP_MS)) / HOUR),
    })),
    { from: T - 3 * HOUR, to: T - STEP_MS, step: STEP_MS }
  );

type Vector = Array<{ metric: Record<string, string>; value: [number, string] }>;

describe('two engine replicas split the series', () => {
  let input: PrometheusServer;
  let receiver: PrometheusServer;
  let replicas: EngineReplica[] = [];
  let urls: string[] = [];

  beforeAll(async () => {
    [input, receiver] = await Promise.all([
      startPrometheus({ openMetrics: history() }),
      startPrometheus({ args: ['--web.enable-remote-write-receiver'] }),
    ]);
    replicas = await startEngineReplicas(
      dir,
      {
        ...threeHourEngineConfig(input.url),
        targets: [
          { name: 'outlet_power', promql: 'rep_outlet_watts', kind: 'power', horizons: ['1h'], anomaly: false },
        ],
        remoteWrite: { url: `${receiver.url}/api/v1/write`, every: '2s' },
      },
      [
        { ECOTI_SHARDS: '2', ECOTI_SHARD_INDEX: '0' },
        { ECOTI_SHARDS: '2', ECOTI_SHARD_FROM_HOSTNAME: 'true', HOSTNAME: 'ecoti-engine-1' },
      ]
    );
    urls = replicas.map((r) => r.url);
  });

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.proc.stop()));
    await Promise.all([input?.stop(), receiver?.stop()]);
    removeDir(dir);
  });

  async function outletsOf(url: string): Promise<string[]> {
    const text = await getText(`${url}/metrics`);
    return parseMetric(text, 'ecoti_forecast')
      .filter((m) => m.labels.bound === 'mean')
      .map((m) => m.labels.outlet);
  }

  it('each series is forecast by exactly one replica, and every series by one of them', async () => {
    const [a, b] = await Promise.all(urls.map(outletsOf));
    const all = Array.from({ length: SERIES }, (_, i) => `o${i}`);
    expect(new Set(a).size).toBe(a.length);
    expect(a.filter((o) => b.includes(o))).toEqual([]);
    expect([...a, ...b].sort()).toEqual(all.sort());
    // Neither replica holds (nearly) all: FNV-1a of the labels spreads them.
    expect(Math.min(a.length, b.length)).toBeGreaterThan(SERIES / 4);
    const info = await Promise.all(
      urls.map(async (u) => parseMetric(await getText(`${u}/metrics`), 'ecoti_engine_info')[0].labels)
    );
    expect(info).toEqual([
      { shard: '0', shards: '2' },
      { shard: '1', shards: '2' },
    ]);
  });

  it('both push into one receiver without a rejected request: the union lands there, each series once', async () => {
    const vector = await waitFor(
      'every series in the receiver',
      async () => {
        const r = await getJson<{ data: { result: Vector } }>(
          `${receiver.url}/api/v1/query?query=${encodeURIComponent('ecoti_forecast{bound="mean"}')}`
        );
        return r.data.result.length === SERIES ? r.data.result : undefined;
      },
      30_000,
      500
    );
    expect(new Set(vector.map((s) => s.metric.outlet)).size).toBe(SERIES);
    // The engines' own metrics differ by instance (<hostname>:<port>): two series of ecoti_engine_info.
    const info = await getJson<{ data: { result: Vector } }>(`${receiver.url}/api/v1/query?query=ecoti_engine_info`);
    expect(info.data.result.map((s) => s.metric.shard).sort()).toEqual(['0', '1']);
    for (const url of urls) {
      expect(parseMetric(await getText(`${url}/metrics`), 'ecoti_engine_remote_write_failures_total')).toEqual([]);
    }
  });

  it('a replica whose index is not below ECOTI_SHARDS exits 2 and says why', async () => {
    const bad = startEngineProcess(replicas[0].configFile, { ECOTI_SHARDS: '2', ECOTI_SHARD_INDEX: '2' });
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toMatch(/shard index 2 is not below ECOTI_SHARDS=2/);
  });
});
