/** @jest-environment ./engine/testing/nodeEnvironment.js */
// /readyz after real update cycles against a real Prometheus holding two days of two hosts' power: ready when every
// target forecasts; not ready, naming the target and the reason, when every fit fails, when the query matches
// nothing or Prometheus cannot be reached; exempt on a shard replica that none of a target's series hash to. The
// body never holds the Prometheus URL, a query or a stack trace; the engine log holds the details.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { EngineConfigInput, parseConfig } from '../engine/config';
import { Engine } from '../engine/engine';
import { Shard } from '../engine/labels';
import { Logger } from '../engine/log';
import { startEngineServer } from '../engine/server';
import { backfillScenario, freePort, PrometheusProc, removeDir, startPrometheus, tempDir } from './harness';

jest.setTimeout(60_000);

const dir = tempDir('readiness');
const POWER = 'ipmi_dcmi_power_consumption_watts';
let prometheus: PrometheusProc;
let runs = 0;

beforeAll(async () => {
  await backfillScenario(
    dir,
    { seed: 5, racks: 1, hostsPerRack: 2, cpusPerHost: 1 },
    { weeks: 2 / 7, families: [POWER] }
  );
  writeFileSync(join(dir, 'prometheus.yml'), stringify({ global: { scrape_interval: '1m' }, scrape_configs: [] }));
  prometheus = await startPrometheus(join(dir, 'prometheus.yml'), join(dir, 'prometheus'), await freePort());
});

afterAll(async () => {
  await prometheus?.stop();
  removeDir(dir);
});

type Targets = EngineConfigInput['targets'];

/** One update cycle of a fresh engine, then GET /readyz from its HTTP server. */
async function readyzAfterOneCycle(targets: Targets, options: { shard?: Shard; url?: string } = {}) {
  const lines: string[] = [];
  const url = options.url ?? prometheus.url;
  const config = parseConfig({
    prometheus: { url, timeout: '5s', retries: 0 },
    stateDir: join(dir, `state-${runs++}`),
    training: { window: '2d', step: '5m' },
    targets,
  });
  const engine = new Engine({ config, shard: options.shard, log: new Logger('warn', (l) => lines.push(l)) });
  await engine.runDueTargets();
  const server = await startEngineServer(engine, { host: '127.0.0.1', port: 0 });
  try {
    const res = await fetch(`http://127.0.0.1:${server.port}/readyz`);
    const text = await res.text();
    // What an open endpoint must not tell: where Prometheus is, what is queried, where the code failed.
    expect(text).not.toContain(new URL(url).host);
    expect(text).not.toMatch(/ipmi_dcmi|sum\(|\bat \S+:\d+/);
    return { status: res.status, body: JSON.parse(text), log: lines.join('\n') };
  } finally {
    await server.close();
  }
}

const hostPower = { name: 'host_power', promql: POWER, kind: 'power' as const, horizons: ['1h', '24h'] };

describe('readiness after real update cycles', () => {
  it('is ready when every series of every target has a forecast', async () => {
    const r = await readyzAfterOneCycle([hostPower]);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      ready: true,
      targets: [{ target: 'host_power', ready: true, status: 'forecasting', series: 2, seriesWithForecast: 2 }],
    });
  });

  it('is not ready when every fit of a target fails, naming the target and the ML core reason', async () => {
    // Start-up validation refuses the configurations that cannot fit (a horizon beyond the ML core's limit, an
    // unknown method); data can still defeat every fit: here a query whose every value is NaN (0/0).
    const r = await readyzAfterOneCycle([
      hostPower,
      { ...hostPower, name: 'broken_ratio', promql: `${POWER} * 0 / 0` },
    ]);
    expect(r.status).toBe(503);
    expect(r.body.ready).toBe(false);
    const [good, broken] = r.body.targets;
    expect(good).toMatchObject({ ready: true, status: 'forecasting', seriesWithForecast: 2 });
    expect(broken).toMatchObject({
      target: 'broken_ratio',
      ready: false,
      status: 'no_forecast',
      series: 2,
      seriesWithForecast: 0,
      reason: 'no series has a current forecast: The series has no observed values to forecast from.',
    });
    // The log has each failed refit, with its series.
    expect(r.log).toMatch(
      /"msg":"refit failed; keeping the previous forecast","target":"broken_ratio","series":"instance=/
    );
  });

  it('is not ready when a query matches nothing, nor when Prometheus cannot be reached', async () => {
    const none = await readyzAfterOneCycle([{ ...hostPower, promql: `${POWER}{instance="absent"}` }]);
    expect(none.status).toBe(503);
    expect(none.body.targets[0]).toMatchObject({ status: 'no_series', reason: 'the query matched no series yet' });

    const deadUrl = `http://127.0.0.1:${await freePort()}`;
    const down = await readyzAfterOneCycle([hostPower], { url: deadUrl });
    expect(down.status).toBe(503);
    expect(down.body.targets[0]).toMatchObject({
      status: 'update_failing',
      reason: 'Prometheus is unreachable (1 failed update in a row; details in the engine log)',
    });
    expect(down.log).toContain(new URL(deadUrl).host);
  });

  it('exempts the shard replica that a single-series target does not fall to, and only that one', async () => {
    const site = [{ name: 'site_power', promql: `sum(${POWER})`, kind: 'power' as const, horizons: ['1h'] }];
    const replicas = await Promise.all(
      [0, 1].map((index) => readyzAfterOneCycle(site, { shard: { index, total: 2 } }))
    );
    expect(replicas.map((r) => r.status)).toEqual([200, 200]);
    const statuses = replicas.map((r) => r.body.targets[0].status).sort();
    expect(statuses).toEqual(['forecasting', 'shard_empty']);
    const exempt = replicas.find((r) => r.body.targets[0].status === 'shard_empty')!;
    expect(exempt.body.targets[0].reason).toMatch(
      /^the query matched 1 series, none of them in this replica's shard [01]\/2$/
    );
  });
});
