/** @jest-environment ./engine/testing/nodeEnvironment.js */
import { createServer, IncomingMessage, Server } from 'node:http';
import { Gauge, Registry } from 'prom-client';
import { Logger } from '../log';
import { decodeRemoteWriteBody, DecodedSeries } from '../testing/writeRequestDecoder';
import { RemoteWriter } from './remoteWriter';
import { remoteWriteSchema } from './remoteWriteConfig';

interface Received {
  headers: IncomingMessage['headers'];
  series: DecodedSeries[];
}

/** A receiver on loopback that decodes every body and answers with the next status of `statuses` (then 204). */
async function receiver(statuses: number[] = []) {
  const received: Received[] = [];
  let calls = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      calls++;
      const status = statuses.shift() ?? 204;
      if (status < 300) {
        received.push({ headers: req.headers, series: decodeRemoteWriteBody(Buffer.concat(chunks)) });
      }
      res.writeHead(status).end(status >= 400 ? 'out of order sample' : '');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/api/v1/write`,
    received,
    calls: () => calls,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

function setup(url: string, extra: Record<string, unknown> = {}) {
  const registry = new Registry();
  const gauge = new Gauge({
    name: 'ecoti_forecast',
    help: 'h',
    labelNames: ['host', 'instance', 'Zone'],
    registers: [registry],
  });
  const writer = new RemoteWriter({
    config: remoteWriteSchema.parse({ url, retries: 2, retryDelay: '10ms', ...extra }),
    registry,
    everyMs: 60_000,
    defaultLabels: { job: 'ecoti-engine', instance: 'pod-0:9464' },
    log: new Logger('silent'),
    clock: () => 1_764_000_000_000,
    sleep: async () => {},
  });
  return { registry, gauge, writer };
}

const labelsOf = (s: DecodedSeries) => Object.fromEntries(s.labels.map((l) => [l.name, l.value]));
const counter = async (registry: Registry, name: string) =>
  (await registry.getSingleMetric(name)!.get()).values as Array<{ value: number; labels: Record<string, string> }>;

/** Two series pushed in two batches of one sample to a receiver answering `statuses` in turn (then 204). */
async function pushTwoBatches(statuses: number[]) {
  const r = await receiver(statuses);
  const { gauge, writer, registry } = setup(r.url, { keep: 'ecoti_forecast', maxSamplesPerRequest: 1 });
  gauge.set({ host: 'a' }, 1);
  gauge.set({ host: 'b' }, 2);
  const result = await writer.push();
  await r.close();
  return { r, result, registry };
}

describe('RemoteWriter', () => {
  it('sends every sample in batches with the remote-write headers, labels sorted, job/instance only where absent', async () => {
    const r = await receiver();
    const { gauge, writer } = setup(r.url, { maxSamplesPerRequest: 4 });
    for (let i = 0; i < 10; i++) {
      gauge.set({ host: `h${i}`, instance: i === 0 ? 'meter-0' : '', Zone: 'z' }, i + 0.5);
    }
    const result = await writer.push();
    await r.close();
    // 10 forecast samples plus the writer's own metrics (registered in the same registry, as /metrics has them).
    expect(result.failed).toBe(0);
    const all = r.received.flatMap((x) => x.series);
    expect(all).toHaveLength(result.samples);
    expect(r.received.every((x) => x.series.length <= 4)).toBe(true);
    expect(r.received[0].headers).toMatchObject({
      'content-encoding': 'snappy',
      'content-type': 'application/x-protobuf',
      'x-prometheus-remote-write-version': '0.1.0',
    });
    const h0 = all.find((s) => labelsOf(s).host === 'h0')!;
    // Byte order: upper-case names before __name__.
    expect(h0.labels.map((l) => l.name)).toEqual(['Zone', '__name__', 'host', 'instance', 'job']);
    expect(labelsOf(h0)).toMatchObject({ __name__: 'ecoti_forecast', instance: 'meter-0', job: 'ecoti-engine' });
    expect(h0.samples).toEqual([{ value: 0.5, timestampMs: 1_764_000_000_000, staleMarker: false }]);
    // prom-client writes an empty label value; a series' own (even empty) label is kept, as honor_labels would.
    expect(labelsOf(all.find((s) => labelsOf(s).host === 'h3')!).instance).toBe('');
  });

  it('keeps only the metric families `keep` matches, by whole name', async () => {
    const r = await receiver();
    const { gauge, writer } = setup(r.url, { keep: 'ecoti_forecast' });
    gauge.set({ host: 'a' }, 1);
    await writer.push();
    await r.close();
    expect(r.received.flatMap((x) => x.series.map((s) => labelsOf(s).__name__))).toEqual(['ecoti_forecast']);
  });

  it('retries a 500 and a 429, then drops a 400 without retrying and counts each reason', async () => {
    const { r, result, registry } = await pushTwoBatches([500, 429, 204, 400]);
    // Batch 1: 500, 429, accepted (3 calls); batch 2: 400, not retried (1 call).
    expect(r.calls()).toBe(4);
    expect(result).toMatchObject({ samples: 2, sent: 1, failed: 1, requests: 2 });
    const failures = await counter(registry, 'ecoti_engine_remote_write_failures_total');
    expect(failures).toEqual([{ value: 1, labels: { reason: 'rejected' } }]);
    expect((await counter(registry, 'ecoti_engine_remote_write_samples_total'))[0].value).toBe(1);
  });

  it('gives up after the retries on a receiver that keeps failing, and skips the rest of that push', async () => {
    const { r, result, registry } = await pushTwoBatches([503, 503, 503, 503]);
    expect(r.calls()).toBe(3);
    expect(result).toMatchObject({ sent: 0, failed: 2 });
    expect(await counter(registry, 'ecoti_engine_remote_write_failures_total')).toEqual([
      { value: 2, labels: { reason: 'server_error' } },
    ]);
  });

  it('counts an unreachable receiver and does not throw', async () => {
    const r = await receiver();
    await r.close();
    const { gauge, writer, registry } = setup(r.url, { keep: 'ecoti_forecast' });
    gauge.set({ host: 'a' }, 1);
    await expect(writer.push()).resolves.toMatchObject({ sent: 0, failed: 1 });
    expect(await counter(registry, 'ecoti_engine_remote_write_failures_total')).toEqual([
      { value: 1, labels: { reason: 'unreachable' } },
    ]);
  });

  it('sends a stale marker once for a series that vanished since the last push', async () => {
    const r = await receiver();
    const { gauge, writer } = setup(r.url, { keep: 'ecoti_forecast' });
    gauge.set({ host: 'a' }, 1);
    gauge.set({ host: 'b' }, 2);
    await writer.push();
    gauge.remove({ host: 'b' });
    await writer.push();
    await writer.push();
    await r.close();
    const pushes = r.received.map((x) =>
      x.series.map((s) => `${labelsOf(s).host}:${s.samples[0].staleMarker ? 'stale' : s.samples[0].value}`).sort()
    );
    expect(pushes).toEqual([['a:1', 'b:2'], ['a:1', 'b:stale'], ['a:1']]);
  });

  it('sends the bearer token read from its file at each push', async () => {
    const r = await receiver();
    const registry = new Registry();
    let token = 'first';
    const writer = new RemoteWriter({
      config: remoteWriteSchema.parse({ url: r.url, bearerTokenFile: '/run/secrets/token' }),
      registry,
      everyMs: 60_000,
      defaultLabels: {},
      log: new Logger('silent'),
      readFile: () => `${token}\n`,
    });
    new Gauge({ name: 'g', help: 'h', registers: [registry] }).set(1);
    await writer.push();
    token = 'rotated';
    await writer.push();
    await r.close();
    expect(r.received.map((x) => x.headers.authorization)).toEqual(['Bearer first', 'Bearer rotated']);
  });
});
