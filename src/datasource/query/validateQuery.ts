// Live validation of an EcoTI query, shared by the editor (messages as you type) and query() (a
// clear per-query error instead of a blank panel). It reads the query as stored, so it can name a
// type, target or choice that migrateQuery had to replace by its default.
import { rangeUtil } from '@grafana/data';
import { forecastMethodProblem } from '../../ml';
import { SERIES_KINDS } from '../analysis/seriesKind';
import { StoredEcotiQuery, TARGETS } from '../types';
import { ANOMALY_OUTPUTS, migrateQuery, QUERY_TYPES, TOTALS_PERIODS } from './migrateQuery';
import { isKind, readsUpstreamQuery } from './queryKind';

export interface QueryProblem {
  field: keyof StoredEcotiQuery | 'upstream';
  message: string;
}

/** Longest horizon accepted: forecasts further ahead are not meaningful. */
const MAX_HORIZON_DAYS = 90;
/** The same limit in ms: a time range reaching further into the future gets no forecast past it. */
export const MAX_HORIZON_MS = MAX_HORIZON_DAYS * 86_400_000;

export function validateQuery(stored: StoredEcotiQuery, defaultUpstreamUid?: string): QueryProblem[] {
  if (stored.queryType !== undefined && !includes(QUERY_TYPES, stored.queryType)) {
    return [
      {
        field: 'queryType',
        message: `Unknown query type "${stored.queryType}": use ${QUERY_TYPES.join(', ')}.`,
      },
    ];
  }
  const problems: QueryProblem[] = [];
  const q = migrateQuery(stored);
  if (stored.target !== undefined && stored.target !== q.target) {
    problems.push({
      field: 'target',
      message: `"${stored.target}" is not a ${q.queryType} target: use ${TARGETS[q.queryType].join(', ')}.`,
    });
  }
  if (!q.upstreamUid && !defaultUpstreamUid) {
    problems.push({
      field: 'upstream',
      message: 'Choose an upstream data source (Prometheus), or set a default one in the EcoTI AI app settings.',
    });
  }
  if (readsUpstreamQuery(q) && !q.upstreamQuery && !q.expr?.trim()) {
    problems.push({
      field: 'expr',
      message: 'Enter the upstream query (PromQL for Prometheus) whose series EcoTI should analyse.',
    });
  }
  if (isKind(q, 'predict')) {
    if (stored.seriesKind !== undefined && stored.seriesKind !== q.seriesKind) {
      problems.push({
        field: 'seriesKind',
        message: `Unknown series kind "${stored.seriesKind}": use ${SERIES_KINDS.join(', ')}.`,
      });
    }
    const ms = durationMs(q.horizon);
    if (!(ms > 0)) {
      problems.push({ field: 'horizon', message: `Horizon "${q.horizon}" is not a duration: use e.g. 6h, 24h or 7d.` });
    } else if (ms > MAX_HORIZON_MS) {
      problems.push({
        field: 'horizon',
        message: `Horizon is longer than ${MAX_HORIZON_DAYS} days: forecasts that far ahead are not meaningful.`,
      });
    }
    if (!(q.level >= 0.5 && q.level < 1)) {
      problems.push({
        field: 'level',
        message: 'Interval level must be between 0.5 and 0.999 (e.g. 0.95 for a 95% band).',
      });
    }
    if (stored.period !== undefined && stored.period !== q.period) {
      problems.push({
        field: 'period',
        message: `Unknown period "${stored.period}": use ${TOTALS_PERIODS.join(', ')}.`,
      });
    } else if (q.period !== 'step' && q.target === 'raw') {
      problems.push({
        field: 'period',
        message: `Totals per ${q.period} need an energy target (consumption, emissions or costs): a sum of raw values means nothing.`,
      });
    }
    const method = forecastMethodProblem(q.method);
    if (method) {
      problems.push({ field: 'method', message: `Method: ${method}.` });
    }
  }
  if (isKind(q, 'drivers')) {
    const names = q.drivers.map((d) => d.name.trim());
    if (!q.drivers.some((d) => d.expr.trim())) {
      problems.push({
        field: 'drivers',
        message: 'Add a driver query (e.g. CPU or GPU utilisation per host) whose series explain the power.',
      });
    } else if (names.some((n, i) => !n || names.indexOf(n) !== i)) {
      problems.push({
        field: 'drivers',
        message: 'Give every driver its own name: the importance table lists them by it.',
      });
    }
    const planned = q.plannedUtilisation;
    if (planned !== undefined && !(planned >= 0 && planned <= 100)) {
      problems.push({
        field: 'plannedUtilisation',
        message: 'Planned utilisation must be a percentage from 0 to 100, or empty for no plan.',
      });
    }
  }
  if (isKind(q, 'anomalies')) {
    if (!(q.sensitivity > 0 && q.sensitivity <= 1)) {
      problems.push({
        field: 'sensitivity',
        message: 'Sensitivity must be above 0 and at most 1 (higher finds more anomalies).',
      });
    }
    if (stored.anomalyOutput !== undefined && stored.anomalyOutput !== q.anomalyOutput) {
      problems.push({
        field: 'anomalyOutput',
        message: `Unknown anomaly output "${stored.anomalyOutput}": use ${ANOMALY_OUTPUTS.join(', ')}.`,
      });
    }
  }
  return problems;
}

function includes<T extends string>(list: readonly T[], value: string): value is T {
  return list.some((item) => item === value);
}

/** A Grafana duration ("24h", "7d") in ms, NaN when it is not one. */
export function durationMs(s: string | undefined): number {
  if (!s || !/^\s*\d+(\.\d+)?\s*(ms|s|m|h|d|w|y)\s*$/.test(s)) {
    return NaN;
  }
  try {
    return rangeUtil.intervalToMs(s.trim());
  } catch {
    return NaN;
  }
}
