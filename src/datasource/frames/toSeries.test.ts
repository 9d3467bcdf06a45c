import { FieldType } from '@grafana/data';
import { prometheusFrames } from '../testing/fakeUpstream';
import { framesToSeries, UpstreamRead } from './toSeries';

const T0 = Date.UTC(2026, 10, 25, 6);
const MIN = 60_000;

/** One Prometheus-shaped frame, as Grafana's data source returns it, then edited by each test. */
function frame(values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
  return prometheusFrames(
    'A',
    'power',
    [{ labels: { __name__: 'power', instance: 'srv-01' }, value: (t) => values[(t - T0) / MIN] ?? null }],
    T0,
    T0 + (values.length - 1) * MIN,
    MIN
  )[0] as unknown as { length: number; fields: Array<{ values: unknown; type: FieldType }> } & Record<string, unknown>;
}

function errorOf(r: UpstreamRead): string {
  return 'error' in r ? r.error : `no error; read ${r.series.length} series`;
}

function seriesOf(r: UpstreamRead) {
  if ('error' in r) {
    throw new Error(r.error);
  }
  return r;
}

describe('framesToSeries', () => {
  it('reads a Prometheus frame into a series with its labels, name and executed query', () => {
    const { series, notices } = seriesOf(framesToSeries([frame()]));
    expect(notices).toEqual([]);
    expect(series).toHaveLength(1);
    expect(series[0].key).toBe('{__name__="power", instance="srv-01"}');
    expect(Array.from(series[0].values)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(series[0].timestamps[9] - series[0].timestamps[0]).toBe(9 * MIN);
    expect(series[0].executedQuery).toBe('Expr: power\nStep: 60s');
  });

  it('reads no more rows than the fields hold when the frame claims a million', () => {
    const lying = { ...frame(), length: 1_000_000 };
    const { series, notices } = seriesOf(framesToSeries([lying]));
    expect(series[0].values).toHaveLength(10);
    expect(series[0].timestamps).toHaveLength(10);
    expect(notices).toEqual([
      'Upstream frame 0 ("power{instance="srv-01"}") says it has 1000000 rows but its fields hold 10, 10 values; EcoTI read 10.',
    ]);
  });

  it('trims to the shorter field when time and values disagree', () => {
    const f = frame();
    f.fields[1].values = (f.fields[1].values as number[]).slice(0, 7);
    const { series, notices } = seriesOf(framesToSeries([f]));
    expect(Array.from(series[0].values)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(notices[0]).toMatch(/says it has 10 rows but its fields hold 10, 7 values; EcoTI read 7/);
  });

  it('sorts rows that arrive out of time order, values with their times, and says so', () => {
    const f = frame([1, 2, 3]);
    f.fields[0].values = (f.fields[0].values as number[]).slice().reverse();
    const { series, notices } = seriesOf(framesToSeries([f]));
    expect(Array.from(series[0].timestamps)).toEqual([T0, T0 + MIN, T0 + 2 * MIN]);
    expect(Array.from(series[0].values)).toEqual([3, 2, 1]);
    expect(notices[0]).toMatch(/not in time order; EcoTI sorted it/);
  });

  it('reads typed arrays as well as plain ones', () => {
    const f = frame([1, 2, 3]);
    f.fields[0].values = Float64Array.from(f.fields[0].values as number[]);
    f.fields[1].values = Float32Array.from([1.5, 2.5, 3.5]);
    expect(Array.from(seriesOf(framesToSeries([f])).series[0].values)).toEqual([1.5, 2.5, 3.5]);
  });

  it('keeps null values as missing samples', () => {
    const f = frame([1, 2, 3]);
    f.fields[1].values = [1, null, 3];
    expect(Array.from(seriesOf(framesToSeries([f])).series[0].values)).toEqual([1, NaN, 3]);
  });

  it('skips the empty frame Prometheus sends for no data', () => {
    expect(framesToSeries([{ fields: [], meta: {} }])).toEqual({ series: [], notices: [] });
  });

  it.each([
    ['data that is not a list', 'no data', /^the response data is text "no data", not a list of frames$/],
    ['a null frame', [null], /^frame 0 is null$/],
    [
      'a frame without fields',
      [{ name: 'x', length: 3 }],
      /^frame 0 \("x"\) has no list of fields \(fields is missing\)$/,
    ],
    ['a null field', [{ fields: [null] }], /^frame 0: field 0 is null$/],
  ])('refuses %s', (_, data, message) => {
    expect(errorOf(framesToSeries(data))).toMatch(message);
  });

  it.each([
    [
      'values that are not a list',
      (f: ReturnType<typeof frame>) => (f.fields[1].values = '1,2,3'),
      /field "Value": values is text "1,2,3", not a list/,
    ],
    [
      'a number field holding text',
      (f: ReturnType<typeof frame>) => ((f.fields[1].values as unknown[])[4] = 'NaN'),
      /field "Value": row 4 holds text "NaN" where a number field must hold numbers/,
    ],
    [
      'a number field holding objects',
      (f: ReturnType<typeof frame>) => ((f.fields[1].values as unknown[])[0] = { v: 1 }),
      /row 0 holds an object/,
    ],
    [
      'a time that is not a timestamp',
      (f: ReturnType<typeof frame>) => ((f.fields[0].values as unknown[])[2] = 'soon'),
      /time at row 2 is text "soon", not a timestamp/,
    ],
    [
      'a missing time',
      (f: ReturnType<typeof frame>) => ((f.fields[0].values as unknown[])[2] = null),
      /time at row 2 is null/,
    ],
    [
      'two rows at one time',
      (f: ReturnType<typeof frame>) => ((f.fields[0].values as number[])[3] = T0 + 2 * MIN),
      /has two rows at 2026-11-25T06:02:00.000Z; a series needs one value per time/,
    ],
  ])('refuses %s', (_, edit, message) => {
    const f = frame();
    edit(f);
    expect(errorOf(framesToSeries([f]))).toMatch(message);
  });
});
