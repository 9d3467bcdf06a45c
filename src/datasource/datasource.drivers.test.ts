import { DataFrame, Field } from '@grafana/data';
import { StoredEcotiQuery } from './types';
import { FakePrometheus, FakeSeries, makeRequest, seriesResponder } from './testing/fakeUpstream';
import { testDataSource } from './testing/testDataSource';
import {
  DRIVER_IMPORTANCE_FIELDS,
  DRIVER_IMPORTANCE_FRAME,
  PLANNED_POWER_FIELDS,
  PLANNED_POWER_FRAME,
} from './frames/driverFrame';
import { loadPortuguese } from '../locales/testing/portuguese';
import pluginJson from './plugin.json';
import portuguese from './locales/pt-BR/renault-ecoti-datasource.json';

const HOUR = 3_600_000;
const TO = Date.UTC(2026, 10, 25, 12);
const FROM = TO - 6 * HOUR;
const IDLE = { 'srv-01': 90, 'srv-02': 140 };
const WATTS_PER_UTIL = 200;

/** CPU utilisation 0–1 of a host: jobs of a few hours switching on and off, deterministic. */
function utilisation(t: number, seed: number): number {
  const hour = Math.floor(t / HOUR);
  const x = Math.sin(hour * 12.9898 + seed * 78.233) * 43758.5453;
  const r = x - Math.floor(x);
  return Math.floor(hour / 3) % 3 === seed % 3 ? 0.05 : 0.2 + 0.75 * r;
}

const host = (name: keyof typeof IDLE, seed: number) => ({
  cpu: {
    labels: { instance: `${name}:9100`, job: 'node' },
    value: (t: number) => utilisation(t, seed),
  } satisfies FakeSeries,
  power: {
    labels: { __name__: 'ipmi_dcmi_power_consumption_watts', instance: `${name}:9290`, job: 'ipmi' },
    value: (t: number) => IDLE[name] + WATTS_PER_UTIL * utilisation(t, seed) + 2 * Math.sin(t / 5_000_000),
  } satisfies FakeSeries,
});

const CPU = '1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m]))';
const INLET = 'avg(ipmi_temperature_celsius{name=~"(?i).*inlet.*"})';
const hosts = [host('srv-01', 1), host('srv-02', 2)];
const prom = new FakePrometheus(
  seriesResponder({
    ipmi_dcmi_power_consumption_watts: hosts.map((h) => h.power),
    [CPU]: hosts.map((h) => h.cpu),
    // One site-wide series, used for every host; it does not move the power.
    [INLET]: [{ labels: {}, value: (t) => 22 + 2 * Math.sin(t / 9_000_000) }],
  })
);

const ds = testDataSource({
  upstreams: [prom],
  appSettings: { defaultUpstreamUid: 'prom', trainingWindow: '7d', timeZone: 'UTC' },
});

const driversQuery = (patch: Partial<StoredEcotiQuery> = {}): StoredEcotiQuery => ({
  refId: 'D',
  queryType: 'insights',
  target: 'drivers',
  expr: 'ipmi_dcmi_power_consumption_watts',
  drivers: [
    { name: 'CPU utilisation', expr: CPU, utilisation: true },
    { name: 'Inlet temperature', expr: INLET, utilisation: false },
  ],
  ...patch,
});

const field = (frame: DataFrame, name: string): Field => frame.fields.find((f) => f.name === name)!;
const rowsOf = (frame: DataFrame) =>
  Array.from({ length: frame.length }, (_, i) => Object.fromEntries(frame.fields.map((f) => [f.name, f.values[i]])));

describe('EcotiDataSource drivers', () => {
  it('explains each host’s power by its own CPU utilisation, in a table with the importance fields and units', async () => {
    const res = await ds.query(makeRequest([driversQuery()], FROM, TO, 5 * 60_000));
    expect(res.errors).toBeUndefined();
    expect(res.data).toHaveLength(1);
    const frame: DataFrame = res.data[0];
    expect(frame.name).toBe(DRIVER_IMPORTANCE_FRAME);
    expect(frame.fields.map((f) => f.name)).toEqual([...DRIVER_IMPORTANCE_FIELDS]);
    expect(field(frame, 'share').config.unit).toBe('percentunit');
    expect(field(frame, 'errorIncrease').config.unit).toBe('watt');
    expect(field(frame, 'heldOutMae').config.unit).toBe('watt');
    const rows = rowsOf(frame);
    for (const server of ['srv-01', 'srv-02']) {
      const own = rows.filter((r) => String(r.series).includes(server));
      // Two drivers and the two calendar features, most important first.
      expect(own.map((r) => r.kind)).toEqual(expect.arrayContaining(['driver', 'driver', 'calendar', 'calendar']));
      expect(own[0]).toMatchObject({ feature: 'CPU utilisation', kind: 'driver' });
      expect(own[0].share).toBeGreaterThan(0.8);
      expect(own.find((r) => r.feature === 'Inlet temperature')!.share).toBeLessThan(0.1);
      expect(own[0].heldOutR2).toBeGreaterThan(0.9);
    }
    // The power query and both driver queries went to the upstream.
    const asked = prom.requests.map((r) => (r.targets[0] as { expr?: string }).expr);
    expect(asked).toEqual(expect.arrayContaining(['ipmi_dcmi_power_consumption_watts', CPU, INLET]));
  });

  it('answers "what if" with the power each host would draw at the planned utilisation', async () => {
    const res = await ds.query(makeRequest([driversQuery({ plannedUtilisation: 50 })], FROM, TO, 5 * 60_000));
    expect(res.errors).toBeUndefined();
    const plan: DataFrame = res.data.find((f: DataFrame) => f.name === PLANNED_POWER_FRAME)!;
    expect(plan.fields.map((f) => f.name)).toEqual([...PLANNED_POWER_FIELDS]);
    expect(field(plan, 'plannedPower').config.unit).toBe('watt');
    const rows = rowsOf(plan);
    expect(rows).toHaveLength(2);
    rows.forEach((r) => {
      const idle = String(r.series).includes('srv-01') ? IDLE['srv-01'] : IDLE['srv-02'];
      expect(r.plannedUtilisation).toBe(50);
      expect(r.plannedPower).toBeGreaterThan((idle + WATTS_PER_UTIL * 0.5) * 0.95);
      expect(r.plannedPower).toBeLessThan((idle + WATTS_PER_UTIL * 0.5) * 1.05);
    });
  });

  it('says what to fix when the drivers give nothing, or are not valid', async () => {
    const none = await ds.query(
      makeRequest([driversQuery({ drivers: [{ name: 'GPU', expr: 'no_such_metric', utilisation: true }] })], FROM, TO)
    );
    expect(none.errors?.[0].message).toMatch(/None of the driver queries returned series/);
    const bad = await ds.query(makeRequest([driversQuery({ plannedUtilisation: 150 })], FROM, TO));
    expect(bad.errors?.[0].message).toMatch(/Planned utilisation must be a percentage from 0 to 100/);
  });
});

describe('EcotiDataSource drivers in Portuguese', () => {
  beforeAll(() => loadPortuguese(pluginJson.id, portuguese));

  it('names the importance columns and the calendar features in pt-BR', async () => {
    const res = await ds.query(makeRequest([driversQuery()], FROM, TO, 5 * 60_000));
    const frame: DataFrame = res.data[0];
    expect(field(frame, 'feature').config.displayName).toBe('Fator');
    expect(field(frame, 'share').config.displayName).toBe('Parcela da importância');
    expect(field(frame, 'feature').values).toEqual(expect.arrayContaining(['Hora do dia', 'Dia da semana']));
  });
});
