// A Web Worker look-alike on Node's worker_threads running the data source's real analysis worker
// module, so the bench can time the worker pool the browser uses, on this machine's cores.
import path from 'path';
import { Worker as ThreadWorker } from 'worker_threads';

const SCRIPT = `
const { parentPort } = require('worker_threads');
globalThis.self = globalThis;
globalThis.postMessage = (m) => parentPort.postMessage(m);
parentPort.on('message', (data) => globalThis.onmessage && globalThis.onmessage({ data }));
require(${JSON.stringify(path.resolve(__dirname, '../../src/datasource/analysis/analysis.worker.ts'))});
`;

export function makeNodeWorker(): Worker {
  const thread = new ThreadWorker(SCRIPT, { eval: true, execArgv: ['--require', require.resolve('tsx/cjs')] });
  const shim = {
    onmessage: null as ((e: MessageEvent) => void) | null,
    onerror: null as ((e: ErrorEvent) => void) | null,
    postMessage: (m: unknown) => thread.postMessage(m),
    terminate: () => void thread.terminate(),
  };
  thread.on('message', (data) => shim.onmessage?.({ data } as MessageEvent));
  thread.on('error', (err) => shim.onerror?.({ message: err.message } as ErrorEvent));
  return shim as unknown as Worker;
}
