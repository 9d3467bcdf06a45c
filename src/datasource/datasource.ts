// The EcoTI AI data source: runs each query's upstream query through Grafana (never talking to
// Prometheus itself), then forecasts, scores anomalies, finds trends or recommends, per series.
import {
  AnnotationQuery,
  DataFrame,
  DataQueryError,
  DataQueryRequest,
  DataQueryResponse,
  DataSourceApi,
  DataSourceInstanceSettings,
  QueryResultMetaNotice,
  TestDataSourceResponse,
} from '@grafana/data';
import { getBackendSrv, getDataSourceSrv, getTemplateSrv, TemplateSrv } from '@grafana/runtime';
import type { DataQuery } from '@grafana/schema';
import { lastValueFrom } from 'rxjs';
import { EcotiDataSourceOptions, StoredEcotiQuery } from './types';
import { EcotiSettings, resolveSettings } from '../shared/settings';
import { durationMs, MAX_HORIZON_MS, validateQuery } from './query/validateQuery';
import { DEFAULT_QUERY, migrateQuery } from './query/migrateQuery';
import { isKind, queryKind } from './query/queryKind';
import { upstreamWindow } from './query/upstreamWindow';
import { interpolatePromQL } from './query/interpolatePromQL';
import { runUpstream } from './upstream/runUpstream';
import { fetchAnalysisInputs } from './upstream/fetchAnalysisInputs';
import { pickDefined } from './query/pickDefined';
import { framesToSeries, UpstreamSeries } from './frames/toSeries';
import { analyseQuery } from './analysis/analyseQuery';
import { ANOMALY_REGIONS_FRAME } from './frames/insightFrames';
import { adaptiveRunner, createWorkerPool, poolSize, TaskRunner } from './analysis/taskRunner';
import { MAX_HORIZON_STEPS } from './analysis/computeSeries';
import { wholePeriods } from './frames/periodTotals';

const APP_ID = 'renault-ecoti-app';

/**
 * The one call we make on Grafana's DataSourceSrv, typed here rather than through the runtime's interface, whose
 * other members change between Grafana versions (`reload()` became async in 13; levitate reports it).
 */
export interface UpstreamLookup {
  get(ref: string): Promise<DataSourceApi>;
}

export interface EcotiDependencies {
  dataSourceSrv: UpstreamLookup;
  templateSrv: TemplateSrv;
  /** The app's settings page (jsonData); the data source's own jsonData overrides it. */
  loadAppSettings: () => Promise<unknown>;
  runner: TaskRunner;
  /** The clock that says which part of a time range lies in the future. */
  now: () => number;
}

// Typed by what Grafana hands over (a query as stored, of any version); migrateQuery reads it.
export class EcotiDataSource extends DataSourceApi<StoredEcotiQuery, EcotiDataSourceOptions> {
  private readonly ownSettings: Partial<EcotiSettings>;
  private readonly deps: EcotiDependencies;
  private siteSettings?: Promise<{ settings: EcotiSettings; notice?: string }>;

  constructor(
    instanceSettings: DataSourceInstanceSettings<EcotiDataSourceOptions>,
    deps: Partial<EcotiDependencies> = {}
  ) {
    super(instanceSettings);
    this.ownSettings = pickDefined(instanceSettings.jsonData ?? {});
    this.deps = {
      dataSourceSrv: deps.dataSourceSrv ?? getDataSourceSrv(),
      templateSrv: deps.templateSrv ?? getTemplateSrv(),
      loadAppSettings:
        deps.loadAppSettings ??
        (() =>
          lastValueFrom(getBackendSrv().fetch<{ jsonData?: unknown }>({ url: `/api/plugins/${APP_ID}/settings` })).then(
            (r) => r.data?.jsonData
          )),
      runner: deps.runner ?? adaptiveRunner(defaultWorker()),
      now: deps.now ?? Date.now,
    };
    // Anomaly regions from any upstream query, as annotations on every panel of a dashboard.
    this.annotations = {
      prepareQuery: (anno: AnnotationQuery<StoredEcotiQuery>) => {
        const target = anno.target;
        if (!target) {
          return undefined;
        }
        return {
          ...target,
          refId: target.refId || 'Anno',
          queryType: 'insights',
          target: 'anomalies',
          anomalyOutput: 'regions',
        };
      },
    };
  }

  getDefaultQuery(): Partial<StoredEcotiQuery> {
    return DEFAULT_QUERY;
  }

  /** Site settings: defaults ← app settings page ← this data source's own jsonData. */
  settings(): Promise<{ settings: EcotiSettings; notice?: string }> {
    if (!this.siteSettings) {
      this.siteSettings = this.deps
        .loadAppSettings()
        .then((app) => ({ settings: resolveSettings({ ...(isRecord(app) ? app : {}), ...this.ownSettings }) }))
        .catch(() => ({
          settings: resolveSettings(this.ownSettings),
          notice: 'Could not read the EcoTI AI app settings; using this data source’s settings and the defaults.',
        }));
    }
    return this.siteSettings;
  }

  async query(request: DataQueryRequest<StoredEcotiQuery>): Promise<DataQueryResponse> {
    const targets = request.targets.filter((t) => !t.hide);
    // Like Grafana's mixed data source: whatever goes wrong in one query is that query's error.
    const results = await Promise.all(
      targets.map((t) =>
        this.runQuery(t, request).catch((e: unknown) => ({
          refId: t.refId,
          frames: [] as DataFrame[],
          error: `Query ${t.refId} failed: ${e instanceof Error ? e.message : String(e)}`,
        }))
      )
    );
    const data: DataFrame[] = results.flatMap((r) => r.frames);
    const errors: DataQueryError[] = results.flatMap((r) => (r.error ? [{ refId: r.refId, message: r.error }] : []));
    return { data, errors: errors.length ? errors : undefined };
  }

  private async runQuery(
    stored: StoredEcotiQuery,
    request: DataQueryRequest<StoredEcotiQuery>
  ): Promise<{ refId: string; frames: DataFrame[]; error?: string }> {
    const refId = stored.refId;
    const { settings, notice: settingsNotice } = await this.settings();
    const problems = validateQuery(stored, settings.defaultUpstreamUid);
    if (problems.length) {
      return { refId, frames: [], error: problems.map((p) => p.message).join(' ') };
    }
    const q = migrateQuery(stored);
    const uid = this.deps.templateSrv.replace(q.upstreamUid || settings.defaultUpstreamUid || '', request.scopedVars);
    let upstream: DataSourceApi;
    try {
      upstream = await this.deps.dataSourceSrv.get(uid);
    } catch {
      return {
        refId,
        frames: [],
        error: `Upstream data source "${uid}" was not found. Pick another in the query editor or the app settings.`,
      };
    }
    const requested = { from: request.range.from.valueOf(), to: request.range.to.valueOf() };
    // Totals per day or month cover whole periods of the site's calendar, whatever the zoom.
    const range = isKind(q, 'predict') ? wholePeriods(requested, q.period, settings.timeZone) : requested;
    // Nothing upstream lies after now: fetch up to now; a range that ends in the future is where forecasts go.
    const now = this.deps.now();
    const forecastUntil = isKind(q, 'predict') && range.to > now ? range.to : undefined;
    const fetched = { from: Math.min(range.from, now), to: Math.min(range.to, now) };
    // A step coarse enough for the forecast to reach the range's end within the steps the ML serves.
    const aheadMs = forecastUntil === undefined ? 0 : Math.min(forecastUntil - now, MAX_HORIZON_MS);
    const aheadStepMs = Math.ceil(aheadMs / (MAX_HORIZON_STEPS - 2));
    const trainingMs = durationMs(settings.trainingWindow) || 14 * 86_400_000;
    // Trends are about the panel's range; every other kind learns from the training window too.
    const window = upstreamWindow(
      fetched,
      trainingMs,
      Math.max(request.intervalMs ?? 60_000, aheadStepMs),
      queryKind(q) !== 'trends'
    );
    const notices: QueryResultMetaNotice[] = settingsNotice ? [{ severity: 'info', text: settingsNotice }] : [];

    const fetchSeries = async (
      key: string,
      expr: string | undefined,
      query?: Record<string, unknown>
    ): Promise<{ series: UpstreamSeries[]; expr?: string } | { error: string }> => {
      let interpolated: string | undefined;
      if (expr !== undefined) {
        const filled = interpolatePromQL(expr, request.scopedVars, this.deps.templateSrv);
        if ('error' in filled) {
          return { error: filled.error };
        }
        interpolated = filled.expr;
        notices.push(...filled.notices.map((text) => ({ severity: 'warning' as const, text })));
      }
      const res = await runUpstream(
        upstream,
        request as unknown as DataQueryRequest<DataQuery>,
        { refId: `${refId}-${key}`, expr: interpolated, query },
        window
      );
      if ('error' in res) {
        return { error: res.error };
      }
      const read = framesToSeries(res.data);
      if ('error' in read) {
        return {
          error: `${upstream.name} sent query ${refId} a response EcoTI cannot read: ${read.error}. Run the query in Explore to see what it returns.`,
        };
      }
      notices.push(...read.notices.map((text) => ({ severity: 'warning' as const, text })));
      return { series: this.cap(read.series, settings.maxSeries, notices), expr: interpolated };
    };

    const inputs = await fetchAnalysisInputs(q, fetchSeries, notices);
    if ('error' in inputs) {
      return { refId, frames: [], error: inputs.error };
    }
    const { series, signals, drivers, evidenceQuery } = inputs;

    const out = await analyseQuery({
      query: q,
      series,
      signals,
      drivers,
      range,
      forecastUntil,
      settings,
      run: this.deps.runner,
      evidence: { query: evidenceQuery, upstreamUid: upstream.uid },
    });
    let frames = out.frames;
    if (isKind(q, 'anomalies') && q.anomalyOutput !== 'all') {
      // Annotation events and tables read the regions table alone; time series panels the scores.
      frames = frames.filter((f) => (f.name === ANOMALY_REGIONS_FRAME) === (q.anomalyOutput === 'regions'));
    }
    const allNotices = [...notices, ...out.notices];
    if (frames.length && allNotices.length) {
      frames[0] = {
        ...frames[0],
        meta: { ...frames[0].meta, notices: [...(frames[0].meta?.notices ?? []), ...allNotices] },
      };
    }
    return { refId, frames, error: out.error };
  }

  /** Keeps the first `max` series; says how many were dropped and how to avoid it. */
  private cap(series: UpstreamSeries[], max: number, notices: QueryResultMetaNotice[]): UpstreamSeries[] {
    if (series.length <= max) {
      return series;
    }
    notices.push({
      severity: 'warning',
      text: `The upstream query returned ${series.length} series; EcoTI analysed the first ${max}. Aggregate (sum by, topk) or raise "Max series per query" in the settings.`,
    });
    return series.slice(0, max);
  }

  async testDatasource(): Promise<TestDataSourceResponse> {
    const { settings, notice } = await this.settings();
    if (!settings.defaultUpstreamUid) {
      return {
        status: 'warning',
        message: 'No default upstream data source: every query must choose one. Set it in the EcoTI AI app settings.',
      };
    }
    try {
      const ds = await this.deps.dataSourceSrv.get(settings.defaultUpstreamUid);
      return {
        status: 'success',
        message: `EcoTI AI will analyse data from "${ds.name}".${notice ? ` ${notice}` : ''}`,
      };
    } catch {
      return {
        status: 'error',
        message: `The default upstream data source "${settings.defaultUpstreamUid}" does not exist any more. Choose another in the EcoTI AI app settings.`,
      };
    }
  }
}

/** The analysis worker, next to the data source module, when the browser can run one. */
function defaultWorker(): TaskRunner | null {
  if (typeof Worker === 'undefined' || typeof __webpack_public_path__ === 'undefined') {
    return null;
  }
  const url = `${__webpack_public_path__}analysis.worker.js`;
  return createWorkerPool(
    () => new Worker(url),
    poolSize(typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency)
  );
}

declare const __webpack_public_path__: string;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
