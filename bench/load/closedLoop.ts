// Closed-loop HTTP load: n clients, each sending its next request as soon as the previous answer has been read,
// over keep-alive connections, for a fixed time. Reports throughput, latency percentiles and failures.
import http from 'node:http';
import { quantile } from '../../src/ml';

export interface LoadResult {
  requests: number;
  failures: number;
  statuses: Record<string, number>;
  bytes: number;
  perSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
}

function once(agent: http.Agent, url: URL, headers: Record<string, string>, timeoutMs: number) {
  return new Promise<{ status: number; bytes: number }>((resolve) => {
    const req = http.get(url, { agent, headers }, (res) => {
      let bytes = 0;
      res.on('data', (d: Buffer) => (bytes += d.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      res.on('error', () => resolve({ status: 0, bytes }));
    });
    // A wall-clock limit: a socket timeout would only start once connected, and a stalled server stops accepting.
    const timer = setTimeout(() => req.destroy(new Error('timeout')), timeoutMs);
    req.on('close', () => clearTimeout(timer));
    req.on('error', () => resolve({ status: 0, bytes: 0 }));
  });
}

export async function runClosedLoop(options: {
  url: string;
  clients: number;
  durationMs: number;
  headers?: Record<string, string>;
  timeoutMs?: number;
}): Promise<LoadResult> {
  const url = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.clients });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let bytes = 0;
  const started = performance.now();
  const end = started + options.durationMs;
  const client = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      const r = await once(agent, url, options.headers ?? {}, options.timeoutMs ?? 30_000);
      latencies.push(performance.now() - t0);
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      bytes += r.bytes;
    }
  };
  await Promise.all(Array.from({ length: options.clients }, client));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const failures = Object.entries(statuses)
    .filter(([s]) => Number(s) < 200 || Number(s) >= 300)
    .reduce((a, [, n]) => a + n, 0);
  return {
    requests: latencies.length,
    failures,
    statuses,
    bytes,
    perSecond: latencies.length / elapsed,
    latencyMs: { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), max: latencies.at(-1) ?? NaN },
  };
}
