// A small Prometheus client over HTTP that answers with the frames Grafana's Prometheus data source returns (one
// frame per series: Time + Value with the series' labels, meta timeseries-multi and executedQueryString; +Inf as
// Infinity), for the EcoTI data source's upstream and for dashboard panels that query Prometheus directly.
import {
  DataFrame,
  DataQueryRequest,
  DataQueryResponse,
  DataSourceApi,
  DataSourceInstanceSettings,
  FieldType,
  PluginType,
  TimeRange,
} from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';
import type { DataQuery } from '@grafana/schema';
import { getJson } from './httpJson';

interface Sample {
  metric: Record<string, string>;
  values?: Array<[number, string]>;
  value?: [number, string];
}

export type PrometheusQuery = { instant: number } | { range: TimeRange; stepMs: number };

/** Prometheus writes non-finite samples as strings; Grafana's frames hold them as numbers. */
const sampleValue = (v: string) => (v === '+Inf' ? Infinity : v === '-Inf' ? -Infinity : Number(v));

function displayName(legendFormat: string | undefined, metric: Record<string, string>): string | undefined {
  if (!legendFormat || legendFormat === '__auto') {
    return undefined;
  }
  return legendFormat.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k) => metric[k] ?? '');
}

/** Runs one PromQL expression; range queries align start and end to the step, as Grafana does. */
export async function queryPrometheus(
  url: string,
  expr: string,
  query: PrometheusQuery,
  refId = 'A',
  legendFormat?: string
): Promise<DataFrame[]> {
  let path: string;
  let stepMs = 0;
  if ('instant' in query) {
    path = `/api/v1/query?${new URLSearchParams({ query: expr, time: String(query.instant / 1000) })}`;
  } else {
    stepMs = query.stepMs;
    const start = Math.floor(query.range.from.valueOf() / stepMs) * stepMs;
    const end = Math.floor(query.range.to.valueOf() / stepMs) * stepMs;
    path = `/api/v1/query_range?${new URLSearchParams({
      query: expr,
      start: String(start / 1000),
      end: String(end / 1000),
      step: String(stepMs / 1000),
    })}`;
  }
  const { status, body } = await getJson<{ status: string; error?: string; data?: { result: Sample[] } }>(
    `${url}${path}`
  );
  if (body?.status !== 'success') {
    throw new Error(body?.error ?? `HTTP ${status}`);
  }
  return body.data!.result.map((r) => {
    const samples = r.values ?? (r.value ? [r.value] : []);
    const name = displayName(legendFormat, r.metric);
    return {
      refId,
      name: `${r.metric.__name__ ?? ''}{${Object.entries(r.metric)
        .filter(([k]) => k !== '__name__')
        .map(([k, v]) => `${k}="${v}"`)
        .join(', ')}}`,
      length: samples.length,
      meta: {
        type: 'timeseries-multi' as never,
        typeVersion: [0, 1],
        custom: { resultType: 'values' in r ? 'matrix' : 'vector' },
        executedQueryString: `Expr: ${expr}\nStep: ${stepMs / 1000}s`,
      },
      fields: [
        {
          name: 'Time',
          type: FieldType.time,
          config: stepMs ? { interval: stepMs } : {},
          values: samples.map(([t]) => t * 1000),
        },
        {
          name: 'Value',
          type: FieldType.number,
          labels: r.metric,
          config: name ? { displayNameFromDS: name } : {},
          values: samples.map(([, v]) => sampleValue(v)),
        },
      ],
    };
  });
}

/** Grafana's Prometheus data source's variable format: one value as written, several (or All) as a regex group. */
export function prometheusFormat(value: unknown, variable: { multi?: boolean; includeAll?: boolean }): string {
  const escape = (s: string) => s.replace(/[\\^$*+?.()|[\]{}]/g, '\\\\$&');
  if (!variable.multi && !variable.includeAll) {
    return String(value);
  }
  const values = (Array.isArray(value) ? value : [value]).map((v) => escape(String(v)));
  return values.length === 1 ? values[0] : `(${values.join('|')})`;
}

/** The upstream Grafana would hand the EcoTI data source: range queries at the request's range and interval. */
export class GrafanaPrometheus extends DataSourceApi<DataQuery> {
  /** Every request it was sent, in order: what the EcoTI data source asked Prometheus for. */
  readonly requests: Array<DataQueryRequest<DataQuery>> = [];

  constructor(
    private readonly url: string,
    uid = 'prom',
    /** The open dashboard's variables, which Grafana's Prometheus data source interpolates itself; none by default. */
    private readonly templateSrv?: () => TemplateSrv
  ) {
    super({
      uid,
      name: 'Prometheus',
      type: 'prometheus',
      id: 1,
      jsonData: {},
      meta: { id: 'prometheus', type: PluginType.datasource },
    } as unknown as DataSourceInstanceSettings);
  }

  async query(request: DataQueryRequest<DataQuery>): Promise<DataQueryResponse> {
    this.requests.push(request);
    const data: DataFrame[] = [];
    for (const target of request.targets as Array<DataQuery & { expr: string; legendFormat?: string }>) {
      const expr = this.templateSrv?.().replace(target.expr, request.scopedVars, prometheusFormat) ?? target.expr;
      try {
        data.push(
          ...(await queryPrometheus(
            this.url,
            expr,
            { range: request.range, stepMs: request.intervalMs },
            target.refId,
            target.legendFormat
          ))
        );
      } catch (e) {
        return { data: [], errors: [{ refId: target.refId, message: (e as Error).message }] };
      }
    }
    return { data };
  }

  async testDatasource() {
    return { status: 'success', message: '' };
  }
}
