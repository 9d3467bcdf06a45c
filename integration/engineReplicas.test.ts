/** @jest-environment ./engine/testing/nodeEnvironment.js */
// Two engine replicas as separate processes, same configuration, their shard given the two ways a StatefulSet can
// (ECOTI_SHARD_INDEX from the pod-index label; the pod's HOSTNAME ordinal), reading 150 series from a real
// Prometheus and pushing into another real Prometheus with the remote-write receiver: together they forecast every
// series, each series once; and a replica told an index beyond ECOTI_SHARDS refuses to start.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { freePort, getJson, getText, parseMetric, Proc, removeDir, start, tempDir, waitFor } from './harness';
import { PrometheusServer, startPrometheus } from './support/prometheusServer';

jest.setTimeout(240_000);

const HOUR = 3_600_000;
const STEP_MS = 60_000;
const SERIES = 150;
const T = Math.floor(Date.now() / STEP_MS) * STEP_MS;
const dir = tempDir('replicas');

/** 150 PDU outlets over 3 racks; the rack label repeats, so the shard hash must use all labels to split evenly. */
function history(): string {
  const lines = ['# TYPE rep_outlet_watts gauge'];
  for (let i = 0; i < SERIES; i++) {
    for (let t = T - 3 * HOUR; t < T; t += STEP_MS) {
      const w = 100 + i + 10 * Math.sin((2 * Math.PI * (t + i * STEP_MS)) / HOUR);
      lines.push(`rep_outlet_watts{outlet="o${i}",rack="r${i % 3}"} ${w.toFixed(2)} ${t / 1000}`);
    }
  }
  return `${lines.join('\n')}\n# EOF\n`;
}

function engineProcess(config: string, env: Record<string, string>): Proc {
  return start(process.execPath, ['--import', 'tsx', 'engine/main.ts', '--config', config], {
    env: { ECOTI_SHARDS: '', ECOTI_SHARD_INDEX: '', ECOTI_SHARD_FROM_HOSTNAME: '', ...env },
  });
}

type Vector = Array<{ metric: Record<string, string>; value: [number, string] }>;

describe('two engine replicas split the series', () => {
  let input: PrometheusServer;
  let receiver: PrometheusServer;
  const engines: Proc[] = [];
  const urls: string[] = [];

  beforeAll(async () => {
    [input, receiver] = await Promise.all([
      startPrometheus({ openMetrics: history() }),
      startPrometheus({ args: ['--web.enable-remote-write-receiver'] }),
    ]);
    const envs: Array<Record<string, string>> = [
      { ECOTI_SHARDS: '2', ECOTI_SHARD_INDEX: '0' },
      { ECOTI_SHARDS: '2', ECOTI_SHARD_FROM_HOSTNAME: 'true', HOSTNAME: 'ecoti-engine-1' },
    ];
    for (const [i, env] of envs.entries()) {
      const port = await freePort();
      urls.push(`http://127.0.0.1:${port}`);
      const file = join(dir, `engine-${i}.yaml`);
      writeFileSync(
        file,
        stringify({
          prometheus: { url: input.url, timeout: '20s', retries: 1 },
          listen: { host: '127.0.0.1', port },
          stateDir: join(dir, `state-${i}`),
          schedule: { update: '1m', refit: '1h' },
          training: { window: '3h', step: '1m', method: 'seasonal-mean' },
          targets: [
            { name: 'outlet_power', promql: 'rep_outlet_watts', kind: 'power', horizons: ['1h'], anomaly: false },
          ],
          remoteWrite: { url: `${receiver.url}/api/v1/write`, every: '2s' },
        })
      );
      engines.push(engineProcess(file, env));
    }
    await waitFor(
      'both replicas ready',
      async () =>
        (await Promise.all(urls.map((u) => fetch(`${u}/readyz`).then((r) => r.status)))).every((s) => s === 200),
      120_000,
      1000
    );
  });

  afterAll(async () => {
    await Promise.all(engines.map((e) => e.stop()));
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
    const bad = engineProcess(join(dir, 'engine-0.yaml'), { ECOTI_SHARDS: '2', ECOTI_SHARD_INDEX: '2' });
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toMatch(/shard index 2 is not below ECOTI_SHARDS=2/);
  });
});
