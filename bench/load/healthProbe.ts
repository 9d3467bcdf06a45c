// /healthz latency seen by a client of its own: a worker thread (its own event loop, so the load generator's busy
// loop does not delay it) sends one request every intervalMs, open-loop, and records each answer's latency.
import { Worker } from 'node:worker_threads';
import { quantile } from '../../src/ml';

const PROBE = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true });
const samples = [];
let failures = 0;
let pending = 0;
let stopping = false;
const probe = () => {
  pending++;
  const t0 = performance.now();
  let finished = false;
  const done = (ok) => {
    if (finished) return;
    finished = true;
    pending--;
    if (ok) samples.push(performance.now() - t0); else failures++;
    if (stopping && pending === 0) parentPort.postMessage({ samples, failures });
  };
  const req = http.get(workerData.url, { agent }, (res) => {
    res.resume();
    res.on('end', () => done(res.statusCode === 200));
  });
  // Wall clock, connection included: a stalled engine stops accepting, and a socket timeout starts only once connected.
  const timer = setTimeout(() => req.destroy(new Error('timeout')), workerData.timeoutMs);
  req.on('close', () => clearTimeout(timer));
  req.on('error', () => done(false));
};
const timer = setInterval(probe, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  stopping = true;
  if (pending === 0) parentPort.postMessage({ samples, failures });
});
`;

export interface ProbeResult {
  probes: number;
  failures: number;
  latencyMs: { p50: number; p99: number; max: number };
}

export function startHealthProbe(url: string, intervalMs = 100, timeoutMs = 10_000): { stop(): Promise<ProbeResult> } {
  const worker = new Worker(PROBE, { eval: true, workerData: { url, intervalMs, timeoutMs } });
  return {
    stop: () =>
      new Promise((resolve) => {
        worker.once('message', ({ samples, failures }: { samples: number[]; failures: number }) => {
          void worker.terminate();
          samples.sort((a, b) => a - b);
          resolve({
            probes: samples.length + failures,
            failures,
            latencyMs: { p50: quantile(samples, 0.5), p99: quantile(samples, 0.99), max: samples.at(-1) ?? NaN },
          });
        });
        worker.postMessage('stop');
      }),
  };
}
