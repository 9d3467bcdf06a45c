// Runs the preview's upstream query through Grafana (the user's own Prometheus data source, its auth and proxy)
// over the training window, and forecasts what comes back: the same upstream leg as the EcoTI data source.
import { CoreApp, type DataQueryRequest, type DataSourceApi, dateTime } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';
import { framesToSeries } from '../../datasource/frames/toSeries';
import { PROMETHEUS_MAX_POINTS } from '../../datasource/query/upstreamWindow';
import { runUpstream } from '../../datasource/upstream/runUpstream';
import { type Preview, type PreviewInput, previewForecast } from './previewForecast';

export type PreviewResult =
  ({ status: 'done'; from: number; to: number } & Preview) | { status: 'error'; message: string };

export interface PreviewRequest extends PreviewInput {
  query: string;
  stepMs: number;
  trainingMs: number;
  now: number;
}

export async function runPreview(ds: DataSourceApi, req: PreviewRequest): Promise<PreviewResult> {
  // Within Prometheus' points per series; a window longer than that at this step is cut, not refused.
  const from =
    Math.floor(Math.max(req.now - req.trainingMs, req.now - (PROMETHEUS_MAX_POINTS - 1) * req.stepMs) / req.stepMs) *
    req.stepMs;
  const window = { from, to: req.now, stepMs: req.stepMs };
  const range = { from: dateTime(from), to: dateTime(req.now), raw: { from: dateTime(from), to: dateTime(req.now) } };
  const request = {
    app: CoreApp.Unknown,
    requestId: `ecoti-predicted-${req.now}`,
    timezone: 'browser',
    range,
    interval: '',
    intervalMs: req.stepMs,
    targets: [],
    scopedVars: {},
    startTime: req.now,
  } as unknown as DataQueryRequest<DataQuery>;
  const result = await runUpstream(ds, request, { refId: 'A', expr: req.query }, window);
  if ('error' in result) {
    return { status: 'error', message: result.error };
  }
  const read = framesToSeries(result.data);
  if ('error' in read) {
    return { status: 'error', message: read.error };
  }
  return { status: 'done', from, to: req.now, ...previewForecast(read.series, req) };
}
