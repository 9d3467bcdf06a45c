// The query editor's choices, built from the lists the code runs on (query types and targets, the
// ML core's FORECAST_METHODS, series kinds), with translated labels. Functions, not constants: t()
// must run after the plugin's translations are loaded.
import type { ComboboxOption } from '@grafana/ui';
import type { SelectableValue } from '@grafana/data';
import { t } from '@grafana/i18n';
import { FORECAST_METHODS } from '../../../ml';
import { SERIES_KINDS, SeriesKind } from '../../analysis/seriesKind';
import { ANOMALY_OUTPUTS, QUERY_TYPES, TOTALS_PERIODS } from '../../query/migrateQuery';
import {
  AnomalyOutput,
  InsightTarget,
  PredictTarget,
  QueryType,
  RecommendationTarget,
  SignalQueries,
  TARGETS,
  TotalsPeriod,
} from '../../types';

export function queryTypeOptions(): Array<SelectableValue<QueryType>> {
  const labels: Record<QueryType, { label: string; description: string }> = {
    predict: {
      label: t('query-editor.type.predict.label', 'Predict'),
      description: t('query-editor.type.predict.description', 'Forecast with a prediction band'),
    },
    insights: {
      label: t('query-editor.type.insights.label', 'Insights'),
      description: t('query-editor.type.insights.description', 'Anomalies, trends, optimisation'),
    },
    recommendations: {
      label: t('query-editor.type.recommendations.label', 'Recommendations'),
      description: t('query-editor.type.recommendations.description', 'Energy and infrastructure actions'),
    },
  };
  return QUERY_TYPES.map((value) => ({ value, ...labels[value] }));
}

type Target = PredictTarget | InsightTarget | RecommendationTarget;

export function targetOptions(type: QueryType): Array<SelectableValue<Target>> {
  const labels: Record<Target, string> = {
    consumption: t('query-editor.target.consumption', 'Consumption'),
    emissions: t('query-editor.target.emissions', 'Emissions'),
    costs: t('query-editor.target.costs', 'Costs'),
    raw: t('query-editor.target.raw', 'Raw'),
    anomalies: t('query-editor.target.anomalies', 'Anomalies'),
    trends: t('query-editor.target.trends', 'Trends'),
    optimization: t('query-editor.target.optimization', 'Optimisation'),
    drivers: t('query-editor.target.drivers', 'Drivers'),
    energy: t('query-editor.target.energy', 'Energy'),
    infrastructure: t('query-editor.target.infrastructure', 'Infrastructure'),
  };
  const targets: readonly Target[] = TARGETS[type];
  return targets.map((value) => ({ value, label: labels[value] }));
}

/**
 * Labels of the forecast methods. Keyed by string, not by a type, because the names come from the
 * ML core at run time: a test fails when a method has no label here.
 */
export function methodLabels(): Record<string, string> {
  return {
    auto: t('query-editor.method.auto', 'Auto (best by backtest)'),
    'seasonal-naive': t('query-editor.method.seasonal-naive', 'Seasonal naive'),
    'long-seasonal-naive': t('query-editor.method.long-seasonal-naive', 'Seasonal naive, longest season'),
    'seasonal-mean': t('query-editor.method.seasonal-mean', 'Seasonal mean'),
    linear: t('query-editor.method.linear', 'Linear trend'),
    'holt-winters': t('query-editor.method.holt-winters', 'Holt-Winters'),
    mstl: t('query-editor.method.mstl', 'MSTL decomposition'),
    'seasonal-linear': t('query-editor.method.seasonal-linear', 'Seasonal profile and linear trend'),
    'lag-regression': t('query-editor.method.lag-regression', 'Lag regression'),
    naive: t('query-editor.method.naive', 'Last value (persistence)'),
    'last-season-mean': t('query-editor.method.last-season-mean', 'Mean of the last season'),
    drift: t('query-editor.method.drift', 'Last value with drift'),
    'recent-median': t('query-editor.method.recent-median', 'Median of the last two seasons'),
  };
}

/** Every method forecast() takes by name, and the query's own when it is another (an ensemble). */
export function methodOptions(current: string): Array<ComboboxOption<string>> {
  const labels = methodLabels();
  const options = FORECAST_METHODS.map((value) => ({ value, label: labels[value] ?? value, description: value }));
  return FORECAST_METHODS.includes(current) ? options : [...options, { value: current, label: current }];
}

/** The collectors that export each kind: product names, the same in every language. */
const COLLECTORS = { scaphandre: 'Scaphandre', keplerRapl: 'Kepler, RAPL' };

export function seriesKindOptions(): Array<ComboboxOption<SeriesKind>> {
  const labels: Record<SeriesKind, { label: string; description?: string }> = {
    auto: {
      label: t('query-editor.series-kind.auto.label', 'Auto'),
      description: t('query-editor.series-kind.auto.description', 'From the unit or the metric name'),
    },
    power_w: { label: t('query-editor.series-kind.power-w.label', 'Power (W)') },
    power_uw: { label: t('query-editor.series-kind.power-uw.label', 'Power (µW)'), description: COLLECTORS.scaphandre },
    energy_j: {
      label: t('query-editor.series-kind.energy-j.label', 'Energy counter (J)'),
      description: COLLECTORS.keplerRapl,
    },
    energy_uj: {
      label: t('query-editor.series-kind.energy-uj.label', 'Energy counter (µJ)'),
      description: COLLECTORS.scaphandre,
    },
    energy_kwh: { label: t('query-editor.series-kind.energy-kwh.label', 'Energy counter (kWh)') },
    gauge: {
      label: t('query-editor.series-kind.gauge.label', 'Other gauge'),
      description: t('query-editor.series-kind.gauge.description', 'Only for the raw target'),
    },
  };
  return SERIES_KINDS.map((value) => ({ value, ...labels[value] }));
}

export function anomalyOutputOptions(): Array<SelectableValue<AnomalyOutput>> {
  const labels: Record<AnomalyOutput, string> = {
    all: t('query-editor.anomaly-output.all', 'Scores and regions'),
    scores: t('query-editor.anomaly-output.scores', 'Scores'),
    regions: t('query-editor.anomaly-output.regions', 'Regions'),
  };
  return ANOMALY_OUTPUTS.map((value) => ({ value, label: labels[value] }));
}

export function periodOptions(): Array<SelectableValue<TotalsPeriod>> {
  const labels: Record<TotalsPeriod, string> = {
    step: t('query-editor.period.step', 'Per step'),
    day: t('query-editor.period.day', 'Per day'),
    month: t('query-editor.period.month', 'Per month'),
  };
  return TOTALS_PERIODS.map((value) => ({ value, label: labels[value] }));
}

export function signalLabels(): Record<keyof SignalQueries, string> {
  return {
    cpu: t('query-editor.signals.cpu', 'CPU utilisation (0–1) per host'),
    power: t('query-editor.signals.power', 'Power (W) per host'),
    inletTemperature: t('query-editor.signals.inlet-temperature', 'Inlet temperature (°C)'),
    facilityPower: t('query-editor.signals.facility-power', 'Facility power (W)'),
    itPower: t('query-editor.signals.it-power', 'IT power (W)'),
  };
}
