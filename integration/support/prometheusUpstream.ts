// An upstream data source backed by a real Prometheus HTTP API: answers range queries with frames
// shaped as Grafana's Prometheus data source returns them (one frame per series, Time + Value with
// labels). Grafana itself cannot run here, so this is the one stand-in, at its boundary.
import {
  DataQueryRequest,
  DataQueryResponse,
  DataSourceApi,
  DataSourceInstanceSettings,
  FieldType,
  PluginType,
} from '@grafana/data';
import type { DataQuery } from '@grafana/schema';
import { getJson } from './httpJson';

interface MatrixResult {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

export class PrometheusHttpUpstream extends DataSourceApi<DataQuery> {
  readonly requests: Array<DataQueryRequest<DataQuery>> = [];
  constructor(private readonly url: string) {
    super({
      uid: 'prom',
      name: 'Prometheus',
      type: 'prometheus',
      id: 1,
      jsonData: {},
      meta: { id: 'prometheus', type: PluginType.datasource },
    } as unknown as DataSourceInstanceSettings);
  }

  async query(request: DataQueryRequest<DataQuery>): Promise<DataQueryResponse> {
    this.requests.push(request);
    const target = request.targets[0] as DataQuery & { expr: string };
    const step = Math.max(1, Math.round(request.intervalMs / 1000));
    const params = new URLSearchParams({
      query: target.expr,
      start: String(Math.floor(request.range.from.valueOf() / 1000)),
      end: String(Math.floor(request.range.to.valueOf() / 1000)),
      step: String(step),
    });
    const { status, body } = await getJson<{
      status: string;
      error?: string;
      data?: { resultType: string; result: MatrixResult[] };
    }>(`${this.url}/api/v1/query_range?${params}`);
    if (body?.status !== 'success') {
      return { data: [], errors: [{ refId: target.refId, message: body?.error ?? `HTTP ${status}` }] };
    }
    const data = body.data!.result.map((r) => ({
      refId: target.refId,
      length: r.values.length,
      meta: { executedQueryString: `Expr: ${target.expr}\nStep: ${step}s` },
      fields: [
        {
          name: 'Time',
          type: FieldType.time,
          config: { interval: step * 1000 },
          values: r.values.map(([t]) => t * 1000),
        },
        {
          name: 'Value',
          type: FieldType.number,
          labels: r.metric,
          config: {},
          values: r.values.map(([, v]) => Number(v)),
        },
      ],
    }));
    return { data };
  }

  async testDatasource() {
    return { status: 'success', message: '' };
  }
}
