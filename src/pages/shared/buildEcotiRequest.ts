// A DataQueryRequest for the EcoTI data source, as a dashboard would send it: the targets, an
// absolute range, an interval for that range, and the request's identity for query inspection.
import { DataQueryRequest, dateTime, rangeUtil, TimeRange } from '@grafana/data';
import type { DataSourceRef } from '@grafana/schema';
import type { EcotiQuery } from '../../datasource/types';

export interface EcotiRequestInput {
  requestId: string;
  datasource: DataSourceRef;
  targets: EcotiQuery[];
  /** Epoch ms. */
  from: number;
  to: number;
  /** Grafana time zone id for display ("browser", "utc", an IANA name). */
  timezone?: string;
  maxDataPoints?: number;
  /** When the request is made, epoch ms. */
  startTime?: number;
}

export const APP_REQUEST_ORIGIN = 'renault-ecoti-app';

/** An absolute Grafana time range from epoch ms. */
export function makeTimeRange(from: number, to: number): TimeRange {
  return { from: dateTime(from), to: dateTime(to), raw: { from: dateTime(from), to: dateTime(to) } };
}

export function buildEcotiRequest(input: EcotiRequestInput): DataQueryRequest<EcotiQuery> {
  const range = makeTimeRange(input.from, input.to);
  const maxDataPoints = input.maxDataPoints ?? 1000;
  const { interval, intervalMs } = rangeUtil.calculateInterval(range, maxDataPoints);
  return {
    requestId: input.requestId,
    app: APP_REQUEST_ORIGIN,
    range,
    interval,
    intervalMs,
    maxDataPoints,
    timezone: input.timezone ?? 'browser',
    scopedVars: {},
    startTime: input.startTime ?? input.to,
    targets: input.targets.map((target) => ({ ...target, datasource: input.datasource })),
  };
}
