// Turns a query as a dashboard stored it (any plugin version, any subset of fields) into a complete
// EcotiQuery: legacy names renamed, defaults filled in here and nowhere else. A type, target or
// choice we do not know is replaced by the default, so the editor can still show the query;
// validateQuery reports what was replaced. Fields of other kinds are kept, so switching kind in the
// editor and back loses nothing.
import { SERIES_KINDS } from '../analysis/seriesKind';
import {
  AnomaliesQuery,
  AnomalyOutput,
  DEFAULT_DRIVERS,
  DriverSeriesQuery,
  EcotiQuery,
  PredictQuery,
  QueryType,
  StoredEcotiQuery,
  TARGETS,
  TotalsPeriod,
} from '../types';

export const QUERY_TYPES: readonly QueryType[] = ['predict', 'insights', 'recommendations'];
export const ANOMALY_OUTPUTS: readonly AnomalyOutput[] = ['all', 'scores', 'regions'];
export const TOTALS_PERIODS: readonly TotalsPeriod[] = ['step', 'day', 'month'];

export const PREDICT_DEFAULTS: Omit<PredictQuery, 'refId' | 'queryType' | 'target'> = {
  seriesKind: 'auto',
  horizon: '24h',
  level: 0.95,
  method: 'auto',
  includeHistory: true,
  period: 'step',
};

export const ANOMALY_DEFAULTS: Omit<AnomaliesQuery, 'refId' | 'queryType' | 'target'> = {
  sensitivity: 0.5,
  anomalyOutput: 'all',
};

/** What a new query in a panel starts as. */
export const DEFAULT_QUERY: Omit<PredictQuery, 'refId'> = {
  queryType: 'predict',
  target: 'consumption',
  ...PREDICT_DEFAULTS,
};

export function migrateQuery(stored: StoredEcotiQuery): EcotiQuery {
  const { upstreamExpr, ...rest } = stored;
  const expr = stored.expr ?? upstreamExpr;
  const base = { ...rest, ...(expr !== undefined ? { expr } : {}) };
  const queryType = oneOf(QUERY_TYPES, stored.queryType);
  if (queryType === 'recommendations') {
    return { ...base, queryType, target: oneOf(TARGETS.recommendations, stored.target) };
  }
  if (queryType === 'predict') {
    return {
      ...base,
      queryType,
      target: oneOf(TARGETS.predict, stored.target),
      seriesKind: oneOf(SERIES_KINDS, stored.seriesKind),
      horizon: stored.horizon ?? PREDICT_DEFAULTS.horizon,
      level: numberOr(stored.level, PREDICT_DEFAULTS.level),
      method: stored.method ?? PREDICT_DEFAULTS.method,
      includeHistory: stored.includeHistory ?? PREDICT_DEFAULTS.includeHistory,
      period: oneOf(TOTALS_PERIODS, stored.period),
    };
  }
  const target = oneOf(TARGETS.insights, stored.target);
  if (target === 'anomalies') {
    return {
      ...base,
      queryType,
      target,
      sensitivity: numberOr(stored.sensitivity, ANOMALY_DEFAULTS.sensitivity),
      anomalyOutput: oneOf(ANOMALY_OUTPUTS, stored.anomalyOutput),
    };
  }
  if (target === 'drivers') {
    const { plannedUtilisation: planned, ...fields } = base;
    return {
      ...fields,
      queryType,
      target,
      drivers: readDrivers(stored.drivers),
      ...(planned === undefined || planned === '' ? {} : { plannedUtilisation: numberOr(planned, NaN) }),
    };
  }
  return { ...base, queryType, target };
}

/** Driver queries as stored; the defaults when there are none, text fields as text. */
function readDrivers(stored: unknown): DriverSeriesQuery[] {
  if (!Array.isArray(stored)) {
    return DEFAULT_DRIVERS.map((d) => ({ ...d }));
  }
  return stored.map((d: unknown, i) => {
    const r = typeof d === 'object' && d !== null ? (d as Record<string, unknown>) : {};
    return {
      name: typeof r.name === 'string' ? r.name : `Driver ${i + 1}`,
      expr: typeof r.expr === 'string' ? r.expr : '',
      utilisation: r.utilisation === true,
    };
  });
}

/** `value` when it is one of `allowed`, else the first of them (the default). */
export function oneOf<T extends string>(allowed: readonly T[], value: unknown): T {
  return allowed.find((a) => a === value) ?? allowed[0];
}

/** Numbers typed by hand into dashboard JSON may be strings; anything else is NaN, which validation reports. */
function numberOr(value: number | string | undefined, fallback: number): number {
  if (value === undefined || value === '') {
    return fallback;
  }
  return typeof value === 'number' ? value : Number(value);
}
