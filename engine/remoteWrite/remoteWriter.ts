// Pushes the engine's series to a remote-write receiver on a timer, beside /metrics and never in the way of the
// update loop: one push at a time, batches of maxSamplesPerRequest, retries with backoff on network errors, 5xx and
// 429, a 4xx dropped and counted (retrying a rejected body would be rejected again).
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { authorizationFor } from '../credentials';
import { ConfigError, EngineConfig } from '../config';
import { Labels } from '../labels';
import { Logger } from '../log';
import { splitPrometheusUrl } from '../prometheusUrl';
import { backoffDelay } from '../schedule';
import { yieldToEventLoop } from '../slices';
import { collectSamples, labelsOfKey, SeriesSample, StaleTracker } from './snapshot';
import { REMOTE_WRITE_HEADERS, STALE, toEncodable, writeRequestBody } from './writeRequest';
import { RemoteWriteConfig } from './remoteWriteConfig';
import { parseDuration } from '../duration';

/** Why a request was given up: the `reason` label of ecoti_engine_remote_write_failures_total. */
export type RemoteWriteFailure = 'rejected' | 'throttled' | 'server_error' | 'timeout' | 'unreachable' | 'credentials';

export interface RemoteWriterOptions {
  config: RemoteWriteConfig;
  /** The registry /metrics renders: what is pushed. The writer's own metrics are registered in it too. */
  registry: Registry;
  everyMs: number;
  /** job and instance, under the configured externalLabels. */
  defaultLabels: Labels;
  log: Logger;
  clock?: () => number;
  fetchImpl?: typeof fetch;
  readFile?: (path: string) => string;
  sleep?: (ms: number) => Promise<void>;
}

export interface PushResult {
  samples: number;
  staleMarkers: number;
  sent: number;
  failed: number;
  requests: number;
}

class RequestFailed extends Error {
  constructor(
    readonly reason: RemoteWriteFailure,
    message: string
  ) {
    super(message);
  }
}

/** The default push interval: the update interval, capped at a minute so series stay fresh in instant queries. */
export function defaultRemoteWriteEvery(updateMs: number): number {
  return Math.min(updateMs, 60_000);
}

export class RemoteWriter {
  private readonly samplesTotal: Counter<string>;
  private readonly failures: Counter<'reason'>;
  private readonly duration: Histogram<string>;
  private readonly lastSuccess: Gauge<string>;
  private readonly stale = new StaleTracker();
  private readonly url: string;
  private readonly urlAuthorization?: string;
  private readonly keep?: RegExp;
  private readonly addLabels: Labels;
  private readonly clock: () => number;
  private readonly fetchImpl: typeof fetch;
  private readonly read: (path: string) => string;
  private readonly sleep: (ms: number) => Promise<void>;
  private timer?: NodeJS.Timeout;
  private running = false;
  private inFlight?: Promise<unknown>;

  constructor(private readonly options: RemoteWriterOptions) {
    const registers = [options.registry];
    this.samplesTotal = new Counter({
      name: 'ecoti_engine_remote_write_samples_total',
      help: 'Samples (stale markers included) a remote-write receiver accepted.',
      registers,
    });
    this.failures = new Counter({
      name: 'ecoti_engine_remote_write_failures_total',
      help: 'Remote-write requests given up, by reason: rejected (4xx, dropped at once), credentials (the secret file unreadable), throttled (429), server_error (5xx), timeout, unreachable (the last three after retries).',
      labelNames: ['reason'],
      registers,
    });
    this.duration = new Histogram({
      name: 'ecoti_engine_remote_write_duration_seconds',
      help: 'Time to push one batch to the remote-write receiver, retries included.',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.lastSuccess = new Gauge({
      name: 'ecoti_engine_remote_write_last_success_timestamp_seconds',
      help: 'When the last push whose every batch was accepted ended.',
      registers,
    });
    const split = splitPrometheusUrl(options.config.url);
    this.url = split.url;
    this.urlAuthorization = split.authorization;
    this.keep = options.config.keep !== undefined ? new RegExp(`^(?:${options.config.keep})$`) : undefined;
    this.addLabels = { ...options.defaultLabels, ...options.config.externalLabels };
    this.clock = options.clock ?? Date.now;
    this.fetchImpl = options.fetchImpl ?? fetch;
    this.read = options.readFile ?? ((p) => readFileSync(p, 'utf8'));
    this.sleep = options.sleep ?? ((t) => new Promise((r) => setTimeout(r, t)));
  }

  /** Safe to log: the URL without credentials. */
  get target(): string {
    return this.url;
  }

  /** Pushes now and then every `everyMs` after each push started; a slow push delays the next, never overlaps it. */
  start(): void {
    this.running = true;
    const tick = async () => {
      if (!this.running) {
        return;
      }
      const started = this.clock();
      this.inFlight = this.push().catch((e) =>
        this.options.log.error('remote write push failed', { error: String(e) })
      );
      await this.inFlight;
      if (this.running) {
        this.timer = setTimeout(tick, Math.max(0, started + this.options.everyMs - this.clock()));
      }
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await Promise.race([this.inFlight, new Promise((r) => setTimeout(r, 5000).unref())]);
  }

  /** One push of every current sample plus stale markers for vanished series. Never throws for the receiver's sake. */
  async push(): Promise<PushResult> {
    const now = this.clock();
    const samples = await collectSamples(this.options.registry, { keep: this.keep, addLabels: this.addLabels });
    const gone = this.stale.vanished(samples);
    const result: PushResult = { samples: samples.length, staleMarkers: gone.length, sent: 0, failed: 0, requests: 0 };
    const size = this.options.config.maxSamplesPerRequest;
    const total = samples.length + gone.length;
    for (let from = 0; from < total; from += size) {
      const batch = this.batch(samples, gone, from, Math.min(total, from + size), now);
      result.requests++;
      const reason = await this.send(batch.body, batch.count);
      if (reason === undefined) {
        result.sent += batch.count;
        continue;
      }
      result.failed += batch.count;
      if (reason !== 'rejected') {
        // The receiver is down or overloaded: the rest of this push would fail alike; the next push carries it all.
        const rest = total - from - batch.count;
        result.failed += rest;
        if (rest > 0) {
          this.failures.inc({ reason }, Math.ceil(rest / size));
        }
        break;
      }
      await yieldToEventLoop();
    }
    if (result.failed === 0) {
      this.lastSuccess.set(this.clock() / 1000);
    }
    return result;
  }

  private batch(samples: SeriesSample[], gone: string[], from: number, to: number, now: number) {
    const series = [];
    for (let i = from; i < to; i++) {
      series.push(
        i < samples.length
          ? toEncodable(samples[i].labels, [{ value: samples[i].value, timestampMs: now }])
          : toEncodable(labelsOfKey(gone[i - samples.length]), [{ value: STALE, timestampMs: now }])
      );
    }
    return { body: writeRequestBody(series), count: to - from };
  }

  /** Sends one request with retries; undefined when accepted, else why it was given up (counted and logged). */
  private async send(body: Uint8Array<ArrayBuffer>, count: number): Promise<RemoteWriteFailure | undefined> {
    const end = this.duration.startTimer();
    const { retries, retryDelay } = this.options.config;
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          await this.request(body);
          this.samplesTotal.inc(count);
          return undefined;
        } catch (e) {
          const failure = e instanceof RequestFailed ? e : new RequestFailed('unreachable', (e as Error).message);
          if (failure.reason === 'rejected' || failure.reason === 'credentials' || attempt >= retries) {
            this.failures.inc({ reason: failure.reason });
            this.options.log.warn('remote write request given up', {
              url: this.url,
              reason: failure.reason,
              samples: count,
              attempts: attempt + 1,
              error: failure.message,
            });
            return failure.reason;
          }
          await this.sleep(backoffDelay(attempt + 1, parseDuration(retryDelay) as number, 60_000));
        }
      }
    } finally {
      end();
    }
  }

  private async request(body: Uint8Array<ArrayBuffer>): Promise<void> {
    const c = this.options.config;
    let authorization: Record<string, string>;
    try {
      authorization = this.authorizationHeader();
    } catch (e) {
      throw new RequestFailed(
        'credentials',
        `cannot read the secret file: ${(e as NodeJS.ErrnoException).code ?? 'error'}`
      );
    }
    let response: Response;
    try {
      response = await this.fetchImpl(this.url, {
        method: 'POST',
        headers: { ...c.headers, ...REMOTE_WRITE_HEADERS, ...authorization },
        body,
        signal: AbortSignal.timeout(parseDuration(c.timeout) as number),
      });
    } catch (e) {
      const err = e as Error;
      if (err.name === 'TimeoutError' || err.name === 'AbortError') {
        throw new RequestFailed('timeout', `no answer within ${c.timeout}`);
      }
      throw new RequestFailed('unreachable', (err.cause as Error | undefined)?.message ?? err.message);
    }
    if (response.ok) {
      await response.body?.cancel();
      return;
    }
    // Prometheus and Mimir say what they refused in a short text body (out of order sample, too old, limits).
    const text = (await response.text().catch(() => '')).slice(0, 300).trim();
    const message = `HTTP ${response.status}${text ? `: ${text}` : ''}`;
    if (response.status === 429) {
      throw new RequestFailed('throttled', message);
    }
    if (response.status >= 500) {
      throw new RequestFailed('server_error', message);
    }
    throw new RequestFailed('rejected', message);
  }

  /**
   * Read at each request, so a rotated token file is used at once; a URL's user info is the last resort. Called by
   * main.ts at start-up too, so a missing file stops the engine there (exit 2) rather than failing every push.
   */
  authorizationHeader(): Record<string, string> {
    const c = this.options.config;
    const authorization = authorizationFor(c, (path) => this.read(path).trim()) ?? this.urlAuthorization;
    return authorization ? { Authorization: authorization } : {};
  }
}

/**
 * The writer of a configuration with `remoteWrite`, or undefined. `instance` defaults to <hostname>:<port>, what a
 * scrape of this replica would call it; a secret file that cannot be read is a ConfigError (exit 2) here.
 */
export function remoteWriterFor(
  config: EngineConfig,
  registry: Registry,
  port: number,
  log: Logger
): RemoteWriter | undefined {
  const rw = config.remoteWrite;
  if (!rw) {
    return undefined;
  }
  const writer = new RemoteWriter({
    config: rw,
    registry,
    everyMs: rw.every
      ? (parseDuration(rw.every) as number)
      : defaultRemoteWriteEvery(parseDuration(config.schedule.update) as number),
    defaultLabels: { job: 'ecoti-engine', instance: `${hostname()}:${port}` },
    log,
  });
  try {
    writer.authorizationHeader();
  } catch (e) {
    const file = rw.basic?.passwordFile ?? rw.bearerTokenFile;
    throw new ConfigError(`remoteWrite: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  return writer;
}
