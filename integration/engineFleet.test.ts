/** @jest-environment ./engine/testing/nodeEnvironment.js */
// The fleet model in a running engine on a real Prometheus: 24 hosts of different sizes sharing one weekly shape,
// three weeks of history backfilled with promtool; the engine started with `fleet.enabled` trains one model across
// the target's series in its worker thread, persists it beside its state, reports it in /metrics, and keeps
// forecasting every host (with the fleet model where it won the backtest, auto's choice elsewhere).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { weeklyShape } from '../engine/fleet/testFleet';
import { getText, parseMetric, removeDir, tempDir, waitFor } from './harness';
import { EngineReplica, startEngineReplica } from './support/engineProcess';
import { gaugeHistory } from './support/gaugeHistory';
import { PrometheusServer, startPrometheus } from './support/prometheusServer';

jest.setTimeout(240_000);

const HOUR = 3_600_000;
const STEP_MS = 15 * 60_000;
const HOSTS = 24;
// History up to now (on the step grid): each forecast must reach now + its horizon between refits a minute apart.
const END = Math.floor(Date.now() / STEP_MS) * STEP_MS;
const dir = tempDir('engine-fleet');

const history = () =>
  gaugeHistory(
    'fl_host_watts',
    Array.from({ length: HOSTS }, (_, i) => ({
      labels: { host: `h${i}` },
      value: (t: number) => (60 + 20 * i) * (weeklyShape(t) + 0.03 * Math.sin(t / 7_000_000 + i)),
    })),
    { from: END - 21 * 24 * HOUR, to: END, step: STEP_MS }
  );

describe('the fleet model in a running engine', () => {
  let prom: PrometheusServer;
  let engine: EngineReplica;
  let url: string;

  beforeAll(async () => {
    prom = await startPrometheus({ openMetrics: history() });
    engine = await startEngineReplica(dir, 'engine', {
      prometheus: { url: prom.url, timeout: '30s', retries: 1 },
      // Refits every minute, so that refits after the first training hand the model to forecast().
      schedule: { update: '10s', refit: '1m', reselect: '1m' },
      training: { window: '21d', step: '1h' },
      fleet: { enabled: true, inputHours: 72, hidden: 16, maxWindows: 2000, maxEpochs: 5, budget: '60s' },
      targets: [{ name: 'host_power', promql: 'fl_host_watts', kind: 'power', horizons: ['24h'], anomaly: false }],
    });
    url = engine.url;
  });

  afterAll(async () => {
    await engine?.proc.stop();
    await prom?.stop();
    removeDir(dir);
  });

  it('trains across the hosts, persists the model, reports it, and every host keeps a forecast', async () => {
    const text = await waitFor(
      'a trained fleet model in /metrics',
      async () => {
        const t = await getText(`${url}/metrics`).catch(() => '');
        const version = parseMetric(t, 'ecoti_engine_fleet_model_version').find(
          (m) => m.labels.target === 'host_power'
        );
        return version && version.value >= 1 ? t : undefined;
      },
      180_000,
      1000
    );
    const gauge = (name: string) =>
      parseMetric(text, name).find((m) => m.labels.target === 'host_power')?.value ?? Number.NaN;
    expect(gauge('ecoti_engine_fleet_windows')).toBeGreaterThan(0);
    expect(gauge('ecoti_engine_fleet_windows')).toBeLessThanOrEqual(2000);
    expect(gauge('ecoti_engine_fleet_training_seconds')).toBeGreaterThan(0);
    expect(gauge('ecoti_engine_fleet_heap_bytes')).toBeGreaterThan(0);
    const files = readdirSync(join(engine.stateDir, 'fleet'));
    expect(files).toContain('host_power.manifest.json');
    expect(files.some((f) => /^host_power\.[0-9a-f]+\.weights$/.test(f))).toBe(true);
    // Every host is forecast, whichever model won its backtest; the gauge says how many use the fleet model.
    await waitFor(
      'a forecast for every host',
      async () => {
        const t = await getText(`${url}/metrics`);
        const hosts = new Set(
          parseMetric(t, 'ecoti_forecast')
            .filter((m) => m.labels.bound === 'mean')
            .map((m) => m.labels.host)
        );
        return hosts.size === HOSTS ? true : undefined;
      },
      60_000,
      1000
    );
    // Refits after the training compete with the model; the gauge is set at each of them.
    const using = await waitFor(
      'refits with the fleet model as challenger',
      async () =>
        parseMetric(await getText(`${url}/metrics`), 'ecoti_engine_fleet_series_using_fleet').find(
          (m) => m.labels.target === 'host_power'
        ),
      120_000,
      1000
    );
    expect(using?.value).toBeGreaterThanOrEqual(0);
    expect(using?.value).toBeLessThanOrEqual(HOSTS);
    process.stdout.write(
      `fleet model in the engine: ${gauge('ecoti_engine_fleet_windows')} windows in ` +
        `${gauge('ecoti_engine_fleet_training_seconds').toFixed(2)} s; ${using?.value} of ${HOSTS} hosts use it\n`
    );
  });
});
