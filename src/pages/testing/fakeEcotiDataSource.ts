// Test doubles at the Grafana runtime boundary for the app's pages: an EcoTI data source whose
// query() answers with frames from the data source's real frame builders, and the site's month.
import { DataQueryRequest, DataQueryResponse, DataSourceApi, DataSourceInstanceSettings } from '@grafana/data';
import type { EcotiQuery, PredictQuery, StoredEcotiQuery } from '../../datasource/types';
import { isKind, queryKind } from '../../datasource/query/queryKind';
import { buildForecastFrame } from '../../datasource/frames/forecastFrame';
import { buildAnomalyRegionsFrame, buildTrendFrame } from '../../datasource/frames/insightFrames';
import { buildDriverImportanceFrame } from '../../datasource/frames/driverFrame';
import { fleetRecommendationFrame } from '../../components/Recommendations/testing/fleetRecommendations';

export const HOUR = 3_600_000;

export type Responder = (request: DataQueryRequest<EcotiQuery>) => Promise<DataQueryResponse>;

export function fakeEcotiDataSource(respond: Responder) {
  const query = jest.fn(respond);
  const ds = {
    uid: 'ecoti',
    type: 'renault-ecoti-datasource',
    name: 'EcoTI AI',
    query,
  } as unknown as DataSourceApi<StoredEcotiQuery>;
  return { ds, query };
}

/** What getDataSourceSrv() gives: the list of EcoTI instances and get() for the chosen one. */
export function fakeDataSourceSrv(ds: DataSourceApi<StoredEcotiQuery> | null) {
  const instances = ds
    ? [{ uid: ds.uid, type: ds.type, name: ds.name, isDefault: false } as DataSourceInstanceSettings]
    : [];
  return { getList: jest.fn(() => instances), get: jest.fn(async () => ds) };
}

/** Per-hour quantities of the fake site: 2 kWh an hour so far, 3 kWh an hour forecast (band 2.5–4). */
export const SITE = { historyKWh: 2, forecastKWh: 3, lowerKWh: 2.5, upperKWh: 4, kgPerKWh: 0.0385, pricePerKWh: 0.8 };

const UNITS: Record<string, { unit: string; quantity: string; factor: number }> = {
  consumption: { unit: 'kwatth', quantity: 'kWh', factor: 1 },
  emissions: { unit: 'masskg', quantity: 'kgCO2e', factor: SITE.kgPerKWh },
  costs: { unit: 'currencyBRL', quantity: 'BRL', factor: SITE.pricePerKWh },
};

/** A predict answer shaped as the data source gives it: hourly history since `from`, forecast to now + horizon. */
function predictFrame(target: PredictQuery, from: number, now: number) {
  const { unit, quantity, factor } = UNITS[target.target];
  const horizon = Number(target.horizon.replace('h', '')) * HOUR;
  const first = Math.ceil(from / HOUR) * HOUR;
  const last = Math.floor(now / HOUR) * HOUR;
  const history = Array.from({ length: Math.max(0, (last - first) / HOUR) }, (_, i) => first + i * HOUR);
  const future = Array.from({ length: horizon / HOUR }, (_, i) => last + i * HOUR);
  return buildForecastFrame({
    refId: target.refId,
    name: 'site',
    labels: {},
    history: { timestamps: history, values: history.map(() => SITE.historyKWh) },
    forecast: {
      timestamps: future,
      mean: future.map(() => SITE.forecastKWh),
      lower: future.map(() => SITE.lowerKWh),
      upper: future.map(() => SITE.upperKWh),
      method: 'seasonal-naive',
      seasonalities: [24],
      model: { name: 'seasonal-naive', seasonalities: [24] },
      notes: [],
    },
    factorAt: () => factor,
    unit,
    quantity,
    level: 0.95,
    colourIndex: 0,
    stepMs: HOUR,
    notices: [],
  });
}

export const ANOMALIES = [
  { series: 'web-01', score: 0.72, hoursAgo: 30 },
  { series: 'db-01', score: 0.97, hoursAgo: 50 },
  { series: 'web-02', score: 0.61, hoursAgo: 10 },
];

/** What drives the fake site's power: mostly CPU, some inlet temperature, a little the hour of day. */
export const SITE_DRIVERS = {
  series: 'site',
  unit: 'watt',
  importance: [
    { feature: 'CPU utilisation', kind: 'driver' as const, share: 0.78, errorIncrease: 41 },
    { feature: 'Inlet temperature', kind: 'driver' as const, share: 0.17, errorIncrease: 9 },
    { feature: 'hour of day', kind: 'calendar' as const, share: 0.05, errorIncrease: 2.5 },
    { feature: 'day of week', kind: 'calendar' as const, share: 0, errorIncrease: 0 },
  ],
  diagnostics: {
    rows: 2016,
    trainingRows: 1612,
    heldOutRows: 404,
    incompleteRows: 0,
    rowsLeftOut: 0,
    trees: 30,
    rowsPerTree: 128,
    maxDepth: 8,
    heldOut: { mae: 14.2, rmse: 19, r2: 0.91 },
    baselineMae: 80,
  },
};

/** Answers every query the Overview and Recommendations pages send, like the data source would. */
export const siteResponder: Responder = async (request) => {
  const now = request.range.to.valueOf();
  const from = request.range.from.valueOf();
  const data = request.targets.flatMap((target) => {
    if (isKind(target, 'predict')) {
      return [predictFrame(target, from, now)];
    }
    if (queryKind(target) === 'anomalies') {
      return [
        buildAnomalyRegionsFrame(
          target.refId,
          ANOMALIES.map((a) => ({
            series: a.series,
            labels: { instance: a.series },
            unit: 'watt',
            start: now - a.hoursAgo * HOUR,
            end: now - a.hoursAgo * HOUR + HOUR,
            score: a.score,
            expected: 300,
            actual: 480,
            reason: 'power 480 W where about 300 W was expected',
          }))
        ),
      ];
    }
    if (queryKind(target) === 'trends') {
      return [
        buildTrendFrame(target.refId, [
          {
            series: 'site',
            labels: {},
            slopePerDay: 12.5,
            lower: 8,
            upper: 15,
            changepoints: [now - 100 * HOUR],
            unit: 'watt',
          },
        ]),
      ];
    }
    if (queryKind(target) === 'drivers') {
      return [buildDriverImportanceFrame(target.refId, [SITE_DRIVERS])];
    }
    return [fleetRecommendationFrame(target.refId)];
  });
  return { data };
};
