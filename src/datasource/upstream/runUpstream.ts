// Runs one upstream query through Grafana (the user's own Prometheus data source, with its auth and
// proxy), over the widened training window, and returns its frames or a readable error.
import { DataQueryRequest, DataSourceApi, dateTime, rangeUtil, ScopedVars } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';
import { from, lastValueFrom } from 'rxjs';
import type { UpstreamWindow } from '../query/upstreamWindow';

export interface UpstreamTarget {
  refId: string;
  /** The upstream's own query model, or undefined to build a PromQL-style one from `expr`. */
  query?: Record<string, unknown>;
  expr?: string;
}

/** `data` is whatever the upstream sent, unchecked: framesToSeries reads it. */
export type UpstreamResult = { data: unknown } | { error: string };

export async function runUpstream(
  ds: DataSourceApi,
  request: DataQueryRequest<DataQuery>,
  target: UpstreamTarget,
  window: UpstreamWindow
): Promise<UpstreamResult> {
  const interval = rangeUtil.secondsToHms(window.stepMs / 1000);
  const range = {
    from: dateTime(window.from),
    to: dateTime(window.to),
    raw: { from: dateTime(window.from), to: dateTime(window.to) },
  };
  // $__interval and $__rate_interval in the upstream query follow the widened window's step.
  const scopedVars: ScopedVars = {
    ...request.scopedVars,
    __interval: { text: interval, value: interval },
    __interval_ms: { text: String(window.stepMs), value: window.stepMs },
  };
  const query: DataQuery = {
    ...(target.query ?? { expr: target.expr, range: true, instant: false, format: 'time_series' }),
    refId: target.refId,
    datasource: { uid: ds.uid, type: ds.type },
    // Prometheus' minimum step; other data sources ignore it.
    interval,
  } as DataQuery;
  const sub: DataQueryRequest<DataQuery> = {
    ...request,
    requestId: `${request.requestId}-ecoti-${target.refId}`,
    targets: [query],
    range,
    interval,
    intervalMs: window.stepMs,
    maxDataPoints: Math.ceil((window.to - window.from) / window.stepMs) + 1,
    scopedVars,
  };
  try {
    const response = await lastValueFrom(from(ds.query(sub)));
    const err = Array.isArray(response?.errors) ? response.errors[0] : undefined;
    if (err) {
      return { error: `${ds.name}: ${err.message ?? err.data?.message ?? 'query failed'}` };
    }
    return { data: response?.data ?? [] };
  } catch (e) {
    const message =
      e instanceof Error
        ? e.message
        : ((e as { data?: { message?: string }; message?: string })?.data?.message ??
          (e as { message?: string })?.message ??
          String(e));
    return { error: `${ds.name}: ${message}` };
  }
}
