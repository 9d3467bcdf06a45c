import type { DataSourceJsonData } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';
import type { EcotiSettings } from '../shared/settings';
import type { SeriesKind } from './analysis/seriesKind';

/** The query vocabulary of the EcoTI API: predict / insights / recommendations. */
export type QueryType = 'predict' | 'insights' | 'recommendations';
export type PredictTarget = 'consumption' | 'emissions' | 'costs' | 'raw';
export type InsightTarget = 'anomalies' | 'trends' | 'optimization' | 'drivers';
export type RecommendationTarget = 'energy' | 'infrastructure';
/** Predict: values per step, or totals per calendar day or month of the site (energy targets only). */
export type TotalsPeriod = 'step' | 'day' | 'month';
/** Anomalies: score series, the regions table (also what annotations read), or both. */
export type AnomalyOutput = 'all' | 'scores' | 'regions';

export const TARGETS: { predict: PredictTarget[]; insights: InsightTarget[]; recommendations: RecommendationTarget[] } =
  {
    predict: ['consumption', 'emissions', 'costs', 'raw'],
    insights: ['anomalies', 'trends', 'optimization', 'drivers'],
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

interface QueryBase extends DataQuery {
  /** uid of the upstream data source; the app's default upstream when empty. */
  upstreamUid?: string;
}

/** The kinds that analyse the series of one upstream query. */
interface UpstreamSeriesQuery extends QueryBase {
  /** The upstream data source's own query model (edited with its own editor), if any. */
  upstreamQuery?: Record<string, unknown>;
  /** The upstream query as text (PromQL for Prometheus), used when `upstreamQuery` is not set. */
  expr?: string;
}

export interface PredictQuery extends UpstreamSeriesQuery {
  queryType: 'predict';
  target: PredictTarget;
  seriesKind: SeriesKind;
  /** How far ahead to forecast, a Grafana duration like "24h". */
  horizon: string;
  /** Prediction interval level, 0.5–0.999. */
  level: number;
  /** A name in the ML core's FORECAST_METHODS, or ensemble(a+b) of them. */
  method: string;
  /** Draw the upstream history in the panel's range next to the forecast. */
  includeHistory: boolean;
  /** Per step, or totals per day or month of the site's calendar (measured + forecast), whatever the zoom. */
  period: TotalsPeriod;
}

export interface AnomaliesQuery extends UpstreamSeriesQuery {
  queryType: 'insights';
  target: 'anomalies';
  /** Anomaly sensitivity (0, 1]; higher finds more. */
  sensitivity: number;
  anomalyOutput: AnomalyOutput;
}

export interface TrendsQuery extends UpstreamSeriesQuery {
  queryType: 'insights';
  target: 'trends';
}

/** A driver series of a drivers query, named as the importance table shows it. */
export interface DriverSeriesQuery {
  name: string;
  /** PromQL for Prometheus: one series per host (matched to the power by host labels), or one for the site. */
  expr: string;
  /** Utilisation, 0–1 or 0–100 %: what a planned utilisation sets. */
  utilisation: boolean;
}

/** What drives the power series of `expr`: its driver series and the calendar, and power at a planned utilisation. */
export interface DriversQuery extends UpstreamSeriesQuery {
  queryType: 'insights';
  target: 'drivers';
  drivers: DriverSeriesQuery[];
  /** "What if": power with every utilisation driver at this percentage (0–100); no plan when unset. */
  plannedUtilisation?: number;
}

/** The kinds that run the recommendation rules over the signal queries. */
interface SignalsQuery extends QueryBase {
  /** Overrides of DEFAULT_SIGNALS; an empty or missing entry uses the default. */
  signals?: SignalQueries;
}

export interface RecommendationsQuery extends SignalsQuery {
  queryType: 'recommendations';
  target: RecommendationTarget;
}

/** Every recommendation, whatever its category. */
export interface OptimizationQuery extends SignalsQuery {
  queryType: 'insights';
  target: 'optimization';
}

/** An EcoTI query, complete: `migrateQuery` makes one from whatever a dashboard stored. */
export type EcotiQuery =
  PredictQuery | AnomaliesQuery | TrendsQuery | DriversQuery | RecommendationsQuery | OptimizationQuery;
/** The queries that analyse the series of one upstream query. */
export type SeriesQuery = PredictQuery | AnomaliesQuery | TrendsQuery | DriversQuery;
/** The queries that run the recommendation rules. */
export type RecommendingQuery = RecommendationsQuery | OptimizationQuery;

/**
 * A query as Grafana hands it over: saved by any version of the plugin, hand-edited or provisioned,
 * so any field may be missing or hold a value we do not know. Read it only through `migrateQuery`.
 */
export interface StoredEcotiQuery extends DataQuery {
  queryType?: string;
  target?: string;
  upstreamUid?: string;
  upstreamQuery?: Record<string, unknown>;
  expr?: string;
  /** The first versions' name of `expr`. */
  upstreamExpr?: string;
  seriesKind?: string;
  horizon?: string;
  level?: number | string;
  method?: string;
  includeHistory?: boolean;
  period?: string;
  sensitivity?: number | string;
  anomalyOutput?: string;
  signals?: SignalQueries;
  /** Driver queries as stored, of any shape: read them through migrateQuery. */
  drivers?: unknown;
  plannedUtilisation?: number | string;
}

export const DEFAULT_SIGNALS: Required<SignalQueries> = {
  cpu: '1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m]))',
  power: 'ipmi_dcmi_power_consumption_watts',
  inletTemperature: 'avg by (rack) (ipmi_temperature_celsius{name=~"(?i).*inlet.*"})',
  facilityPower: 'sum(datacenter_facility_power_watts)',
  itPower: 'sum(ipmi_dcmi_power_consumption_watts)',
};

/** A new drivers query's drivers: CPU utilisation per host, and the site's mean inlet temperature. */
export const DEFAULT_DRIVERS: DriverSeriesQuery[] = [
  { name: 'CPU utilisation', expr: DEFAULT_SIGNALS.cpu, utilisation: true },
  { name: 'Inlet temperature', expr: 'avg(ipmi_temperature_celsius{name=~"(?i).*inlet.*"})', utilisation: false },
];

export interface EcotiDataSourceOptions extends DataSourceJsonData, Partial<EcotiSettings> {}
