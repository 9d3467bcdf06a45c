/** @jest-environment ./engine/testing/nodeEnvironment.js */
// Sharding by the query (targets[].shardBy: query): Prometheus labels each series with its shard (a hashmod
// relabel at scrape, here written into the backfilled history as its result), each replica's PromQL selects its
// own with ${ECOTI_SHARD_INDEX}, and the engine keeps everything it gets. Each replica is then served only its
// share of the series by Prometheus, where with shardBy: engine every replica reads all of them.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { getText, parseMetric, PROMTOOL_BIN, removeDir, tempDir } from './harness';
import { EngineReplica, startEngineReplicas, threeHourEngineConfig } from './support/engineProcess';
import { gaugeHistory } from './support/gaugeHistory';
import { PrometheusServer, startPrometheus } from './support/prometheusServer';

jest.setTimeout(240_000);

const HOUR = 3_600_000;
const STEP_MS = 60_000;
const SERIES = 120;
const SHARDS = 2;
const T = Math.floor(Date.now() / STEP_MS) * STEP_MS;
const dir = tempDir('query-shards');

/** What Prometheus' scrape config adds to every outlet series (the README's snippet, checked by promtool below). */
const RELABEL = {
  source_labels: ['outlet'],
  modulus: SHARDS,
  target_label: 'ecoti_shard',
  action: 'hashmod',
};

/** 120 outlets whose ecoti_shard label stands for the relabel's result (outlets alternate between shards). */
const history = () =>
  gaugeHistory(
    'qs_outlet_watts',
    Array.from({ length: SERIES }, (_, i) => ({
      labels: { outlet: `o${i}`, ecoti_shard: String(i % SHARDS) },
      value: (t: number) => 100 + i + 10 * Math.sin((2 * Math.PI * t) / HOUR),
    })),
    { from: T - 3 * HOUR, to: T - STEP_MS, step: STEP_MS }
  );

describe('replicas sharded by their query', () => {
  let input: PrometheusServer;
  let replicas: EngineReplica[] = [];

  beforeAll(async () => {
    input = await startPrometheus({ openMetrics: history() });
    replicas = await startEngineReplicas(
      dir,
      {
        ...threeHourEngineConfig(input.url),
        targets: [
          {
            name: 'outlet_power',
            promql: 'qs_outlet_watts{ecoti_shard="${ECOTI_SHARD_INDEX}"}',
            shardBy: 'query',
            kind: 'power',
            horizons: ['1h'],
            anomaly: false,
          },
        ],
      },
      Array.from({ length: SHARDS }, (_, i) => ({ ECOTI_SHARDS: String(SHARDS), ECOTI_SHARD_INDEX: String(i) }))
    );
  });

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.proc.stop()));
    await input?.stop();
    removeDir(dir);
  });

  it('each replica forecasts exactly the series its query selects, all of them, and together every series once', async () => {
    const forecasts = await Promise.all(
      replicas.map(async (r) =>
        parseMetric(await getText(`${r.url}/metrics`), 'ecoti_forecast').filter((m) => m.labels.bound === 'mean')
      )
    );
    for (const [i, series] of forecasts.entries()) {
      // All of its shard (the engine's own hash would have kept about half of them), nothing of the other.
      expect(series.length).toBe(SERIES / SHARDS);
      expect(new Set(series.map((m) => m.labels.ecoti_shard))).toEqual(new Set([String(i)]));
    }
    const outlets = forecasts.flat().map((m) => m.labels.outlet);
    expect(new Set(outlets).size).toBe(SERIES);
  });

  it('the scrape relabelling that adds the shard label is one Prometheus accepts', () => {
    const config = join(dir, 'prometheus.yml');
    writeFileSync(
      config,
      stringify({
        scrape_configs: [
          {
            job_name: 'pdu',
            static_configs: [{ targets: ['pdu-exporter:9100'] }],
            metric_relabel_configs: [RELABEL],
          },
        ],
      })
    );
    expect(execFileSync(PROMTOOL_BIN, ['check', 'config', config], { encoding: 'utf8' })).toMatch(/SUCCESS/);
  });
});
