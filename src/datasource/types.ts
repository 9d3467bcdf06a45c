import type { DataSourceJsonData } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';
import type { EcotiSettings } from '../shared/settings';

/** The query vocabulary of the EcoTI API: predict / insights / recommendations. */
export type QueryType = 'predict' | 'insights' | 'recommendations';

export interface EcotiQuery extends DataQuery {
  queryType?: QueryType;
  /** predict: consumption | emissions | costs | raw; insights: anomalies | trends | optimization; recommendations: energy | infrastructure */
  target?: string;
  upstreamUid?: string;
  upstreamExpr?: string;
  horizon?: string;
  level?: number;
  method?: string;
  sensitivity?: number;
}

export const DEFAULT_QUERY: Partial<EcotiQuery> = {
  queryType: 'predict',
  target: 'raw',
  horizon: '24h',
  level: 0.95,
  method: 'auto',
};

export interface EcotiDataSourceOptions extends DataSourceJsonData, Partial<EcotiSettings> {}
