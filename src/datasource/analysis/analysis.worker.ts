// Web Worker entry: runs computeSeries off the UI thread. Bundled as its own file next to the data
// source module (no dynamic import: nested plugins cannot load lazy chunks, see STYLE.md).
import { computeSeries } from './computeSeries';
import type { WorkerReply, WorkerRequest } from './taskRunner';

const scope = self as unknown as {
  onmessage: (e: MessageEvent<WorkerRequest>) => void;
  postMessage: (m: WorkerReply) => void;
};

scope.onmessage = (e) => {
  const { id, series, task, settings } = e.data;
  try {
    scope.postMessage({ id, results: series.map((s) => computeSeries(s, task, settings)) });
  } catch (err) {
    scope.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
