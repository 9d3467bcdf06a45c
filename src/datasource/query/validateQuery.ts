// Defaults and live validation of an EcoTI query, shared by the editor (messages as you type) and
// query() (a clear per-query error instead of a blank panel).
import { rangeUtil } from '@grafana/data';
import { DEFAULT_QUERY, EcotiQuery, QueryType, TARGETS } from '../types';

export type ResolvedQuery = EcotiQuery &
  Required<
    Pick<
      EcotiQuery,
      'queryType' | 'target' | 'horizon' | 'level' | 'method' | 'sensitivity' | 'includeHistory' | 'seriesKind'
    >
  >;

export interface QueryProblem {
  field: keyof EcotiQuery | 'upstream';
  message: string;
}

export function withDefaults(q: EcotiQuery): ResolvedQuery {
  const queryType = (q.queryType ?? DEFAULT_QUERY.queryType) as QueryType;
  return {
    ...DEFAULT_QUERY,
    ...q,
    queryType,
    target: q.target ?? TARGETS[queryType]?.[0] ?? 'raw',
  } as ResolvedQuery;
}

const METHODS = [
  'auto',
  'linear',
  'seasonal-naive',
  'seasonal-mean',
  'holt-winters',
  'mstl',
  'seasonal-linear',
  'lag-regression',
];

export function validateQuery(q: ResolvedQuery, defaultUpstreamUid?: string): QueryProblem[] {
  const problems: QueryProblem[] = [];
  if (!TARGETS[q.queryType]) {
    problems.push({
      field: 'queryType',
      message: `Unknown query type "${q.queryType}": use predict, insights or recommendations.`,
    });
    return problems;
  }
  if (!TARGETS[q.queryType].includes(q.target)) {
    problems.push({
      field: 'target',
      message: `"${q.target}" is not a ${q.queryType} target: use ${TARGETS[q.queryType].join(', ')}.`,
    });
  }
  if (!q.upstreamUid && !defaultUpstreamUid) {
    problems.push({
      field: 'upstream',
      message: 'Choose an upstream data source (Prometheus), or set a default one in the EcoTI AI app settings.',
    });
  }
  const needsExpr = q.queryType !== 'recommendations' && !(q.queryType === 'insights' && q.target === 'optimization');
  if (needsExpr && !q.upstreamQuery && !q.expr?.trim()) {
    problems.push({
      field: 'expr',
      message: 'Enter the upstream query (PromQL for Prometheus) whose series EcoTI should analyse.',
    });
  }
  if (q.queryType === 'predict') {
    const ms = durationMs(q.horizon);
    if (!(ms > 0)) {
      problems.push({ field: 'horizon', message: `Horizon "${q.horizon}" is not a duration: use e.g. 6h, 24h or 7d.` });
    } else if (ms > 90 * 86_400_000) {
      problems.push({
        field: 'horizon',
        message: 'Horizon is longer than 90 days: forecasts that far ahead are not meaningful.',
      });
    }
    if (!(q.level >= 0.5 && q.level < 1)) {
      problems.push({
        field: 'level',
        message: 'Interval level must be between 0.5 and 0.999 (e.g. 0.95 for a 95% band).',
      });
    }
    if (!METHODS.includes(q.method)) {
      problems.push({ field: 'method', message: `Unknown method "${q.method}": use ${METHODS.join(', ')}.` });
    }
  }
  if (q.queryType === 'insights' && q.target === 'anomalies' && !(q.sensitivity > 0 && q.sensitivity <= 1)) {
    problems.push({
      field: 'sensitivity',
      message: 'Sensitivity must be above 0 and at most 1 (higher finds more anomalies).',
    });
  }
  return problems;
}

export { METHODS };

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
