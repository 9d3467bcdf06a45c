import { FORECAST_METHODS } from '../../ml';
import type { StoredEcotiQuery } from '../types';
import { validateQuery } from './validateQuery';

const predict = (patch: Partial<StoredEcotiQuery>): StoredEcotiQuery => ({
  refId: 'A',
  queryType: 'predict',
  target: 'raw',
  expr: 'up',
  ...patch,
});
const fields = (q: StoredEcotiQuery, upstream = 'prom') => validateQuery(q, upstream).map((p) => p.field);

describe('validateQuery', () => {
  it('accepts every method of the ML core and ensembles of them, and names an unknown one', () => {
    for (const method of [...FORECAST_METHODS, 'ensemble(seasonal-mean+mstl)']) {
      expect({ method, problems: validateQuery(predict({ method }), 'prom') }).toEqual({ method, problems: [] });
    }
    expect(validateQuery(predict({ method: 'arima' }), 'prom')).toEqual([
      {
        field: 'method',
        message: expect.stringMatching(/^Method: unknown forecast method "arima"; use auto, one of seasonal-naive, .*/),
      },
    ]);
  });

  it('names a stored type, target, series kind or output it does not know', () => {
    expect(validateQuery({ refId: 'A', queryType: 'forecast' }, 'prom')).toEqual([
      { field: 'queryType', message: 'Unknown query type "forecast": use predict, insights, recommendations.' },
    ]);
    expect(validateQuery(predict({ target: 'watts' }), 'prom')[0].message).toBe(
      '"watts" is not a predict target: use consumption, emissions, costs, raw.'
    );
    expect(fields(predict({ seriesKind: 'kW' }))).toEqual(['seriesKind']);
    expect(
      fields({ refId: 'A', queryType: 'insights', target: 'anomalies', expr: 'up', anomalyOutput: 'chart' })
    ).toEqual(['anomalyOutput']);
  });

  it('asks for an upstream query only for the kinds that read one', () => {
    expect(fields(predict({ expr: ' ' }))).toEqual(['expr']);
    expect(fields(predict({ expr: undefined, upstreamQuery: { refId: 'A', expr: 'up' } }))).toEqual([]);
    expect(fields({ refId: 'A', queryType: 'insights', target: 'optimization' })).toEqual([]);
    expect(fields({ refId: 'A', queryType: 'recommendations', target: 'energy' })).toEqual([]);
  });

  it('needs an upstream, its own or the app’s default', () => {
    expect(fields(predict({}), '')).toEqual(['upstream']);
    expect(fields(predict({ upstreamUid: 'prom-2' }), '')).toEqual([]);
  });

  it('bounds the forecast: a duration up to 90 days, a level in [0.5, 1)', () => {
    expect(fields(predict({ horizon: '90d', level: 0.5 }))).toEqual([]);
    expect(fields(predict({ horizon: '91d' }))).toEqual(['horizon']);
    expect(fields(predict({ horizon: 'tomorrow', level: 1 }))).toEqual(['horizon', 'level']);
  });

  it('totals per day or month only energy targets, and names a period it does not know', () => {
    for (const target of ['consumption', 'emissions', 'costs']) {
      expect(fields(predict({ target, period: 'month' }))).toEqual([]);
    }
    expect(validateQuery(predict({ period: 'day' }), 'prom')).toEqual([
      { field: 'period', message: expect.stringMatching(/^Totals per day need an energy target/) },
    ]);
    expect(validateQuery(predict({ target: 'consumption', period: 'week' }), 'prom')).toEqual([
      { field: 'period', message: 'Unknown period "week": use step, day, month.' },
    ]);
  });

  it('bounds the anomaly sensitivity to (0, 1]', () => {
    const anomalies = (sensitivity: number) => ({
      refId: 'A',
      queryType: 'insights',
      target: 'anomalies',
      expr: 'up',
      sensitivity,
    });
    expect(fields(anomalies(1))).toEqual([]);
    expect(fields(anomalies(0))).toEqual(['sensitivity']);
  });
});
