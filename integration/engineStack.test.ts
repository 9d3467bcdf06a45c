/** @jest-environment ./engine/testing/nodeEnvironment.js */
// The full loop on loopback: the simulator's history backfilled into a real Prometheus, Prometheus scraping the
// simulator and the engine, the engine forecasting every target series, Prometheus evaluating the forecast alert
// rule (firing for the rack with the scripted incident only), then the faults: Prometheus down and back, a
// corrupted state directory, a restart that serves persisted forecasts at once, and bad configurations.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { exportedLabels, seriesKey } from '../engine/labels';
import { PrometheusClient, PrometheusError } from '../engine/prometheus';
import { buildDatacenter, pduPower } from '../simulator/model';
import { scenarioFromJson } from '../simulator/scenarioJson';
import {
  backfillScenario,
  freePort,
  getJson,
  getText,
  parseMetric,
  processGroup,
  PrometheusProc,
  Proc,
  REPO,
  startPrometheus,
  startTs,
  tempDir,
  waitFor,
} from './harness';

jest.setTimeout(120_000);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const dir = tempDir('stack');
const procs = processGroup(dir);
let prometheus: PrometheusProc;
let prometheusArgs: { config: string; data: string; port: number };
let engine: Proc;
let engineUrl: string;
let engineConfigFile: string;
let capacity: number;

/** Racks of three hosts; rack-a's cooling fails and one of its servers runs away three hours before the test. */
const SCENARIO = {
  seed: 11,
  racks: 2,
  hostsPerRack: 3,
  cpusPerHost: 1,
  historyWeeks: 1.5,
  incidents: [
    { kind: 'cooling_failure', rack: 'rack-a', start: 'now-3h', duration: '12h', inletRiseCelsius: 14 },
    { kind: 'runaway_job', host: 'srv-a01', start: 'now-3h', duration: '12h' },
  ],
};

const TARGETS = [
  {
    name: 'rack_power',
    promql: 'sum by (rack) (raritan_pdu_activepower_watt)',
    kind: 'power',
    horizons: ['1h', '24h'],
    shardKey: ['rack'],
  },
  { name: 'host_power', promql: 'ipmi_dcmi_power_consumption_watts', kind: 'power', horizons: ['1h', '24h'] },
  {
    name: 'host_cpu',
    promql: '1 - avg by (instance, rack) (rate(node_cpu_seconds_total{mode="idle"}[10m]))',
    kind: 'utilisation',
    horizons: ['1h'],
  },
  {
    name: 'inlet_temperature',
    promql: 'ipmi_temperature_celsius{name="Inlet Temp"}',
    kind: 'temperature',
    horizons: ['1h'],
    threshold: { value: 27 },
  },
  {
    name: 'cpu_energy',
    promql: 'sum by (instance, rack) (kepler_node_cpu_joules_total)',
    kind: 'energy_counter_joules',
    horizons: ['24h'],
    anomaly: false,
  },
  {
    name: 'facility_power',
    promql: 'datacenter_facility_power_watts',
    kind: 'power',
    scope: 'facility',
    horizons: ['24h'],
    budget: { kWhPerMonth: 2500 },
  },
];

function engineConfig(prometheusUrl: string, port: number, threshold: number) {
  return {
    prometheus: { url: prometheusUrl, timeout: '5s', retries: 1, retryDelay: '200ms' },
    listen: { host: '127.0.0.1', port },
    stateDir: join(dir, 'state'),
    schedule: { update: '5s', refit: '1h', reselect: '24h', maxBackoff: '3s', staleAfter: '10s' },
    training: { window: '7d', step: '5m' },
    targets: TARGETS.map((t) =>
      t.name === 'rack_power' ? { ...t, threshold: { value: threshold, direction: 'above' } } : t
    ),
    recommendations: {
      cpuTarget: 'host_cpu',
      powerTarget: 'host_power',
      inletTemperatureTarget: 'inlet_temperature',
      facilityPowerTarget: 'facility_power',
    },
  };
}

async function startEngine(configFile: string): Promise<Proc> {
  const p = startTs('engine/main.ts', ['--config', configFile, '--log-level', 'warn']);
  procs.add(p);
  await waitFor('the engine to listen', async () => (await fetch(`${engineUrl}/healthz`)).ok, 30_000);
  return p;
}

async function engineMetrics(): Promise<string> {
  return getText(`${engineUrl}/metrics`);
}

function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  return parseMetric(text, name).find((m) => Object.entries(labels).every(([k, v]) => m.labels[k] === v))?.value;
}

async function restartPrometheus(): Promise<void> {
  prometheus = await startPrometheus(prometheusArgs.config, prometheusArgs.data, prometheusArgs.port);
  procs.add(prometheus);
}

beforeAll(async () => {
  // 1. History: the simulator's own CLI writes 8 days at 5-minute steps and turns them into TSDB blocks.
  await backfillScenario(
    dir,
    SCENARIO,
    {
      weeks: 8 / 7,
      families: [
        'raritan_pdu_activepower_watt',
        'ipmi_dcmi_power_consumption_watts',
        'ipmi_temperature_celsius',
        'node_cpu_seconds',
        'kepler_node_cpu_joules',
        'datacenter_facility_power_watts',
      ],
    },
    ['--write-scenario', join(dir, 'scenario.resolved.json')]
  );

  // 2. Capacity between what rack-b ever draws and what rack-a draws with its incident, from the model itself.
  const scenario = scenarioFromJson(readFileSync(join(dir, 'scenario.resolved.json'), 'utf8'));
  const withIncident = buildDatacenter(scenario);
  const withoutIncident = buildDatacenter({ ...scenario, incidents: [] });
  const rackPower = (dc: typeof withIncident, r: number, t: number) => {
    const p = pduPower(dc, dc.racks[r], t);
    return p.a + p.b;
  };
  const now = Date.now();
  let normalPeak = 0;
  for (let t = now - 7 * DAY; t < now; t += 300_000) {
    normalPeak = Math.max(normalPeak, rackPower(withoutIncident, 0, t), rackPower(withoutIncident, 1, t));
  }
  let boost = 0;
  for (let k = 0; k < 12; k++) {
    const t = now - k * 300_000;
    boost += (rackPower(withIncident, 0, t) - rackPower(withoutIncident, 0, t)) / 12;
  }
  expect(boost).toBeGreaterThan(150);
  // A quarter of the boost above the normal peak: offline runs over every hour of the day left ≥ 110 W on both
  // sides (the forecast's own peak is smoother than the noisy measured one).
  capacity = Math.round(normalPeak + boost / 4);

  // 3. The live simulator, continuing the backfilled history.
  const simPort = await freePort();
  procs.add(
    startTs('simulator/cli.ts', ['serve', '--scenario', join(dir, 'scenario.resolved.json'), '--port', String(simPort)])
  );
  await waitFor('the simulator', async () => (await fetch(`http://127.0.0.1:${simPort}/healthz`)).ok, 30_000);

  // 4. Prometheus: 1-second scrapes and rule evaluation; the repository's rules with `for` shortened to 2s
  //    (their full timings are covered by promtool test rules).
  const enginePort = await freePort();
  engineUrl = `http://127.0.0.1:${enginePort}`;
  const rules = readFileSync(join(REPO, 'prometheus/rules/ecoti.rules.yml'), 'utf8').replace(
    /^(\s+)for: \S+$/gm,
    '$1for: 2s'
  );
  writeFileSync(join(dir, 'ecoti.rules.yml'), rules);
  const promConfig = {
    global: { scrape_interval: '1s', evaluation_interval: '1s', scrape_timeout: '1s' },
    rule_files: [join(dir, 'ecoti.rules.yml')],
    scrape_configs: [
      { job_name: 'simulator', honor_labels: true, static_configs: [{ targets: [`127.0.0.1:${simPort}`] }] },
      { job_name: 'ecoti-engine', honor_labels: true, static_configs: [{ targets: [`127.0.0.1:${enginePort}`] }] },
    ],
  };
  prometheusArgs = { config: join(dir, 'prometheus.yml'), data: join(dir, 'prometheus'), port: await freePort() };
  writeFileSync(prometheusArgs.config, stringify(promConfig));
  await restartPrometheus();

  // 5. The engine.
  engineConfigFile = join(dir, 'engine.yaml');
  writeFileSync(engineConfigFile, stringify(engineConfig(prometheus.url, enginePort, capacity)));
  engine = await startEngine(engineConfigFile);
});

afterAll(async () => {
  await procs.stopAll();
});

describe('engine, simulator and Prometheus together', () => {
  it('Prometheus scrapes the simulator with each host keeping its own instance label', async () => {
    const r = await waitFor(
      'simulator series in Prometheus',
      async () => {
        const q = await getJson<{ data: { result: Array<{ metric: Record<string, string> }> } }>(
          `${prometheus.url}/api/v1/query?query=ipmi_dcmi_power_consumption_watts`
        );
        return q.data.result.length === 6 ? q.data.result : undefined;
      },
      20_000
    );
    expect(r.map((s) => s.metric.instance).sort()).toEqual([
      'srv-a01',
      'srv-a02',
      'srv-a03',
      'srv-b01',
      'srv-b02',
      'srv-b03',
    ]);
  });

  it('after backfill, the engine /metrics holds forecasts for every series of every target', async () => {
    await waitFor('the engine to be ready', async () => (await fetch(`${engineUrl}/readyz`)).status === 200, 90_000);
    const text = await waitFor(
      'forecasts for every target series',
      async () => {
        const t = await engineMetrics();
        return TARGETS.every((target) => parseMetric(t, 'ecoti_forecast').some((m) => m.labels.target === target.name))
          ? t
          : undefined;
      },
      60_000
    );
    for (const target of TARGETS) {
      const q = await getJson<{ data: { result: Array<{ metric: Record<string, string> }> } }>(
        `${prometheus.url}/api/v1/query?query=${encodeURIComponent(target.promql)}`
      );
      const expected = new Set(q.data.result.map((s) => seriesKey(exportedLabels(s.metric))));
      expect(expected.size).toBeGreaterThan(0);
      for (const horizon of target.horizons) {
        const got = parseMetric(text, 'ecoti_forecast').filter(
          (m) => m.labels.target === target.name && m.labels.horizon === horizon && m.labels.bound === 'mean'
        );
        const keys = new Set(got.map(({ labels: { target: _t, horizon: _h, bound: _b, ...rest } }) => seriesKey(rest)));
        expect([target.name, horizon, [...keys].sort()]).toEqual([target.name, horizon, [...expected].sort()]);
        for (const m of got) {
          expect(Number.isFinite(m.value)).toBe(true);
        }
      }
    }
    // Power targets carry a monthly energy forecast; the rack target a time to threshold per bound.
    expect(sample(text, 'ecoti_energy_forecast_kwh', { target: 'facility_power', bound: 'mean' })).toBeGreaterThan(0);
    expect(
      parseMetric(text, 'ecoti_time_to_threshold_seconds').filter((m) => m.labels.target === 'rack_power')
    ).toHaveLength(6);
    expect(sample(text, 'ecoti_engine_series', { target: 'host_power' })).toBe(6);
  });

  it('forecasts rack-a over its capacity and rack-b under it', async () => {
    const text = await engineMetrics();
    const a = sample(text, 'ecoti_forecast_max', {
      target: 'rack_power',
      rack: 'rack-a',
      horizon: '24h',
      bound: 'mean',
    })!;
    const b = sample(text, 'ecoti_forecast_max', {
      target: 'rack_power',
      rack: 'rack-b',
      horizon: '24h',
      bound: 'mean',
    })!;
    expect(a).toBeGreaterThan(capacity);
    expect(b).toBeLessThan(capacity);
    expect(
      sample(text, 'ecoti_time_to_threshold_seconds', { target: 'rack_power', rack: 'rack-a', bound: 'mean' })
    ).toBeLessThan(86_400);
    expect(
      sample(text, 'ecoti_time_to_threshold_seconds', { target: 'rack_power', rack: 'rack-b', bound: 'mean' })
    ).toBe(Infinity);
  });

  it('Prometheus evaluates the forecast alert rule: firing for rack-a, inactive for rack-b', async () => {
    type Alerts = { data: { alerts: Array<{ labels: Record<string, string>; state: string }> } };
    const capacityAlerts = async () =>
      (await getJson<Alerts>(`${prometheus.url}/api/v1/alerts`)).data.alerts.filter(
        (a) => a.labels.alertname === 'EcotiRackPowerForecastOverCapacity'
      );
    const firing = await waitFor(
      'EcotiRackPowerForecastOverCapacity to fire',
      async () => {
        const alerts = await capacityAlerts();
        return alerts.some((a) => a.labels.rack === 'rack-a' && a.state === 'firing') ? alerts : undefined;
      },
      30_000
    );
    expect(firing.filter((a) => a.labels.rack === 'rack-b')).toEqual([]);
    // Still inactive for rack-b a few evaluations later.
    await new Promise((r) => setTimeout(r, 3000));
    expect((await capacityAlerts()).filter((a) => a.labels.rack === 'rack-b')).toEqual([]);
    // The forecasts are in Prometheus with the rack label (honor_labels), next to the actuals.
    const q = await getJson<{ data: { result: unknown[] } }>(
      `${prometheus.url}/api/v1/query?query=${encodeURIComponent('ecoti_forecast{target="rack_power",horizon="24h"}')}`
    );
    expect(q.data.result).toHaveLength(6);
  });

  it('serves the JSON API with validation', async () => {
    const ok = await fetch(`${engineUrl}/api/ai/predict/consumption?target=rack_power&horizon=24h`);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as {
      targets: Array<{ series: Array<{ points: unknown[]; energyKWh: { mean: number } }> }>;
    };
    expect(body.targets[0].series).toHaveLength(2);
    expect(body.targets[0].series[0].points).toHaveLength(288);
    expect(body.targets[0].series[0].energyKWh.mean).toBeGreaterThan(10);
    const unknown = await fetch(`${engineUrl}/api/ai/predict/costs?target=nope`);
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: string }).error).toMatch(
      /unknown target "nope"; known targets: rack_power, host_power/
    );
    const badHorizon = await fetch(`${engineUrl}/api/ai/predict/emissions?target=rack_power&horizon=30d`);
    expect(badHorizon.status).toBe(400);
    expect(((await badHorizon.json()) as { error: string }).error).toMatch(/beyond the longest horizon/);
    const recs = (
      await getJson<{ recommendations: Array<{ rule: string }> }>(`${engineUrl}/api/ai/recommendations/infrastructure`)
    ).recommendations;
    expect(Array.isArray(recs)).toBe(true);
  });

  it('reports a rejected query as such, without retrying it', async () => {
    let calls = 0;
    const client = new PrometheusClient({
      url: prometheus.url,
      timeoutMs: 5000,
      retries: 3,
      retryDelayMs: 10,
      fetchImpl: (input, init) => (calls++, fetch(input, init)),
    });
    const err = await client.queryRange('sum(', Date.now() - HOUR, Date.now(), 60_000).catch((e) => e);
    expect(err).toBeInstanceOf(PrometheusError);
    expect(err.kind).toBe('query_rejected');
    expect(err.message).toMatch(/Prometheus rejected the query sum\(: .*parse error/);
    expect(calls).toBe(1);
  });

  it('splits the series between replicas started with --shard 0/2 and 1/2', async () => {
    const replicas = await Promise.all(
      [0, 1].map(async (i) => {
        const port = await freePort();
        const p = startTs('engine/main.ts', [
          '--config',
          engineConfigFile,
          '--shard',
          `${i}/2`,
          '--port',
          String(port),
          '--state-dir',
          join(dir, `state-shard-${i}`),
          '--log-level',
          'warn',
        ]);
        procs.add(p);
        return { p, url: `http://127.0.0.1:${port}` };
      })
    );
    const texts = await Promise.all(
      replicas.map((r) =>
        waitFor(
          'a shard replica to be ready',
          async () => ((await fetch(`${r.url}/readyz`)).status === 200 ? getText(`${r.url}/metrics`) : undefined),
          60_000
        )
      )
    );
    const hosts = texts.map(
      (t) =>
        new Set(
          parseMetric(t, 'ecoti_forecast')
            .filter((m) => m.labels.target === 'host_power')
            .map((m) => m.labels.instance)
        )
    );
    expect(hosts[0].size + hosts[1].size).toBe(6);
    expect([...hosts[0]].filter((h) => hosts[1].has(h))).toEqual([]);
    expect(hosts[0].size).toBeGreaterThan(0);
    expect(hosts[1].size).toBeGreaterThan(0);
    expect(sample(texts[1], 'ecoti_engine_info', { shard: '1', shards: '2' })).toBe(1);
    for (const r of replicas) {
      await r.p.stop();
    }
  });

  it('keeps serving marked-stale forecasts while Prometheus is down, and recovers when it is back', async () => {
    const before = sample(await engineMetrics(), 'ecoti_forecast', {
      target: 'rack_power',
      rack: 'rack-a',
      horizon: '24h',
      bound: 'mean',
    });
    expect(before).toBeDefined();
    await prometheus.stop();
    const stale = await waitFor(
      'the engine to mark rack_power stale',
      async () => {
        const t = await engineMetrics();
        return sample(t, 'ecoti_target_stale', { target: 'rack_power' }) === 1 ? t : undefined;
      },
      30_000
    );
    expect(engine.child.exitCode).toBeNull();
    expect(
      sample(stale, 'ecoti_forecast', { target: 'rack_power', rack: 'rack-a', horizon: '24h', bound: 'mean' })
    ).toBeDefined();
    expect(
      sample(stale, 'ecoti_engine_errors_total', { target: 'rack_power', kind: 'prometheus_unreachable' })
    ).toBeGreaterThanOrEqual(1);
    const api = await getJson<{ targets: Array<{ stale: boolean; series: unknown[] }> }>(
      `${engineUrl}/api/ai/predict/consumption?target=rack_power`
    );
    expect(api.targets[0].stale).toBe(true);
    expect(api.targets[0].series).toHaveLength(2);
    // Several failed cycles later the process is still up (backoff, no crash loop).
    await new Promise((r) => setTimeout(r, 4000));
    expect(engine.child.exitCode).toBeNull();

    await restartPrometheus();
    await waitFor(
      'the engine to be fresh again',
      async () => sample(await engineMetrics(), 'ecoti_target_stale', { target: 'rack_power' }) === 0,
      30_000
    );
    const ready = await getJson<{ ready: boolean; targets: Array<{ stale: boolean }> }>(`${engineUrl}/readyz`);
    expect(ready.ready).toBe(true);
  });

  it('rebuilds a corrupted state file instead of crashing', async () => {
    await engine.stop();
    const file = join(dir, 'state', 'rack_power.state.json');
    expect(JSON.parse(readFileSync(file, 'utf8')).format).toBe('ecoti-engine-state');
    writeFileSync(file, '{"format":"ecoti-engine-state","version":1,"checksum":"00","payload":"{}"');
    engine = await startEngine(engineConfigFile);
    const text = await waitFor(
      'rack_power forecasts after the rebuild',
      async () => {
        const t = await engineMetrics();
        return parseMetric(t, 'ecoti_forecast').some((m) => m.labels.target === 'rack_power') ? t : undefined;
      },
      60_000
    );
    expect(sample(text, 'ecoti_engine_errors_total', { target: 'rack_power', kind: 'state_corrupt' })).toBe(1);
    await waitFor(
      'a valid state file again',
      async () => {
        try {
          return JSON.parse(readFileSync(file, 'utf8')).format === 'ecoti-engine-state';
        } catch {
          return false;
        }
      },
      30_000
    );
  });

  it('serves persisted forecasts at once after a restart, stale while Prometheus is unreachable', async () => {
    await engine.stop();
    const deadPort = await freePort();
    const offline = join(dir, 'engine-offline.yaml');
    writeFileSync(
      offline,
      stringify(engineConfig(`http://127.0.0.1:${deadPort}`, Number(new URL(engineUrl).port), capacity))
    );
    const startedAt = Date.now();
    engine = await startEngine(offline);
    const text = await engineMetrics();
    expect(Date.now() - startedAt).toBeLessThan(15_000);
    expect(parseMetric(text, 'ecoti_forecast').filter((m) => m.labels.target === 'rack_power').length).toBe(12);
    expect((await fetch(`${engineUrl}/readyz`)).status).toBe(200);
    await waitFor(
      'stale while Prometheus is unreachable',
      async () => sample(await engineMetrics(), 'ecoti_target_stale', { target: 'rack_power' }) === 1,
      20_000
    );
  });

  it('refuses a bad configuration with a clear message and a non-zero exit', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      stringify({ targets: [{ name: 'rack power', promql: 'x', kind: 'wattage' }], schedule: { update: 'often' } })
    );
    const [p, missing, shard] = [
      startTs('engine/main.ts', ['--config', bad]),
      startTs('engine/main.ts', ['--config', join(dir, 'absent.yaml')]),
      startTs('engine/main.ts', ['--config', engineConfigFile, '--shard', '3/2']),
    ];
    expect(await p.exited).toBe(2);
    expect(p.output()).toMatch(/invalid engine configuration in .*bad\.yaml/);
    expect(p.output()).toMatch(/schedule\.update: expected a duration/);
    expect(p.output()).toMatch(/targets\.0\.kind/);
    expect(await missing.exited).toBe(2);
    expect(missing.output()).toMatch(/cannot read engine configuration/);
    expect(await shard.exited).toBe(2);
    expect(shard.output()).toMatch(/--shard must be i\/n/);
  });
});
