// What every frame drawn from one forecast shares, per step (forecastFrame) or per period (periodTotals): the
// series it is, the colour and unit its fields are drawn in, and the query's account in meta (notices, model).
import { FieldConfig, Labels, QueryResultMeta, QueryResultMetaNotice } from '@grafana/data';
import type { Forecast } from '../../ml';
import { seriesColourConfig } from './palette';

export interface ForecastSeriesInput {
  refId: string;
  name: string;
  labels: Labels;
  forecast: Forecast;
  unit?: string;
  /** Unit word after the name, e.g. "kWh", "tCO2e" or "BRL"; empty for raw. */
  quantity: string;
  level: number;
  colourIndex: number;
  stepMs: number;
  notices: QueryResultMetaNotice[];
  executedQuery?: string;
}

/** Unit and colour of each value field: a series, its forecast and its band in one colour. */
export function forecastFieldConfig(input: ForecastSeriesInput): FieldConfig {
  return { unit: input.unit, color: seriesColourConfig(input.colourIndex) };
}

/** The frame's meta: a wide time series, the notices, and the model and level in custom (with `extra`). */
export function forecastFrameMeta(
  input: ForecastSeriesInput,
  notices: QueryResultMetaNotice[],
  extra: Record<string, unknown>
): QueryResultMeta {
  const f = input.forecast;
  return {
    type: 'timeseries-wide' as never,
    notices,
    executedQueryString: input.executedQuery,
    custom: { method: f.method, model: f.model, fallback: f.fallback, level: input.level, ...extra },
  };
}
