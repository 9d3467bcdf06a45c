// Which computation a query asks for, decided in this one place from its type and target: the
// optimisation insight and the recommendations type both run the recommendation rules.
import type {
  AnomaliesQuery,
  DriversQuery,
  EcotiQuery,
  PredictQuery,
  RecommendingQuery,
  SeriesQuery,
  TrendsQuery,
} from '../types';

export interface QueriesByKind {
  predict: PredictQuery;
  anomalies: AnomaliesQuery;
  trends: TrendsQuery;
  drivers: DriversQuery;
  recommendations: RecommendingQuery;
}

export type QueryKind = keyof QueriesByKind;

export function queryKind(q: EcotiQuery): QueryKind {
  switch (q.queryType) {
    case 'predict':
      return 'predict';
    case 'recommendations':
      return 'recommendations';
    case 'insights':
      return q.target === 'optimization' ? 'recommendations' : q.target;
  }
}

/** Narrows a query to its kind, so its own fields can be read without casts. */
export function isKind<K extends QueryKind>(q: EcotiQuery, kind: K): q is QueriesByKind[K] {
  return queryKind(q) === kind;
}

/** Queries that analyse the series of one upstream query; the others read the signal queries. */
export function readsUpstreamQuery(q: EcotiQuery): q is SeriesQuery {
  return queryKind(q) !== 'recommendations';
}
