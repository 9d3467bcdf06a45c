/** @jest-environment ./engine/testing/nodeEnvironment.js */
import { createServer, Server, Socket } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { PrometheusClient, PrometheusError } from './prometheus';

/** A TCP server that accepts connections and never answers: a hung Prometheus. */
function hungServer(): Promise<{ port: number; close: () => void }> {
  const sockets: Socket[] = [];
  const server: Server = createServer((s) => sockets.push(s));
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as { port: number }).port,
        close: () => {
          sockets.forEach((s) => s.destroy());
          server.close();
        },
      })
    )
  );
}

describe('Prometheus client failures', () => {
  it('times out on a hung server, retrying with backoff before giving up', async () => {
    const hung = await hungServer();
    const sleeps: number[] = [];
    const client = new PrometheusClient({
      url: `http://127.0.0.1:${hung.port}`,
      timeoutMs: 200,
      retries: 2,
      retryDelayMs: 100,
      sleep: async (ms) => void sleeps.push(ms),
    });
    const err = await client.queryRange('up', 0, 60_000, 60_000).catch((e) => e);
    hung.close();
    expect(err).toBeInstanceOf(PrometheusError);
    expect(err.kind).toBe('prometheus_timeout');
    expect(err.retryable).toBe(true);
    expect(err.message).toMatch(/did not answer within 200 ms for up/);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[1]).toBeGreaterThanOrEqual(100);
  });

  it('says Prometheus is unreachable when nothing listens, naming the URL', async () => {
    const hung = await hungServer();
    const port = hung.port;
    hung.close();
    const client = new PrometheusClient({
      url: `http://127.0.0.1:${port}`,
      timeoutMs: 1000,
      retries: 1,
      retryDelayMs: 1,
      sleep: async () => undefined,
    });
    const err = await client.queryRange('up', 0, 60_000, 60_000).catch((e) => e);
    expect(err.kind).toBe('prometheus_unreachable');
    expect(err.message).toMatch(new RegExp(`cannot reach Prometheus at http://127.0.0.1:${port} \\(ECONNREFUSED\\)`));
  });
});

describe('credentials in prometheus.url', () => {
  it('sends them as basic auth and never prints them in errors', async () => {
    const seen: Array<string | undefined> = [];
    const server = createHttpServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end('boom');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    const client = new PrometheusClient({
      url: `http://ecoti:s%40cret@127.0.0.1:${port}/`,
      timeoutMs: 2000,
      retries: 0,
      retryDelayMs: 1,
    });
    const err = await client.queryRange('up', 0, 60_000, 60_000).catch((e) => e);
    server.close();
    expect(seen).toEqual([`Basic ${Buffer.from('ecoti:s@cret').toString('base64')}`]);
    expect(err).toBeInstanceOf(PrometheusError);
    expect(err.message).toContain(`http://127.0.0.1:${port}/`);
    expect(err.message).not.toMatch(/s%40cret|s@cret|ecoti:/);
  });
});
