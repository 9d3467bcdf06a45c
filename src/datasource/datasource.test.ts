import { DataFrame, DataQueryResponse, Field, getFieldDisplayName } from '@grafana/data';
import { StoredEcotiQuery } from './types';
import {
  FakePrometheus,
  FakeSeries,
  FakeVariable,
  makeRequest,
  prometheusFrames,
  seriesResponder,
} from './testing/fakeUpstream';
import { runInline, TaskRunner } from './analysis/taskRunner';
import { testDataSource } from './testing/testDataSource';
import { RECOMMENDATION_FIELDS } from './frames/recommendationFrame';
import { W_MS_PER_KWH } from '../ml';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Panel range: the last 6 hours of a Wednesday in November 2026 (UTC).
const TO = Date.UTC(2026, 10, 25, 12);
const FROM = TO - 6 * HOUR;

/** Server power: daily cycle around `base` watts with a little deterministic wobble. */
const power = (instance: string, base: number): FakeSeries => ({
  labels: { __name__: 'ipmi_dcmi_power_consumption_watts', instance: `${instance}:9290`, job: 'ipmi' },
  value: (t) => base + 60 * Math.sin((2 * Math.PI * (t % DAY)) / DAY) + 5 * Math.sin(t / 7_000_000),
});

const appSettings = {
  defaultUpstreamUid: 'prom',
  pue: 1.5,
  carbonIntensity: 40,
  currency: 'BRL',
  timeZone: 'America/Sao_Paulo',
  trainingWindow: '7d',
};

function makeDs(
  prom: FakePrometheus,
  variables: Record<string, string | FakeVariable> = {},
  loadAppSettings: () => Promise<unknown> = async () => appSettings,
  runner: TaskRunner = runInline,
  now: () => number = Date.now
) {
  return testDataSource({ upstreams: [prom], variables, loadAppSettings, runner, now });
}

const q = (patch: Partial<StoredEcotiQuery>): StoredEcotiQuery => ({ refId: 'A', ...patch });
const field = (frame: DataFrame, name: string): Field => frame.fields.find((f) => f.name === name)!;

describe('EcotiDataSource predict', () => {
  const prom = new FakePrometheus(
    seriesResponder({ ipmi_dcmi_power_consumption_watts: [power('srv-01', 300), power('srv-02', 200)] })
  );
  const ds = makeDs(prom);

  it('forecasts facility energy for every upstream series, with a band a stock panel draws', async () => {
    const res = await ds.query(
      makeRequest(
        [q({ queryType: 'predict', target: 'consumption', expr: 'ipmi_dcmi_power_consumption_watts', horizon: '24h' })],
        FROM,
        TO
      )
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toHaveLength(2);
    const frame: DataFrame = res.data[0];
    expect(frame.refId).toBe('A');
    const [time, actual, mean, lower, upper] = frame.fields;
    expect(time.type).toBe('time');
    for (const f of [actual, mean, lower, upper]) {
      expect(f.config.unit).toBe('kwatth');
      expect(f.labels).toEqual({ __name__: 'ipmi_dcmi_power_consumption_watts', instance: 'srv-01:9290', job: 'ipmi' });
    }
    // The upper bound fills down to the lower bound, by display name, and the mean is dashed.
    expect(upper.config.custom.fillBelowTo).toBe(getFieldDisplayName(lower, frame, res.data));
    expect(mean.config.custom.lineStyle.fill).toBe('dash');
    expect(getFieldDisplayName(mean, frame, res.data)).toMatch(/forecast/);
    // History is limited to the panel's range; the forecast runs 24 h past the last sample, on its step.
    const times = time.values as number[];
    const firstForecast = (mean.values as Array<number | null>).findIndex(
      (v, i) => v !== null && actual.values[i] === null
    );
    expect(times[0]).toBeGreaterThanOrEqual(FROM);
    const step = prom.requests[0].intervalMs;
    expect(times[firstForecast] - times[firstForecast - 1]).toBe(step);
    expect(times[times.length - 1] - times[firstForecast - 1]).toBeGreaterThanOrEqual(24 * HOUR);
    // ~300 W × step × PUE 1.5 in kWh, the forecast within the band.
    const perStepKWh = (300 * step * 1.5) / W_MS_PER_KWH;
    const means = (mean.values as Array<number | null>).slice(firstForecast) as number[];
    expect(Math.abs(means[0] / perStepKWh - 1)).toBeLessThan(0.35);
    means.forEach((m, i) => {
      expect(lower.values[firstForecast + i]).toBeLessThanOrEqual(m);
      expect(upper.values[firstForecast + i]).toBeGreaterThanOrEqual(m);
    });
  });

  it('widens the upstream range back by the training window, on a step Prometheus accepts', async () => {
    prom.requests.length = 0;
    await ds.query(
      makeRequest(
        [q({ queryType: 'predict', target: 'consumption', expr: 'ipmi_dcmi_power_consumption_watts' })],
        FROM,
        TO,
        15_000
      )
    );
    const sub = prom.requests[0];
    expect(TO - sub.range.from.valueOf()).toBeGreaterThanOrEqual(7 * DAY);
    expect((sub.range.to.valueOf() - sub.range.from.valueOf()) / sub.intervalMs).toBeLessThanOrEqual(11_000);
    expect(sub.targets[0].datasource).toEqual({ uid: 'prom', type: 'prometheus' });
  });

  it('prices each forecast step by the tariff window: peak steps cost the peak price', async () => {
    const res = await ds.query(
      makeRequest(
        [
          q({ refId: 'E', queryType: 'predict', target: 'consumption', expr: 'ipmi_dcmi_power_consumption_watts' }),
          q({ refId: 'C', queryType: 'predict', target: 'costs', expr: 'ipmi_dcmi_power_consumption_watts' }),
          q({ refId: 'G', queryType: 'predict', target: 'emissions', expr: 'ipmi_dcmi_power_consumption_watts' }),
        ],
        FROM,
        TO
      )
    );
    const byRef = (r: string) => res.data.find((f: DataFrame) => f.refId === r)!;
    const energy = field(byRef('E'), 'Forecast');
    const cost = field(byRef('C'), 'Forecast');
    const co2 = field(byRef('G'), 'Forecast');
    expect(cost.config.unit).toBe('currencyBRL');
    expect(co2.config.unit).toBe('masskg');
    const times = byRef('E').fields[0].values as number[];
    // 19:00 São Paulo (UTC−3) on a weekday is peak; 03:00 is not.
    const at = (hourUtc: number) =>
      times.findIndex((t, i) => energy.values[i] !== null && new Date(t).getUTCHours() === hourUtc && t > TO);
    const peak = at(22);
    const offPeak = at(6);
    expect((cost.values[peak] as number) / (energy.values[peak] as number)).toBeCloseTo(2.1, 6);
    expect((cost.values[offPeak] as number) / (energy.values[offPeak] as number)).toBeCloseTo(0.55, 6);
    expect((co2.values[peak] as number) / (energy.values[peak] as number)).toBeCloseTo(0.04, 9);
  });

  it('interpolates dashboard variables in the upstream query', async () => {
    prom.requests.length = 0;
    const withVars = makeDs(prom, { host: 'srv-01' });
    await withVars.query(
      makeRequest(
        [q({ queryType: 'predict', target: 'raw', expr: 'ipmi_dcmi_power_consumption_watts{instance=~"$host.*"}' })],
        FROM,
        TO
      )
    );
    expect((prom.requests[0].targets[0] as { expr?: string }).expr).toBe(
      'ipmi_dcmi_power_consumption_watts{instance=~"srv-01.*"}'
    );
    // $__interval follows the widened window's step, not the panel's.
    expect(prom.requests[0].scopedVars.__interval_ms?.value).toBe(prom.requests[0].intervalMs);
  });
});

describe('EcotiDataSource insights', () => {
  const spikeAt = TO - 2 * HOUR;
  const spiky: FakeSeries = {
    labels: { __name__: 'node_load1', instance: 'srv-03:9100' },
    value: (t) =>
      Math.abs(t - spikeAt) < 1
        ? 95
        : 20 + 8 * Math.sin((2 * Math.PI * (t % DAY)) / DAY) + 0.5 * Math.sin(t / 3_000_000),
  };
  const prom = new FakePrometheus(seriesResponder({ node_load1: [spiky] }));
  const ds = makeDs(prom);

  it('scores anomalies and reports the spike as a region that says what was expected', async () => {
    const res = await ds.query(
      makeRequest([q({ queryType: 'insights', target: 'anomalies', expr: 'node_load1' })], FROM, TO, 300_000)
    );
    expect(res.errors).toBeUndefined();
    const scores = res.data.find((f: DataFrame) => f.name?.endsWith('anomaly score'))!;
    expect(field(scores, 'Anomaly score').config.unit).toBe('percentunit');
    const regions = res.data.find((f: DataFrame) => f.name === 'Anomalies')!;
    const starts = field(regions, 'time').values as number[];
    const ends = field(regions, 'timeEnd').values as number[];
    const hit = starts.findIndex((s, i) => s <= spikeAt && ends[i] >= spikeAt);
    expect(hit).toBeGreaterThanOrEqual(0);
    expect(field(regions, 'text').values[hit]).toMatch(/above expected/);
  });

  it('serves anomaly regions as annotation events: time, timeEnd, text, tags', async () => {
    const annoQuery = ds.annotations!.prepareQuery!({
      name: 'EcoTI anomalies',
      enable: true,
      iconColor: 'red',
      target: q({ expr: 'node_load1' }),
    } as never)!;
    expect(annoQuery.queryType).toBe('insights');
    expect(annoQuery.anomalyOutput).toBe('regions');
    const res = await ds.query(makeRequest([annoQuery], FROM, TO, 300_000));
    expect(res.data).toHaveLength(1);
    expect(res.data[0].fields.map((f: Field) => f.name)).toEqual(
      expect.arrayContaining(['time', 'timeEnd', 'text', 'tags'])
    );
  });

  it('gives trends as a table with the slope per day', async () => {
    const rising: FakeSeries = {
      labels: { __name__: 'rack_power_watts', rack: 'A' },
      value: (t) => 1000 + ((t - FROM) / DAY) * 48,
    };
    const ds2 = makeDs(new FakePrometheus(seriesResponder({ rack_power_watts: [rising] })));
    const res = await ds2.query(
      makeRequest(
        [q({ queryType: 'insights', target: 'trends', expr: 'rack_power_watts' })],
        FROM - 2 * DAY,
        TO,
        300_000
      )
    );
    const table = res.data[0];
    expect(table.name).toBe('Trends');
    expect(field(table, 'slopePerDay').values[0]).toBeCloseTo(48, 1);
  });
});

describe('EcotiDataSource recommendations', () => {
  const zombie: FakeSeries = { labels: { instance: 'zombie-01:9100' }, value: () => 0.01 };
  const zombiePower: FakeSeries = {
    labels: { __name__: 'ipmi_dcmi_power_consumption_watts', instance: 'zombie-01:9290' },
    value: (t) => 180 + (t % 2 ? 1 : 0),
  };
  const cold: FakeSeries = {
    labels: { __name__: 'ipmi_temperature_celsius', instance: 'srv-01:9290', name: 'Inlet Temp', rack: 'rack-A' },
    value: () => 16,
  };
  const prom = new FakePrometheus((expr, request) => {
    const byName: Record<string, FakeSeries[]> = {
      cpu: [zombie],
      ipmi_dcmi_power_consumption_watts: [zombiePower],
      'sum(ipmi_dcmi_power_consumption_watts)': [{ labels: {}, value: () => 180 }],
      inlet: [cold],
    };
    const key = expr.startsWith('1 - avg') ? 'cpu' : expr.includes('ipmi_temperature') ? 'inlet' : expr;
    return seriesResponder({ [expr]: byName[key] ?? [] })(expr, request);
  });
  const ds = makeDs(prom);

  it('returns the recommendations table the cards panel reads, with evidence for Explore', async () => {
    const res = await ds.query(
      makeRequest([q({ queryType: 'recommendations', target: 'infrastructure' })], FROM, TO, 300_000)
    );
    expect(res.errors).toBeUndefined();
    const table = res.data[0];
    expect(table.fields.map((f: Field) => f.name)).toEqual([...RECOMMENDATION_FIELDS]);
    expect(field(table, 'rule').values).toEqual(['idle-server']);
    expect(field(table, 'target').values).toEqual(['zombie-01']);
    expect(field(table, 'moneyPerMonth').config.unit).toBe('currencyBRL');
    expect(field(table, 'evidenceQuery').values[0]).toBe('ipmi_dcmi_power_consumption_watts');
    expect(field(table, 'upstreamUid').values[0]).toBe('prom');
    // The site draws 180 W of IT power (no facility meter here: × PUE 1.5) over a 730-hour month.
    const siteKWh = (180 * 1.5 * 730) / 1000;
    const saved = field(table, 'kWhPerMonth').values[0] as number;
    expect(saved).toBeGreaterThan(0);
    expect(field(table, 'shareOfSiteEnergy').values[0]).toBeCloseTo(saved / siteKWh, 9);
    expect(field(table, 'shareOfSiteEnergy').config.unit).toBe('percentunit');
  });

  it('lists every rule’s findings, whatever the category, as insights/optimization', async () => {
    const res = await ds.query(makeRequest([q({ queryType: 'insights', target: 'optimization' })], FROM, TO, 300_000));
    expect(res.errors).toBeUndefined();
    expect(field(res.data[0], 'category').values).toEqual(expect.arrayContaining(['infrastructure', 'energy']));
  });

  it('includes the cooling set point advice among energy recommendations', async () => {
    const res = await ds.query(makeRequest([q({ queryType: 'recommendations', target: 'energy' })], FROM, TO, 300_000));
    expect(field(res.data[0], 'rule').values).toContain('cooling-set-point');
  });
});

describe('EcotiDataSource errors', () => {
  const good = { ipmi_dcmi_power_consumption_watts: [power('srv-01', 300)] };

  it('reports an upstream error on that query only', async () => {
    const prom = new FakePrometheus((expr, request) =>
      expr === 'bad('
        ? { data: [], errors: [{ message: 'parse error: unexpected end of input', refId: 'x' }] }
        : seriesResponder(good)(expr, request)
    );
    const res = await makeDs(prom).query(
      makeRequest(
        [
          q({ refId: 'A', queryType: 'predict', target: 'raw', expr: 'bad(' }),
          q({ refId: 'B', queryType: 'predict', target: 'raw', expr: 'ipmi_dcmi_power_consumption_watts' }),
        ],
        FROM,
        TO
      )
    );
    expect(res.errors).toEqual([{ refId: 'A', message: 'Prometheus: parse error: unexpected end of input' }]);
    expect(res.data.map((f: DataFrame) => f.refId)).toEqual(['B']);
  });

  it('says so when the upstream is unreachable, never throws', async () => {
    const prom = new FakePrometheus(() => new Error('Bad Gateway'));
    const res = await makeDs(prom).query(
      makeRequest([q({ queryType: 'predict', target: 'raw', expr: 'up' })], FROM, TO)
    );
    expect(res.errors?.[0].message).toBe('Prometheus: Bad Gateway');
  });

  it('names a missing upstream data source', async () => {
    const res = await makeDs(new FakePrometheus(seriesResponder(good))).query(
      makeRequest([q({ upstreamUid: 'gone', expr: 'up' })], FROM, TO)
    );
    expect(res.errors?.[0].message).toMatch(/"gone" was not found/);
  });

  it('explains an empty upstream result', async () => {
    const res = await makeDs(new FakePrometheus(seriesResponder({}))).query(
      makeRequest([q({ expr: 'nothing_here' })], FROM, TO)
    );
    expect(res.errors?.[0].message).toMatch(/returned no series/);
  });

  it('refuses a counter read as power, saying what to change', async () => {
    const counter: FakeSeries = { labels: { __name__: 'node_energy_total' }, value: (t) => (t - FROM) / 1000 };
    const prom = new FakePrometheus(seriesResponder({ node_energy_total: [counter] }));
    const res = await makeDs(prom).query(
      makeRequest(
        [q({ queryType: 'predict', target: 'consumption', seriesKind: 'power_w', expr: 'node_energy_total' })],
        FROM,
        TO
      )
    );
    expect(res.errors?.[0].message).toMatch(/looks like an energy counter/);
  });

  it('turns a joules counter into energy, handling a reset', async () => {
    const kepler: FakeSeries = {
      labels: { __name__: 'kepler_node_cpu_joules_total', instance: 'srv-01', zone: 'package' },
      // 250 W as a counter that restarts once, mid-window.
      value: (t) => ((t - (t > TO - 3 * DAY ? TO - 3 * DAY : FROM - 30 * DAY)) / 1000) * 250,
    };
    const prom = new FakePrometheus(seriesResponder({ kepler_node_cpu_joules_total: [kepler] }));
    const res = await makeDs(prom).query(
      makeRequest([q({ queryType: 'predict', target: 'consumption', expr: 'kepler_node_cpu_joules_total' })], FROM, TO)
    );
    expect(res.errors).toBeUndefined();
    const notices = res.data[0].meta.notices.map((n: { text: string }) => n.text).join(' ');
    expect(notices).toMatch(/counter reset/);
    const mean = field(res.data[0], 'Forecast').values.filter((v: number | null) => v !== null) as number[];
    const step = res.data[0].fields[0].config.interval;
    expect(mean[mean.length - 1] / ((250 * step * 1.5) / W_MS_PER_KWH)).toBeCloseTo(1, 1);
  });

  it('falls back and says so when there is too little history', async () => {
    const short: FakeSeries = {
      labels: { __name__: 'new_metric' },
      value: (t) => (t > TO - 20 * 60_000 ? 5 + (t % 3) : null),
    };
    const res = await makeDs(new FakePrometheus(seriesResponder({ new_metric: [short] }))).query(
      makeRequest([q({ queryType: 'predict', target: 'raw', expr: 'new_metric', horizon: '1h' })], FROM, TO)
    );
    expect(res.errors).toBeUndefined();
    expect(JSON.stringify(res.data[0].meta.notices)).toMatch(/fallback/);
  });

  it('caps the number of series and says how to avoid it', async () => {
    const many = Array.from({ length: 8 }, (_, i) => power(`srv-${i}`, 100 + i));
    const ds = makeDs(new FakePrometheus(seriesResponder({ up: many })), {}, async () => ({
      ...appSettings,
      maxSeries: 3,
    }));
    const res = await ds.query(makeRequest([q({ queryType: 'predict', target: 'raw', expr: 'up' })], FROM, TO));
    expect(res.data).toHaveLength(3);
    expect(JSON.stringify(res.data[0].meta.notices)).toMatch(/returned 8 series; EcoTI analysed the first 3/);
  });

  it('validates the query before running it', async () => {
    const res = await makeDs(new FakePrometheus(seriesResponder(good))).query(
      makeRequest([q({ queryType: 'predict', horizon: 'tomorrow', expr: 'up' })], FROM, TO)
    );
    expect(res.errors?.[0].message).toMatch(/Horizon "tomorrow" is not a duration/);
  });

  it('keeps working with the defaults when the app settings cannot be read', async () => {
    const ds = makeDs(new FakePrometheus(seriesResponder(good)), {}, async () => {
      throw new Error('403');
    });
    const res = await ds.query(
      makeRequest(
        [q({ upstreamUid: 'prom', queryType: 'predict', target: 'raw', expr: 'ipmi_dcmi_power_consumption_watts' })],
        FROM,
        TO
      )
    );
    expect(res.errors).toBeUndefined();
    expect(JSON.stringify(res.data[0].meta.notices)).toMatch(/Could not read the EcoTI AI app settings/);
  });
});

describe('EcotiDataSource dashboard variables', () => {
  const INJECTION = 'a"} or vector(1) or {x="';
  const sentExpr = (prom: FakePrometheus) =>
    (prom.requests[prom.requests.length - 1].targets[0] as { expr?: string }).expr;
  const run = (ds: ReturnType<typeof makeDs>, expr: string, scopedVars = {}) =>
    ds.query(makeRequest([q({ queryType: 'predict', target: 'raw', expr })], FROM, TO, 60_000, scopedVars));

  it('sends an injection attempt to the upstream as the matcher’s value, not as PromQL', async () => {
    const prom = new FakePrometheus(seriesResponder({}));
    await run(makeDs(prom, { host: INJECTION }), 'ipmi_dcmi_power_consumption_watts{instance="$host"}');
    expect(sentExpr(prom)).toBe(String.raw`ipmi_dcmi_power_consumption_watts{instance="a\"} or vector(1) or {x=\""}`);
  });

  it('sends a multi-value selection as a regex alternation of escaped values', async () => {
    const prom = new FakePrometheus(seriesResponder({}));
    const host: FakeVariable = { value: ['srv-01:9290', 'srv.02:9290'], multi: true, includeAll: true };
    await run(makeDs(prom, { host }), 'ipmi_dcmi_power_consumption_watts{instance=~"$host"}');
    expect(sentExpr(prom)).toBe(String.raw`ipmi_dcmi_power_consumption_watts{instance=~"(srv-01:9290|srv\\.02:9290)"}`);
  });

  it('leaves $__interval and $__rate_interval for the upstream, which gets the widened window’s step', async () => {
    const prom = new FakePrometheus(seriesResponder({}));
    const panelInterval = { __interval: { text: '15s', value: '15s' }, __interval_ms: { text: '15000', value: 15000 } };
    await run(makeDs(prom), 'rate(x[$__rate_interval]) + avg_over_time(y[$__interval])', panelInterval);
    expect(sentExpr(prom)).toBe('rate(x[$__rate_interval]) + avg_over_time(y[$__interval])');
    const sub = prom.requests[prom.requests.length - 1];
    expect(sub.scopedVars.__interval_ms?.value).toBe(sub.intervalMs);
    expect(sub.intervalMs).toBeGreaterThan(15_000);
  });

  it('refuses a value that would change the query outside a string, for that query only', async () => {
    const prom = new FakePrometheus(seriesResponder({ ipmi_dcmi_power_consumption_watts: [power('srv-01', 300)] }));
    const res = await makeDs(prom, { n: '1, up) or vector(1' }).query(
      makeRequest(
        [
          q({ refId: 'A', queryType: 'predict', target: 'raw', expr: 'topk($n, ipmi_dcmi_power_consumption_watts)' }),
          q({ refId: 'B', queryType: 'predict', target: 'raw', expr: 'ipmi_dcmi_power_consumption_watts' }),
        ],
        FROM,
        TO
      )
    );
    expect(res.errors).toHaveLength(1);
    expect(res.errors?.[0].refId).toBe('A');
    expect(res.errors?.[0].message).toMatch(/^\$n sits outside a quoted string/);
    expect(prom.requests.map((r) => (r.targets[0] as { expr?: string }).expr)).toEqual([
      'ipmi_dcmi_power_consumption_watts',
    ]);
    expect(res.data.map((f: DataFrame) => f.refId)).toEqual(['B']);
  });
});

describe('EcotiDataSource malformed upstream frames', () => {
  const good = seriesResponder({ ipmi_dcmi_power_consumption_watts: [power('srv-01', 300)] });
  /** Prometheus-shaped frames for `broken`, spoilt by `spoil`; the sibling query gets real ones. */
  const upstream = (spoil: (frames: DataFrame[]) => unknown) =>
    new FakePrometheus((expr, request) => {
      if (expr !== 'broken') {
        return good(expr, request);
      }
      const frames = good('ipmi_dcmi_power_consumption_watts', request) as DataQueryResponse;
      return { data: spoil(frames.data) } as DataQueryResponse;
    });
  const request = () =>
    makeRequest(
      [
        q({ refId: 'A', queryType: 'predict', target: 'raw', expr: 'broken', horizon: '1h' }),
        q({
          refId: 'B',
          queryType: 'predict',
          target: 'raw',
          expr: 'ipmi_dcmi_power_consumption_watts',
          horizon: '1h',
        }),
      ],
      FROM,
      TO
    );
  type Frame = { fields: Array<{ values: unknown[] }> };
  const cases: Array<[string, (frames: DataFrame[]) => unknown, RegExp]> = [
    [
      'data that is a string',
      () => 'upstream exploded',
      /response data is text "upstream exploded", not a list of frames/,
    ],
    ['a null frame', (frames) => [...frames, null], /frame 1 is null/],
    [
      'a frame without fields',
      (frames) => frames.map(({ fields, ...rest }) => rest),
      /frame 0 .* has no list of fields/,
    ],
    ['a null field', (frames) => frames.map((f) => ({ ...f, fields: [null, ...f.fields] })), /field 0 is null/],
    [
      'values that are not a list',
      (frames) => frames.map((f) => ({ ...f, fields: [f.fields[0], { ...f.fields[1], values: 'lots' }] })),
      /field "Value": values is text "lots", not a list/,
    ],
    [
      'a number field holding text',
      (frames) => {
        ((frames[0] as unknown as Frame).fields[1].values as unknown[])[5] = '12.5 W';
        return frames;
      },
      /field "Value": row 5 holds text "12.5 W"/,
    ],
    [
      'a number field holding booleans',
      (frames) => {
        (frames[0] as unknown as Frame).fields[1].values[0] = true;
        return frames;
      },
      /row 0 holds boolean true/,
    ],
    [
      'a time that is not a timestamp',
      (frames) => {
        (frames[0] as unknown as Frame).fields[0].values[3] = { seconds: 1 };
        return frames;
      },
      /time at row 3 is an object, not a timestamp/,
    ],
    [
      'two rows at one time',
      (frames) => {
        const t = (frames[0] as unknown as Frame).fields[0].values as number[];
        t[8] = t[7];
        return frames;
      },
      /has two rows at .*; a series needs one value per time/,
    ],
  ];

  it.each(cases)('makes %s query A’s error, while query B still gets its frames', async (_, spoil, message) => {
    const res = await makeDs(upstream(spoil)).query(request());
    expect(res.errors).toHaveLength(1);
    expect(res.errors?.[0].refId).toBe('A');
    expect(res.errors?.[0].message).toMatch(/^Prometheus sent query A a response EcoTI cannot read: /);
    expect(res.errors?.[0].message).toMatch(message);
    expect(res.data.length).toBeGreaterThan(0);
    expect(res.data.every((f: DataFrame) => f.refId === 'B')).toBe(true);
  });

  it('reads the 10 values a field holds when its frame claims a million rows, and says so', async () => {
    const ten = (frames: DataFrame[]) => {
      const [time, value] = frames[0].fields;
      const last = time.values.length;
      return [
        {
          ...frames[0],
          length: 1_000_000,
          fields: [
            { ...time, values: time.values.slice(last - 10) },
            { ...value, values: value.values.slice(last - 10) },
          ],
        },
      ];
    };
    const res = await makeDs(upstream(ten)).query(request());
    expect(res.errors).toBeUndefined();
    const a = res.data.find((f: DataFrame) => f.refId === 'A')!;
    const actual = field(a, 'Value').values.filter((v: number | null) => v !== null);
    expect(actual.length).toBeLessThanOrEqual(10);
    expect(actual.length).toBeGreaterThan(0);
    expect(JSON.stringify(a.meta.notices)).toMatch(
      /says it has 1000000 rows but its fields hold 10, 10 values; EcoTI read 10/
    );
  });

  it('sorts an upstream frame that is out of time order and forecasts from it', async () => {
    const reversed = (frames: DataFrame[]) =>
      frames.map((f) => ({ ...f, fields: f.fields.map((x) => ({ ...x, values: [...x.values].reverse() })) }));
    const res = await makeDs(upstream(reversed)).query(request());
    expect(res.errors).toBeUndefined();
    const a = res.data.find((f: DataFrame) => f.refId === 'A')!;
    const b = res.data.find((f: DataFrame) => f.refId === 'B')!;
    expect(JSON.stringify(a.meta.notices)).toMatch(/not in time order; EcoTI sorted it/);
    // Same data in another order: the same forecast as the sibling that got it in order.
    expect(field(a, 'Forecast').values).toEqual(field(b, 'Forecast').values);
  });

  it('turns a failure inside one query (a crashed analysis worker) into that query’s error', async () => {
    const crashing: TaskRunner = (series, task, settings) =>
      series.some((s) => s.executedQuery?.includes('broken'))
        ? Promise.reject(new Error('the analysis worker stopped'))
        : runInline(series, task, settings);
    const prom = new FakePrometheus((expr, req) => ({
      data: prometheusFrames(req.targets[0].refId, expr, [power('srv-01', 300)], FROM - DAY, TO, req.intervalMs),
    }));
    const res = await makeDs(prom, {}, async () => appSettings, crashing).query(request());
    expect(res.errors).toEqual([{ refId: 'A', message: 'Query A failed: the analysis worker stopped' }]);
    expect(res.data.every((f: DataFrame) => f.refId === 'B')).toBe(true);
  });
});

describe('EcotiDataSource time ranges that reach into the future', () => {
  // "Now" for these tests: a Friday noon in November 2026 (UTC); the fake Prometheus would answer for any time,
  // so a request for samples after now would show up in what it was asked.
  const NOW = Date.UTC(2026, 10, 20, 12);
  const MINUTE = 60_000;
  const prom = new FakePrometheus(
    seriesResponder({ ipmi_dcmi_power_consumption_watts: [power('srv-01', 300), power('srv-02', 200)] })
  );
  const ds = makeDs(
    prom,
    {},
    async () => appSettings,
    runInline,
    () => NOW
  );
  const forecastTimes = (frame: DataFrame) => {
    const time = frame.fields[0].values as number[];
    const actual = field(frame, 'Value').values;
    return time.filter((_, i) => field(frame, 'Forecast').values[i] !== null && actual[i] === null);
  };
  const lastForecast = (frame: DataFrame) => forecastTimes(frame).at(-1)!;
  /** One predict query of the servers' power over [from, to] at the dashboard's one-minute interval. */
  const predict = (target: string, from: number, to: number) =>
    ds.query(
      makeRequest([q({ queryType: 'predict', target, expr: 'ipmi_dcmi_power_consumption_watts' })], from, to, MINUTE)
    );

  it('forecasts to the end of a range that ends in the future, and no further, from samples up to now', async () => {
    prom.requests.length = 0;
    // The SRE dashboard's default range; horizons shorter (A) and longer (B) than the part of it after now.
    const expr = 'ipmi_dcmi_power_consumption_watts';
    const res = await ds.query(
      makeRequest(
        [
          q({ refId: 'A', queryType: 'predict', target: 'raw', expr, horizon: '1h' }),
          q({ refId: 'B', queryType: 'predict', target: 'raw', expr, horizon: '3d' }),
        ],
        NOW - 2 * DAY,
        NOW + DAY,
        MINUTE
      )
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.map((f: DataFrame) => f.refId)).toEqual(['A', 'A', 'B', 'B']);
    expect(prom.requests[0].range.to.valueOf()).toBeLessThanOrEqual(NOW);
    const step = prom.requests[0].intervalMs;
    for (const frame of res.data) {
      const times = forecastTimes(frame);
      expect(times[0]).toBeGreaterThan(NOW - step);
      expect(times[times.length - 1]).toBeLessThanOrEqual(NOW + DAY);
      expect(times[times.length - 1]).toBeGreaterThan(NOW + DAY - step);
    }
  });

  it('coarsens the step of a range that reaches weeks ahead, so that its forecast still reaches the end', async () => {
    prom.requests.length = 0;
    const res = await predict('consumption', NOW - DAY, NOW + 40 * DAY);
    expect(res.errors).toBeUndefined();
    const step = prom.requests[0].intervalMs;
    expect(step).toBeGreaterThan(MINUTE);
    expect(lastForecast(res.data[0])).toBeGreaterThan(NOW + 40 * DAY - step);
    expect(lastForecast(res.data[0])).toBeLessThanOrEqual(NOW + 40 * DAY);
    expect(JSON.stringify(res.data[0].meta.notices ?? [])).not.toMatch(/horizon cut|ends at/);
  });

  it('stops 90 days ahead, and says so, when the range reaches further', async () => {
    const res = await predict('raw', NOW - DAY, NOW + 120 * DAY);
    expect(res.errors).toBeUndefined();
    expect(lastForecast(res.data[0])).toBeLessThanOrEqual(NOW + 90 * DAY);
    expect(lastForecast(res.data[0])).toBeGreaterThan(NOW + 89 * DAY);
    expect(JSON.stringify(res.data[0].meta.notices)).toMatch(/before the end of the time range: .* at most 90 days/);
  });

  it('says how to see the forecast when the range ends now', async () => {
    const res = await predict('raw', NOW - 2 * DAY, NOW);
    expect(JSON.stringify(res.data[0].meta.notices)).toMatch(/set its end into the future \(for example now\+1d\)/);
  });
});

describe('EcotiDataSource totals per month', () => {
  const NOW = Date.UTC(2026, 10, 20, 12);
  // The board's range, this month and the next (Grafana's now/M to now+1M/M): in São Paulo (UTC−3), November
  // starts at 03:00 UTC on the 1st and December ends at 03:00 UTC on 1 January, less a millisecond.
  const NOVEMBER = Date.UTC(2026, 10, 1, 3);
  const DECEMBER = Date.UTC(2026, 11, 1, 3);
  const JANUARY = Date.UTC(2027, 0, 1, 3);
  // One server averaging 300 W over whole days: facility kWh = 300 W × PUE 1.5 × hours / 1000.
  const prom = new FakePrometheus(seriesResponder({ ipmi_dcmi_power_consumption_watts: [power('srv-01', 300)] }));
  const ds = makeDs(
    prom,
    {},
    async () => appSettings,
    runInline,
    () => NOW
  );
  const kWhOver = (ms: number) => (300 * 1.5 * ms) / W_MS_PER_KWH;
  const monthly = (target: string, intervalMs: number, from = NOVEMBER, to = JANUARY - 1) =>
    ds.query(
      makeRequest(
        [
          q({
            queryType: 'predict',
            target,
            expr: 'ipmi_dcmi_power_consumption_watts',
            seriesKind: 'power_w',
            period: 'month',
          }),
        ],
        from,
        to,
        intervalMs
      )
    );

  it('gives one row per month of the site: measured so far, and measured plus forecast to the month’s end', async () => {
    const res = await monthly('consumption', 3_600_000);
    expect(res.errors).toBeUndefined();
    const frame: DataFrame = res.data[0];
    expect(frame.fields[0].values).toEqual([NOVEMBER, DECEMBER]);
    const [measured, total, lower, upper] = ['Value', 'Total', 'Lower', 'Upper'].map((n) => field(frame, n).values);
    expect(field(frame, 'Total').config.unit).toBe('kwatth');
    // November: measured from its first hour to now, then the forecast for the rest of it.
    expect(measured[0] / kWhOver(NOW - NOVEMBER)).toBeCloseTo(1, 1);
    expect(total[0] / kWhOver(DECEMBER - NOVEMBER)).toBeCloseTo(1, 1);
    expect(total[0]).toBeGreaterThan(measured[0]);
    // December lies wholly ahead: nothing measured, the forecast alone.
    expect(measured[1]).toBeNull();
    expect(total[1] / kWhOver(JANUARY - DECEMBER)).toBeCloseTo(1, 1);
    for (const i of [0, 1]) {
      expect(lower[i]).toBeLessThanOrEqual(total[i]);
      expect(upper[i]).toBeGreaterThanOrEqual(total[i]);
    }
    expect(field(frame, 'Total').config.custom.drawStyle).toBe('bars');
  });

  it('gives the same monthly totals whatever the zoom, and whole months from a range that starts mid-month', async () => {
    const coarse = await monthly('consumption', 3_600_000);
    const fine = await monthly('consumption', 60_000, NOW - 7 * DAY, NOW + 3 * DAY);
    expect(fine.data[0].fields[0].values).toEqual([NOVEMBER]);
    const a = field(coarse.data[0], 'Total').values[0];
    const b = field(fine.data[0], 'Total').values[0];
    expect(Math.abs(b / a - 1)).toBeLessThan(0.02);
  });

  it('totals emissions in tonnes of CO2e, so that a board never reads grams', async () => {
    const res = await monthly('emissions', 3_600_000);
    const total = field(res.data[0], 'Total');
    expect(total.config.unit).toBe('masst');
    // 40 gCO2e/kWh in the test settings.
    expect((total.values[1] as number) / ((kWhOver(JANUARY - DECEMBER) * 40) / 1e6)).toBeCloseTo(1, 1);
  });
});
