/** @jest-environment ./integration/support/jsdomWithImmediate.js */
// One fleet through both products: the plugin's data source (the real EcotiDataSource, a fake upstream only at
// the Grafana boundary) and the engine (a real Engine holding the same series, fitted by its own fit path and
// answered by its JSON API). Same window, same forecast model: the same kWh, BRL and kgCO2e, and the same
// recommendations, or one side has its own arithmetic again.
import { DataFrame, Field } from '@grafana/data';
import type { StoredEcotiQuery } from '../src/datasource/types';
import { testDataSource } from '../src/datasource/testing/testDataSource';
import { FakePrometheus, makeRequest, seriesResponder } from '../src/datasource/testing/fakeUpstream';
import { EngineApi } from '../engine/api';
import { parseConfig } from '../engine/config';
import { Engine } from '../engine/engine';
import { fitSeries } from '../engine/fit';
import { exportedLabels, seriesKey } from '../engine/labels';
import { PrometheusClient } from '../engine/prometheus';
import { newSeriesState, toModelValue } from '../engine/series';
import { END, EXPR, fleetUpstream, HOUR, METHOD, SITE } from './support/parityFleet';

const LEVEL = 0.95;
const HORIZON_STEPS = 24;
/** The engine targets the data source's predict queries stand for. */
const FORECAST = ['host_power', 'host_energy'];

/** Every frame the fake upstream sent, by query: the engine is given exactly these series. */
const sent = new Map<string, DataFrame[]>();
const respond = seriesResponder(fleetUpstream());
const prom = new FakePrometheus((expr, request) => {
  const r = respond(expr, request);
  if (!(r instanceof Error)) {
    sent.set(expr, r.data);
  }
  return r;
});
const ds = testDataSource({
  upstreams: [prom],
  appSettings: { ...SITE, defaultUpstreamUid: 'prom', trainingWindow: '14d' },
});

const signals = {
  cpu: EXPR.cpu,
  power: EXPR.power,
  inletTemperature: EXPR.inlet,
  facilityPower: EXPR.facility,
  itPower: EXPR.it,
};
const queries: StoredEcotiQuery[] = [
  ...(['consumption', 'costs', 'emissions'] as const).map((target) => ({
    refId: target,
    queryType: 'predict',
    target,
    expr: EXPR.power,
    horizon: `${HORIZON_STEPS}h`,
    level: LEVEL,
    method: METHOD,
    includeHistory: false,
  })),
  // The same hosts' energy read from a joules counter (restarted once): forecast as the power it implies.
  {
    refId: 'counter',
    queryType: 'predict',
    target: 'consumption',
    expr: EXPR.counter,
    horizon: `${HORIZON_STEPS}h`,
    level: LEVEL,
    method: METHOD,
    includeHistory: false,
  },
  { refId: 'energy', queryType: 'recommendations', target: 'energy', signals },
  { refId: 'infrastructure', queryType: 'recommendations', target: 'infrastructure', signals },
];

function engineWithSentSeries(): Engine {
  const config = parseConfig({
    stateDir: '/nonexistent/ecoti-parity',
    site: SITE,
    training: { step: '1h', window: '14d', level: LEVEL, method: METHOD },
    targets: [
      { name: 'host_power', promql: EXPR.power, kind: 'power', horizons: ['24h'] },
      { name: 'host_energy', promql: EXPR.counter, kind: 'energy_counter_joules', horizons: ['24h'] },
      { name: 'host_cpu', promql: EXPR.cpu, kind: 'utilisation', horizons: ['24h'] },
      { name: 'inlet', promql: EXPR.inlet, kind: 'temperature', horizons: ['24h'] },
      { name: 'facility_power', promql: EXPR.facility, kind: 'power', scope: 'facility', horizons: ['24h'] },
      { name: 'it_power', promql: EXPR.it, kind: 'power', horizons: ['24h'] },
    ],
    recommendations: {
      cpuTarget: 'host_cpu',
      powerTarget: 'host_power',
      inletTemperatureTarget: 'inlet',
      facilityPowerTarget: 'facility_power',
      itPowerTarget: 'it_power',
    },
  });
  // No target is due, so the engine fetches nothing; a fetch would fail the test.
  const client = new PrometheusClient({
    url: 'http://prometheus.invalid',
    timeoutMs: 1000,
    retries: 0,
    retryDelayMs: 0,
    fetchImpl: () => Promise.reject(new Error('the parity test gives the engine its series; it must not fetch')),
  });
  const engine = new Engine({ config, clock: () => END, client });
  for (const rt of engine.targets) {
    for (const frame of sent.get(rt.target.promql) ?? []) {
      const time = frame.fields[0].values as number[];
      const value = frame.fields[1];
      const labels = exportedLabels(value.labels ?? {});
      const s = newSeriesState(seriesKey(labels), labels, 1, time.length, rt.target.stepMs, 0);
      // As the engine ingests a reading: counters become the power of the step they end.
      time.forEach((t, i) => s.history.push(t, toModelValue(s, rt.target.kind, t, value.values[i])));
      if (FORECAST.includes(rt.target.name)) {
        // The engine's refit replays the newest hour as level corrections (its schedule, not its arithmetic):
        // left out here, so that both sides forecast the same history with the same model.
        const fit = { kind: rt.target.kind, pathSteps: HORIZON_STEPS, level: LEVEL, method: METHOD };
        fitSeries(s, { ...fit, reselectMs: 86_400_000, replaySteps: 0 }, END);
      }
      rt.states.set(s.key, s);
    }
    Object.assign(rt, { ready: true, lastSuccess: END, fetchedUntil: END, nextRunAt: Infinity });
  }
  return engine;
}

/** Same to floating tolerance: the engine stores forecast paths as float32. */
function expectSame(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected)));
}

const field = (frame: DataFrame, name: string): Field => frame.fields.find((f) => f.name === name)!;

/** Per host, the sum of each bound over the forecast steps of the data source's frames for one query. */
function dataSourceTotals(frames: DataFrame[], refId: string): Map<string, Record<'mean' | 'lower' | 'upper', number>> {
  const out = new Map<string, Record<'mean' | 'lower' | 'upper', number>>();
  for (const frame of frames.filter((f) => f.refId === refId)) {
    const time = frame.fields[0].values as number[];
    const sum = (name: string) =>
      time.reduce((a, t, i) => a + (t > END ? (field(frame, name).values[i] as number) : 0), 0);
    expect(time.filter((t) => t > END)).toHaveLength(HORIZON_STEPS);
    out.set(field(frame, 'Forecast').labels!.instance, {
      mean: sum('Forecast'),
      lower: sum('Lower'),
      upper: sum('Upper'),
    });
  }
  return out;
}

describe('the data source and the engine report the same figures for the same data', () => {
  let frames: DataFrame[];
  let engine: Engine;
  let api: EngineApi;
  const get = async (path: string) => {
    const url = new URL(path, 'http://engine');
    const r = await api.handle(url.pathname, url.searchParams);
    expect(r.status).toBe(200);
    return JSON.parse(r.body.toString('utf8'));
  };

  beforeAll(async () => {
    const res = await ds.query(makeRequest(queries, END - 6 * HOUR, END, HOUR));
    expect(res.errors).toBeUndefined();
    frames = res.data;
    engine = engineWithSentSeries();
    // The engine's own cycle runs the rules: no target is due, so it fetches nothing.
    await engine.runDueTargets();
    api = new EngineApi(engine);
  });
  afterAll(() => api?.close());

  it.each([
    ['consumption', 'consumption', 'host_power', 'facilityEnergyKWh'],
    ['costs', 'costs', 'host_power', 'horizonCost'],
    ['emissions', 'emissions', 'host_power', 'horizonKgCO2e'],
    ['counter', 'consumption', 'host_energy', 'facilityEnergyKWh'],
  ])('forecasts the same figures for every host over the next 24 h: %s', async (refId, kind, target, key) => {
    const fromDataSource = dataSourceTotals(frames, refId);
    const body = await get(`/api/ai/predict/${kind}?target=${target}&horizon=24h`);
    const fromEngine = body.targets[0].series as Array<{ labels: Record<string, string> } & Record<string, any>>;
    expect(fromEngine.map((s) => s.labels.instance).sort()).toEqual([...fromDataSource.keys()].sort());
    for (const s of fromEngine) {
      const ds = fromDataSource.get(s.labels.instance)!;
      for (const bound of ['mean', 'lower', 'upper'] as const) {
        expectSame(ds[bound], s[key][bound]);
      }
      // Figures, not zeros: every host draws at least 150 W, facility energy is at least 24 h × 0.15 kW × 1.5.
      expect(ds.lower).toBeGreaterThan(0);
    }
    if (kind === 'consumption') {
      const zombie = fromDataSource.get(refId === 'counter' ? 'zombie-01:9102' : 'zombie-01:9290')!;
      expect(zombie.mean).toBeGreaterThan(24 * 0.17 * SITE.pue);
      expect(zombie.mean).toBeLessThan(24 * 0.19 * SITE.pue);
    }
  });

  it.each(['energy', 'infrastructure'])(
    'gives the same %s recommendations, for the same hosts and savings',
    async (c) => {
      const frame = frames.find((f) => f.refId === c)!;
      const col = (name: string) => field(frame, name).values as Array<string | number>;
      const fromDataSource = col('id').map((id, i) => ({
        id,
        target: col('target')[i],
        kWhPerMonth: col('kWhPerMonth')[i] as number,
        kgCO2ePerMonth: col('kgCO2ePerMonth')[i] as number,
        moneyPerMonth: col('moneyPerMonth')[i] as number,
      }));
      const fromEngine = (await get(`/api/ai/recommendations/${c}`)).recommendations as typeof fromDataSource;
      expect(fromEngine.map((r) => [r.id, r.target])).toEqual(fromDataSource.map((r) => [r.id, r.target]));
      fromEngine.forEach((r, i) => {
        expectSame(fromDataSource[i].kWhPerMonth, r.kWhPerMonth);
        expectSame(fromDataSource[i].kgCO2ePerMonth, r.kgCO2ePerMonth);
        expectSame(fromDataSource[i].moneyPerMonth, r.moneyPerMonth);
      });
      // Every rule has its case in the fleet: hosts met across exporters' ports, CPU in percent read as a
      // fraction, the rack's sensor, and the two facility feeds summed for the PUE.
      const expected =
        c === 'energy'
          ? ['cooling-set-point:rack-A', 'load-shifting:site', 'pue-drift:site']
          : ['consolidation:web-01,web-02,web-03', 'idle-server:zombie-01'];
      expect(fromDataSource.map((r) => r.id).sort()).toEqual(expected);
    }
  );
});
