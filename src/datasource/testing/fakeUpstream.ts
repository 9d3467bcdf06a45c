// Test doubles at the Grafana runtime boundary (which cannot run here): an upstream data source that
// answers like Grafana's Prometheus data source (one frame per series: Time + Value with labels,
// meta.executedQueryString "Expr: …\nStep: …"), a template service, and a data source service.
import {
  DataFrame,
  DataQueryRequest,
  DataQueryResponse,
  DataSourceApi,
  DataSourceInstanceSettings,
  dateTime,
  FieldType,
  PluginType,
  ScopedVars,
} from '@grafana/data';
import type { DataSourceSrv, TemplateSrv } from '@grafana/runtime';
import type { DataQuery } from '@grafana/schema';
import { Observable, of } from 'rxjs';

export interface FakeSeries {
  labels: Record<string, string>;
  /** Value at time t (ms); NaN or null for a missing sample. */
  value: (t: number) => number | null;
}

/** What Grafana's Prometheus data source returns for a range query over [from, to] at `step`. */
export function prometheusFrames(
  refId: string,
  expr: string,
  series: FakeSeries[],
  from: number,
  to: number,
  stepMs: number
): DataFrame[] {
  const start = Math.ceil(from / stepMs) * stepMs;
  return series.map((s) => {
    const time: number[] = [];
    const values: number[] = [];
    for (let t = start; t <= to; t += stepMs) {
      const v = s.value(t);
      // Prometheus leaves out samples it does not have, rather than sending null.
      if (v !== null && !Number.isNaN(v)) {
        time.push(t);
        values.push(v);
      }
    }
    return {
      refId,
      name: `${s.labels.__name__ ?? ''}{${Object.entries(s.labels)
        .filter(([k]) => k !== '__name__')
        .map(([k, v]) => `${k}="${v}"`)
        .join(', ')}}`,
      length: time.length,
      meta: {
        type: 'timeseries-multi' as never,
        typeVersion: [0, 1],
        custom: { resultType: 'matrix' },
        executedQueryString: `Expr: ${expr}\nStep: ${stepMs / 1000}s`,
      },
      fields: [
        { name: 'Time', type: FieldType.time, config: { interval: stepMs }, values: time },
        { name: 'Value', type: FieldType.number, labels: s.labels, config: {}, values },
      ],
    };
  });
}

export type Responder = (expr: string, request: DataQueryRequest<DataQuery>) => DataQueryResponse | Error;

export class FakePrometheus extends DataSourceApi<DataQuery> {
  readonly requests: Array<DataQueryRequest<DataQuery>> = [];
  constructor(
    private readonly respond: Responder,
    uid = 'prom',
    name = 'Prometheus'
  ) {
    super({
      uid,
      name,
      type: 'prometheus',
      id: 1,
      jsonData: {},
      access: 'proxy',
      readOnly: false,
      meta: { id: 'prometheus', type: PluginType.datasource },
    } as unknown as DataSourceInstanceSettings);
  }
  query(request: DataQueryRequest<DataQuery>): Observable<DataQueryResponse> {
    this.requests.push(request);
    const expr = (request.targets[0] as { expr?: string }).expr ?? '';
    const r = this.respond(expr, request);
    if (r instanceof Error) {
      throw r;
    }
    return of(r);
  }
  async testDatasource() {
    return { status: 'success', message: '' };
  }
}

/** Responds to each expr with frames from the given series, over the request's range and step. */
export function seriesResponder(byExpr: Record<string, FakeSeries[]>): Responder {
  return (expr, request) => {
    const series = byExpr[expr];
    if (!series) {
      return { data: [] };
    }
    return {
      data: prometheusFrames(
        request.targets[0].refId,
        expr,
        series,
        request.range.from.valueOf(),
        request.range.to.valueOf(),
        request.intervalMs
      ),
    };
  };
}

export function fakeDataSourceSrv(sources: DataSourceApi[]): DataSourceSrv {
  return {
    get: async (ref: unknown) => {
      const uid = typeof ref === 'string' ? ref : (ref as { uid?: string })?.uid;
      const ds = sources.find((s) => s.uid === uid || s.name === uid);
      if (!ds) {
        throw new Error(`Datasource ${uid} was not found`);
      }
      return ds;
    },
  } as unknown as DataSourceSrv;
}

/** A dashboard variable as Grafana holds it; a plain string stands for a single-value one. */
export interface FakeVariable {
  /** The selection: one value, several (multi), or '$__all' for All. */
  value: string | string[];
  multi?: boolean;
  includeAll?: boolean;
  /** Custom all value: Grafana inserts it as written, whatever the format. */
  allValue?: string;
  /** What All stands for when there is no custom all value. */
  options?: string[];
}

// $var, [[var]] or [[var:fmt]], ${var}, ${var:fmt}, as Grafana's interpolator reads them.
const VARIABLE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?::([^}]+))?\}/g;

/**
 * Replaces variables as Grafana's template service does (scenes' interpolator): scoped vars first,
 * then dashboard variables; a format in the expression wins over the caller's; a format function is
 * called as fn(value, { name, type, multi, includeAll }) with a string or, for multi / All, an array;
 * a custom all value skips formatting; an unknown variable stays as written.
 */
export function fakeTemplateSrv(variables: Record<string, string | FakeVariable> = {}): TemplateSrv {
  const replace = (target?: string, scopedVars?: ScopedVars, format?: string | Function) =>
    (target ?? '').replace(VARIABLE, (match, v1?: string, v2?: string, f2?: string, v3?: string, f3?: string) => {
      const name = (v1 ?? v2 ?? v3)!;
      const fmt = f2 ?? f3 ?? format;
      const scoped = scopedVars?.[name];
      if (scoped) {
        return formatFake(scoped.value, fmt, { name, type: 'scopedvar' });
      }
      const found = variables[name];
      if (found === undefined) {
        return match;
      }
      const variable: FakeVariable = typeof found === 'string' ? { value: found } : found;
      const info = { name, type: 'custom', multi: variable.multi, includeAll: variable.includeAll };
      const isAll = variable.value === '$__all' || (Array.isArray(variable.value) && variable.value[0] === '$__all');
      if (isAll) {
        return variable.allValue ?? formatFake(variable.options ?? [], fmt, info);
      }
      return formatFake(variable.value, fmt, info);
    });
  return {
    replace,
    getVariables: () => [],
    containsTemplate: (t?: string) => /\$/.test(t ?? ''),
    updateTimeRange: () => {},
  } as unknown as TemplateSrv;
}

function formatFake(value: unknown, format: string | Function | undefined, variable: object): string {
  if (typeof format === 'function') {
    return format(value, variable);
  }
  const values = Array.isArray(value) ? value.map(String) : [String(value)];
  switch (format) {
    case 'raw':
    case 'csv':
      return values.join(',');
    case 'pipe':
      return values.join('|');
    default:
      // Grafana's glob format.
      return values.length === 1 ? values[0] : `{${values.join(',')}}`;
  }
}

export function makeRequest(
  targets: DataQuery[],
  from: number,
  to: number,
  intervalMs = 60_000,
  scopedVars: ScopedVars = {}
): DataQueryRequest<never> {
  return {
    requestId: 'test',
    interval: `${intervalMs / 1000}s`,
    intervalMs,
    range: { from: dateTime(from), to: dateTime(to), raw: { from: dateTime(from), to: dateTime(to) } },
    scopedVars,
    targets,
    timezone: 'utc',
    app: 'dashboard',
    startTime: Date.now(),
  } as unknown as DataQueryRequest<never>;
}
