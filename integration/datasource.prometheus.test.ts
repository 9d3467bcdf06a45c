// The data source's upstream leg against a real Prometheus: history backfilled with promtool, range
// queries over the widened training window, forecasts for every series on the right timestamps, and
// dashboard variables that Prometheus reads as label values, never as PromQL.
import { DataFrame, Field } from '@grafana/data';
import type { EcotiDataSource } from '../src/datasource/datasource';
import { testDataSource } from '../src/datasource/testing/testDataSource';
import { kWhOf } from '../src/ml';
import { FakeVariable, makeRequest } from '../src/datasource/testing/fakeUpstream';
import { gaugeHistory } from './support/gaugeHistory';
import { getJson } from './support/httpJson';
import { GrafanaPrometheus } from './support/grafanaPrometheus';
import { PrometheusServer, startPrometheus } from './support/prometheusServer';

jest.setTimeout(120_000);

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
// History ends an hour ago (whole minute), so backfilled blocks never overlap Prometheus' head.
const END = Math.floor((Date.now() - HOUR) / MIN) * MIN;
const START = END - 5 * DAY;
const HOSTS = [
  { instance: 'srv-01:9290', base: 320 },
  { instance: 'srv-02:9290', base: 210 },
  { instance: 'srv-03:9290', base: 150 },
];

const openMetrics = () =>
  gaugeHistory(
    'ipmi_dcmi_power_consumption_watts',
    HOSTS.map((h) => ({
      labels: { instance: h.instance, job: 'ipmi' },
      value: (t: number) => h.base + 50 * Math.sin((2 * Math.PI * (t % DAY)) / DAY) + 3 * Math.sin(t / 1_700_000),
    })),
    { from: START, to: END, step: MIN }
  );

describe('EcoTI data source on a real Prometheus', () => {
  let prom: PrometheusServer;
  let upstream: GrafanaPrometheus;
  let ds: EcotiDataSource;

  beforeAll(async () => {
    prom = await startPrometheus({ openMetrics: openMetrics() });
    upstream = new GrafanaPrometheus(prom.url);
    ds = testDataSource({
      upstreams: [upstream],
      // Four days, the shortest window whose forecasts this test's tolerances were measured on.
      appSettings: { defaultUpstreamUid: 'prom', trainingWindow: '4d', pue: 1.6 },
    });
  });

  afterAll(async () => {
    await prom?.stop();
  });

  it('forecasts consumption for every series, continuing the upstream step, in kWh', async () => {
    const res = await ds.query(
      makeRequest(
        [
          {
            refId: 'A',
            queryType: 'predict',
            target: 'consumption',
            expr: 'ipmi_dcmi_power_consumption_watts',
            horizon: '6h',
          } as never,
        ],
        END - 6 * HOUR,
        END,
        30_000
      )
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toHaveLength(HOSTS.length);
    const sub = upstream.requests[upstream.requests.length - 1];
    const step = sub.intervalMs;
    // The upstream query reached back over the 4-day training window.
    expect(END - sub.range.from.valueOf()).toBeGreaterThanOrEqual(4 * DAY);
    for (const frame of res.data as DataFrame[]) {
      const [time, actual, mean, lower, upper] = frame.fields as Field[];
      const instance = actual.labels?.instance;
      expect(HOSTS.map((h) => h.instance)).toContain(instance);
      [actual, mean, lower, upper].forEach((f) => expect(f.config.unit).toBe('kwatth'));
      const times = time.values as number[];
      const lastObserved = Math.max(...times.filter((_, i) => actual.values[i] !== null));
      const future = times.filter((t) => t > lastObserved);
      // Forecast points sit on the upstream grid, one step apart, for six hours.
      expect(future[0] - lastObserved).toBe(step);
      expect(future[1] - future[0]).toBe(step);
      expect(future[future.length - 1] - lastObserved).toBeGreaterThanOrEqual(6 * HOUR);
      // At the query step the energy per step is the series' power × step × PUE. The forecast is compared with the
      // true power over the same future hours (its daily cycle included: a bound around the base alone failed
      // whenever the six hours fell in the cycle's trough).
      const base = HOSTS.find((h) => h.instance === instance)!.base;
      const ahead = times.map((t, i) => ({ t, v: mean.values[i] as number | null })).filter((p) => p.t > lastObserved);
      const forecastKWh = ahead.reduce((a, p) => a + (p.v ?? 0), 0) / ahead.length;
      const trueKWh =
        ahead.reduce((a, p) => a + kWhOf((base + 50 * Math.sin((2 * Math.PI * (p.t % DAY)) / DAY)) * 1.6, step), 0) /
        ahead.length;
      expect(ahead.every((p) => p.v !== null)).toBe(true);
      expect(forecastKWh / trueKWh).toBeGreaterThan(0.85);
      expect(forecastKWh / trueKWh).toBeLessThan(1.15);
    }
  });

  it('passes a PromQL error from Prometheus through as this query’s error', async () => {
    const res = await ds.query(
      makeRequest([{ refId: 'B', expr: 'sum(', queryType: 'predict', target: 'raw' } as never], END - HOUR, END, 30_000)
    );
    expect(res.errors?.[0].refId).toBe('B');
    expect(res.errors?.[0].message).toMatch(/^Prometheus: .*parse error/);
  });

  describe('with dashboard variables', () => {
    const withVariables = (variables: Record<string, string | FakeVariable>) =>
      testDataSource({
        uid: 'e3',
        upstreams: [upstream],
        variables,
        appSettings: { defaultUpstreamUid: 'prom', trainingWindow: '1d' },
      });
    const raw = (expr: string) =>
      makeRequest(
        [{ refId: 'V', expr, queryType: 'predict', target: 'raw', horizon: '1h' } as never],
        END - HOUR,
        END,
        60_000
      );
    const instant = async (query: string) =>
      (
        await getJson<{
          status: string;
          data: { resultType: string; result: Array<{ metric: Record<string, string> }> };
        }>(`${prom.url}/api/v1/query?${new URLSearchParams({ query, time: String(END / 1000) })}`)
      ).body;

    it.each([
      // Unescaped, this one turns the query into a parse error ({x=""} matches nothing)…
      ['a"} or vector(1) or {x="', String.raw`{instance="a\"} or vector(1) or {x=\""}`, 'error'],
      // …and this one adds a series of its own.
      ['a"} or vector(1) or {x!="', String.raw`{instance="a\"} or vector(1) or {x!=\""}`, '1 series'],
    ])(
      'keeps the injection %s inside its matcher: Prometheus parses the query and finds no series',
      async (value, matcher, unescaped) => {
        const expr = 'ipmi_dcmi_power_consumption_watts{instance="$host"}';
        const naive = await instant(expr.replace('$host', value));
        expect(naive.status === 'error' ? 'error' : `${naive.data.result.length} series`).toBe(unescaped);

        const res = await withVariables({ host: value }).query(raw(expr));
        const sent = (upstream.requests[upstream.requests.length - 1].targets[0] as { expr?: string }).expr!;
        expect(sent).toBe(`ipmi_dcmi_power_consumption_watts${matcher}`);
        // Prometheus accepted it (no parse error) and, matching the literal value only, found nothing.
        expect(res.errors).toEqual([{ refId: 'V', message: expect.stringMatching(/returned no series/) }]);
        const direct = await instant(sent);
        expect(direct).toEqual({ status: 'success', data: { resultType: 'vector', result: [] } });
      }
    );

    it('matches exactly the picked hosts of a multi-value variable, regex characters taken literally', async () => {
      const host: FakeVariable = { value: ['srv-01:9290', 'srv-0.:9290', 'srv-03:9290$'], multi: true };
      const res = await withVariables({ host }).query(raw('ipmi_dcmi_power_consumption_watts{instance=~"$host"}'));
      expect(res.errors).toBeUndefined();
      const instances = (res.data as DataFrame[]).map((f) => f.fields[1].labels?.instance).sort();
      // "srv-0." would match every host as a regex; escaped, it matches none, and "$" stays a character.
      expect(instances).toEqual(['srv-01:9290']);
    });
  });

  it('reports an unreachable Prometheus instead of throwing', async () => {
    const dead = new GrafanaPrometheus('http://127.0.0.1:9');
    const ds2 = testDataSource({ uid: 'e2', upstreams: [dead], appSettings: { defaultUpstreamUid: 'prom' } });
    const res = await ds2.query(
      makeRequest([{ refId: 'C', expr: 'up', queryType: 'predict', target: 'raw' } as never], END - HOUR, END, 30_000)
    );
    expect(res.errors?.[0].message).toMatch(/^Prometheus: .*ECONNREFUSED/);
  });
});
