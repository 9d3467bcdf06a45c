// The JSON API mirroring the EcoTI dashboard's endpoints, answered from views computed at most once per engine
// update cycle: any number of clients asking the same question cost one computation. No sockets here; the HTTP
// server calls EngineApi.handle for every path but /metrics.
import { ms } from './config';
import { Engine } from './engine';
import { BadRequest, selectTargets } from './apiParams';
import { CycleCache } from './cycleCache';
import { anomalies, optimization, recommendationsOf, trendsFrom, TrendsSnapshot, trendsSnapshot } from './insights';
import { Logger } from './log';
import { predict } from './predict';
import { readiness } from './readiness';
import { TrendRunner } from './trendRunner';

export interface ApiReply {
  status: number;
  /** JSON, UTF-8. */
  body: Buffer;
}

/** JSON with non-finite numbers (a threshold never crossed is +Inf) as null, which JSON cannot hold. */
export const toJson = (value: unknown): string =>
  JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v));

export const jsonReply = (status: number, body: unknown): ApiReply => ({
  status,
  body: Buffer.from(typeof body === 'string' ? body : toJson(body)),
});

type Compute = (engine: Engine, query: URLSearchParams) => unknown;

/** Cached endpoints and the parameters their answer depends on; other parameters cannot multiply cache entries. */
const CACHED = new Map<string, { params: string[]; compute: Compute }>([
  ['/api/ai/predict/consumption', { params: ['target', 'horizon'], compute: (e, q) => predict(e, 'consumption', q) }],
  ['/api/ai/predict/emissions', { params: ['target', 'horizon'], compute: (e, q) => predict(e, 'emissions', q) }],
  ['/api/ai/predict/costs', { params: ['target', 'horizon'], compute: (e, q) => predict(e, 'costs', q) }],
  ['/api/ai/insights/anomalies', { params: ['target', 'minScore'], compute: anomalies }],
  ['/api/ai/insights/optimization', { params: ['target', 'horizon', 'shift'], compute: optimization }],
  ['/api/ai/recommendations/energy', { params: [], compute: (e) => recommendationsOf(e, 'energy') }],
  ['/api/ai/recommendations/infrastructure', { params: [], compute: (e) => recommendationsOf(e, 'infrastructure') }],
]);

export const ENDPOINTS = [
  '/api/ai/predict/consumption?target=&horizon=',
  '/api/ai/predict/emissions?target=&horizon=',
  '/api/ai/predict/costs?target=&horizon=',
  '/api/ai/insights/anomalies?target=&minScore=',
  '/api/ai/insights/trends?target=',
  '/api/ai/insights/optimization?target=&horizon=&shift=',
  '/api/ai/recommendations/energy',
  '/api/ai/recommendations/infrastructure',
  '/healthz',
  '/readyz',
  '/metrics',
];

const HEALTHY = jsonReply(200, { status: 'ok' });

export class EngineApi {
  private readonly responses: CycleCache<ApiReply>;
  private readonly trends: CycleCache<TrendsSnapshot>;
  readonly trendRunner: TrendRunner;

  constructor(
    private readonly engine: Engine,
    private readonly log: Logger = new Logger('silent')
  ) {
    // Within a cycle nothing changes but the clock; a stalled loop still gets fresh answers after one interval.
    const maxAgeMs = ms(engine.config.schedule.update);
    // Answers for a large fleet weigh megabytes: the bound is on bytes as much as on entries.
    this.responses = new CycleCache(engine, {
      maxAgeMs,
      maxEntries: 256,
      maxBytes: 64 * 2 ** 20,
      sizeOf: (r) => r.body.length,
    });
    // Trends of two weeks move slowly: while they are recomputed after a cycle, the previous ones are served.
    this.trends = new CycleCache(engine, { maxAgeMs, maxEntries: 1, staleWhileRevalidate: true });
    this.trendRunner = new TrendRunner(log);
  }

  /** Stops the trend worker thread. */
  close(): Promise<void> {
    return this.trendRunner.close();
  }

  /** How many views were computed (not served from the cache): responses and trend snapshots. */
  get computations(): { responses: number; trends: number } {
    return { responses: this.responses.computations, trends: this.trends.computations };
  }

  /** Answers a GET; a BadRequest is a 400, anything else rejects (the server's guard turns it into a logged 500). */
  async handle(path: string, query: URLSearchParams): Promise<ApiReply> {
    try {
      return await this.route(path, query);
    } catch (e) {
      if (e instanceof BadRequest) {
        return jsonReply(400, { error: e.message });
      }
      throw e;
    }
  }

  private async route(path: string, query: URLSearchParams): Promise<ApiReply> {
    if (path === '/healthz') {
      return HEALTHY;
    }
    if (path === '/readyz') {
      const r = readiness(this.engine);
      return jsonReply(r.ready ? 200 : 503, r);
    }
    if (path === '/api/ai/insights/trends') {
      const targets = selectTargets(this.engine, query, () => true, 'any target');
      const snapshot = await this.trends.get('all', () => this.computeTrends());
      return jsonReply(200, trendsFrom(snapshot, targets));
    }
    const endpoint = CACHED.get(path);
    if (!endpoint) {
      const shown = path.length > 100 ? `${path.slice(0, 100)}…` : path;
      return jsonReply(404, { error: `no such endpoint ${shown}`, endpoints: ENDPOINTS });
    }
    const key = JSON.stringify([path, ...endpoint.params.map((p) => query.get(p))]);
    return this.responses.get(key, async () => {
      try {
        return jsonReply(200, await endpoint.compute(this.engine, query));
      } catch (e) {
        // Cached like any answer: the same bad request costs nothing the second time.
        if (e instanceof BadRequest) {
          return jsonReply(400, { error: e.message });
        }
        throw e;
      }
    });
  }

  private async computeTrends(): Promise<TrendsSnapshot> {
    try {
      return await trendsSnapshot(this.engine, this.trendRunner, toJson);
    } catch (e) {
      // Requests served the previous snapshot never see this failure: log it here.
      this.log.error('computing trends failed', { error: (e as Error).message, stack: (e as Error).stack });
      throw e;
    }
  }
}
