// Prometheus HTTP API client for range and instant queries: timeouts, retries with backoff, and typed errors whose kind
// feeds ecoti_engine_errors_total and whose message names the query and what to check.
import { splitPrometheusUrl } from './prometheusUrl';
import { Labels } from './labels';
import { backoffDelay } from './schedule';

export type PrometheusErrorKind =
  'prometheus_unreachable' | 'prometheus_timeout' | 'prometheus_unavailable' | 'query_rejected' | 'bad_response';

export class PrometheusError extends Error {
  constructor(
    readonly kind: PrometheusErrorKind,
    message: string,
    /** Whether trying again later can help (network, timeout, 5xx); a rejected query will fail again. */
    readonly retryable: boolean
  ) {
    super(message);
    this.name = 'PrometheusError';
  }
}

export interface RangeSeries {
  metric: Labels;
  /** ms epoch, ascending. */
  timestamps: Float64Array;
  values: Float64Array;
}

export interface PrometheusClientOptions {
  url: string;
  timeoutMs: number;
  retries: number;
  retryDelayMs: number;
  headers?: Record<string, string>;
  /** Injectable for tests. */
  fetchImpl?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

/** One series of an instant query (a vector). */
export interface InstantSample {
  metric: Labels;
  value: number;
}

interface QueryResponse {
  status: 'success' | 'error';
  errorType?: string;
  error?: string;
  data?: {
    resultType: string;
    result: Array<{ metric: Labels; values?: Array<[number, string]>; value?: [number, string] }>;
  };
}

export class PrometheusClient {
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  /** prometheus.url without credentials (safe in errors); the credentials travel as a header. */
  private readonly baseUrl: string;
  private readonly urlAuthorization?: string;

  constructor(private readonly options: PrometheusClientOptions) {
    const split = splitPrometheusUrl(options.url);
    this.baseUrl = split.url;
    this.urlAuthorization = split.authorization;
    this.fetchImpl = options.fetchImpl ?? fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** query_range over [startMs, endMs] at stepMs; retries retryable failures with exponential backoff. */
  async queryRange(query: string, startMs: number, endMs: number, stepMs: number): Promise<RangeSeries[]> {
    const params = { query, start: String(startMs / 1000), end: String(endMs / 1000), step: `${stepMs / 1000}s` };
    const result = await this.withRetries(() => this.once('query_range', 'matrix', params));
    return result.map((r) => {
      const values = r.values ?? [];
      const n = values.length;
      const timestamps = new Float64Array(n);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        timestamps[i] = Math.round(values[i][0] * 1000);
        out[i] = parseFloat(values[i][1]);
      }
      return { metric: r.metric, timestamps, values: out };
    });
  }

  /** An instant query at timeMs (a vector: one value per series), with the same retries. */
  async query(query: string, timeMs: number): Promise<InstantSample[]> {
    const result = await this.withRetries(() => this.once('query', 'vector', { query, time: String(timeMs / 1000) }));
    return result.map((r) => ({ metric: r.metric, value: r.value ? parseFloat(r.value[1]) : NaN }));
  }

  private async withRetries<T>(request: () => Promise<T>): Promise<T> {
    let lastError: PrometheusError | undefined;
    for (let attempt = 0; attempt <= this.options.retries; attempt++) {
      if (attempt > 0) {
        await this.sleep(backoffDelay(attempt, this.options.retryDelayMs, 30 * this.options.retryDelayMs));
      }
      try {
        return await request();
      } catch (e) {
        lastError = e instanceof PrometheusError ? e : new PrometheusError('bad_response', String(e), false);
        if (!lastError.retryable) {
          break;
        }
      }
    }
    throw lastError as PrometheusError;
  }

  private async once(
    endpoint: 'query_range' | 'query',
    resultType: 'matrix' | 'vector',
    fields: Record<string, string>
  ): Promise<NonNullable<QueryResponse['data']>['result']> {
    const query = fields.query;
    const params = new URLSearchParams(fields);
    const url = `${this.baseUrl.replace(/\/$/, '')}/api/v1/${endpoint}`;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          ...(this.urlAuthorization ? { Authorization: this.urlAuthorization } : {}),
          ...this.options.headers,
        },
        body: params.toString(),
        signal: controller.signal,
      });
    } catch (e) {
      clearTimeout(timer);
      if (controller.signal.aborted) {
        throw new PrometheusError(
          'prometheus_timeout',
          `Prometheus at ${this.baseUrl} did not answer within ${this.options.timeoutMs} ms for ${query}`,
          true
        );
      }
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new PrometheusError(
        'prometheus_unreachable',
        `cannot reach Prometheus at ${this.baseUrl} (${cause?.code ?? cause?.message ?? (e as Error).message}); is it running and is prometheus.url right?`,
        true
      );
    }
    let body: QueryResponse;
    try {
      body = (await response.json()) as QueryResponse;
    } catch (e) {
      const aborted = controller.signal.aborted;
      throw new PrometheusError(
        aborted ? 'prometheus_timeout' : 'bad_response',
        `Prometheus at ${this.baseUrl} sent an unreadable answer (HTTP ${response.status}) for ${query}`,
        aborted || response.status >= 500
      );
    } finally {
      clearTimeout(timer);
    }
    if (!response.ok || body.status !== 'success') {
      const detail = body.error ?? `HTTP ${response.status}`;
      if (response.status >= 500 || response.status === 429) {
        throw new PrometheusError(
          'prometheus_unavailable',
          `Prometheus at ${this.baseUrl} failed on ${query}: ${detail}`,
          true
        );
      }
      throw new PrometheusError(
        'query_rejected',
        `Prometheus rejected the query ${query}: ${detail}; fix the target's promql`,
        false
      );
    }
    if (!body.data || body.data.resultType !== resultType) {
      throw new PrometheusError(
        'bad_response',
        `expected a ${resultType} from ${endpoint} for ${query}, got ${body.data?.resultType ?? 'nothing'}`,
        false
      );
    }
    return body.data.result;
  }
}
