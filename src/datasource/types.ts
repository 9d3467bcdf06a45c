import type { DataSourceJsonData } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';
import type { EcotiSettings } from '../shared/settings';
import type { SeriesKind } from './analysis/seriesKind';

/** The query vocabulary of the EcoTI API: predict / insights / recommendations. */
export type QueryType = 'predict' | 'insights' | 'recommendations';

export const TARGETS: Record<QueryType, string[]> = {
  predict: ['consumption', 'emissions', 'costs', 'raw'],
  insights: ['anomalies', 'trends', 'optimization'],
  recommendations: ['energy', 'infrastructure'],
};

/** Upstream queries the recommendation rules read; PromQL over the metric names real collectors use. */
export interface SignalQueries {
  /** CPU utilisation 0..1 per host. */
  cpu?: string;
  /** Power in watts per host. */
  power?: string;
  /** Inlet temperature in °C per sensor or rack. */
  inletTemperature?: string;
  /** Whole-site power in watts. */
  facilityPower?: string;
  /** IT power in watts. */
  itPower?: string;
}

export interface EcotiQuery extends DataQuery {
  queryType?: QueryType;
  target?: string;
  /** uid of the upstream data source; the app's default upstream when empty. */
  upstreamUid?: string;
  /** The upstream data source's own query model (edited with its own editor), if any. */
  upstreamQuery?: Record<string, unknown>;
  /** The upstream query as text (PromQL for Prometheus), used when `upstreamQuery` is not set. */
  expr?: string;
  seriesKind?: SeriesKind;
  /** How far ahead to forecast, a Grafana duration like "24h". */
  horizon?: string;
  /** Prediction interval level, 0.5–0.999. */
  level?: number;
  method?: string;
  /** Anomaly sensitivity (0, 1]; higher finds more. */
  sensitivity?: number;
  /** Draw the upstream history in the panel's range next to the forecast. */
  includeHistory?: boolean;
  /** Anomalies: score series, the regions table (also what annotations read), or both. */
  anomalyOutput?: 'all' | 'scores' | 'regions';
  signals?: SignalQueries;
}

export const DEFAULT_SIGNALS: Required<SignalQueries> = {
  cpu: '1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m]))',
  power: 'ipmi_dcmi_power_consumption_watts',
  inletTemperature: 'avg by (rack) (ipmi_temperature_celsius{name=~"(?i).*inlet.*"})',
  facilityPower: 'sum(datacenter_facility_power_watts)',
  itPower: 'sum(ipmi_dcmi_power_consumption_watts)',
};

export const DEFAULT_QUERY: Partial<EcotiQuery> = {
  queryType: 'predict',
  target: 'consumption',
  seriesKind: 'auto',
  horizon: '24h',
  level: 0.95,
  method: 'auto',
  sensitivity: 0.5,
  includeHistory: true,
};

export interface EcotiDataSourceOptions extends DataSourceJsonData, Partial<EcotiSettings> {}
