// Runs the per-series ML work inline for small queries and in a Web Worker for large ones, so that a
// dashboard with hundreds of series does not freeze the viewer's browser.
import type { EcotiSettings } from '../../shared/settings';
import type { UpstreamSeries } from '../frames/toSeries';
import { computeSeries, SeriesResult, SeriesTask } from './computeSeries';

export type TaskRunner = (
  series: UpstreamSeries[],
  task: SeriesTask,
  settings: EcotiSettings
) => Promise<SeriesResult[]>;

/** Points above which a query's ML runs off the UI thread (≈ 50 ms of work inline). */
export const WORKER_THRESHOLD_POINTS = 100_000;

export const runInline: TaskRunner = async (series, task, settings) =>
  series.map((s) => computeSeries(s, task, settings));

export interface WorkerRequest {
  id: number;
  series: UpstreamSeries[];
  task: SeriesTask;
  settings: EcotiSettings;
}

export type WorkerReply = { id: number; results: SeriesResult[] } | { id: number; error: string };

/** One long-lived worker per data source instance, replies matched to requests by id. */
export function createWorkerRunner(makeWorker: () => Worker): TaskRunner {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: SeriesResult[]) => void; reject: (e: Error) => void }>();
  const ensure = () => {
    if (!worker) {
      worker = makeWorker();
      worker.onmessage = (e: MessageEvent<WorkerReply>) => {
        const p = pending.get(e.data.id);
        pending.delete(e.data.id);
        if (p) {
          'error' in e.data ? p.reject(new Error(e.data.error)) : p.resolve(e.data.results);
        }
      };
      worker.onerror = (e) => {
        // A broken worker fails what it was doing; the next query gets a new one.
        pending.forEach((p) => p.reject(new Error(`analysis worker failed: ${e.message}`)));
        pending.clear();
        worker?.terminate();
        worker = null;
      };
    }
    return worker;
  };
  return (series, task, settings) =>
    new Promise<SeriesResult[]>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      ensure().postMessage({ id, series, task, settings } satisfies WorkerRequest);
    });
}

/**
 * Several workers, each given an equal share of the series: a dashboard viewer's other cores do
 * the work in parallel. Results come back in the series' order.
 */
export function createWorkerPool(makeWorker: () => Worker, size: number): TaskRunner {
  const workers = Array.from({ length: Math.max(1, size) }, () => createWorkerRunner(makeWorker));
  return async (series, task, settings) => {
    const share = Math.ceil(series.length / workers.length);
    const parts = workers.map((w, i) => series.slice(i * share, (i + 1) * share)).filter((p) => p.length > 0);
    const results = await Promise.all(parts.map((part, i) => workers[i](part, task, settings)));
    return results.flat();
  };
}

/** Workers worth starting on this machine: its cores less one for the UI, at most four. */
export function poolSize(hardwareConcurrency: number | undefined): number {
  return Math.max(1, Math.min(4, (hardwareConcurrency ?? 2) - 1));
}

/** Picks the worker for large work when one is available; falls back to inline if it fails. */
export function adaptiveRunner(worker: TaskRunner | null, threshold = WORKER_THRESHOLD_POINTS): TaskRunner {
  return async (series, task, settings) => {
    const points = series.reduce((n, s) => n + s.values.length, 0);
    if (worker && points > threshold) {
      try {
        return await worker(series, task, settings);
      } catch {
        return runInline(series, task, settings);
      }
    }
    return runInline(series, task, settings);
  };
}
