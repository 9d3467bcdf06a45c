// Trends of many series off the main thread: one worker thread, started on first use, runs the ML core's trend()
// (15-100 ms a series of two weeks at 5 minutes), so scrapes and probes keep being answered meanwhile. When no
// worker can start (a bundle without its file, no tsx in development), the same work runs inline in slices.
import { Worker } from 'node:worker_threads';
import { workerEntry } from './workerEntry';
import { Logger } from './log';
import { SeriesInput, SeriesTrend, seriesTrend } from './seriesTrend';
import { mapInSlices } from './slices';

interface Job {
  resolve: (trends: SeriesTrend[]) => void;
  reject: (e: Error) => void;
}

export class TrendRunner {
  private worker?: Worker;
  private readonly jobs = new Map<number, Job>();
  private nextId = 0;
  /** Set when a worker failed before ever answering: it will not start, so later runs go inline at once. */
  private unavailable = false;
  private answered = false;
  /** Where the last batch ran. */
  lastRunIn?: 'worker' | 'inline';

  constructor(
    private readonly log: Logger,
    private readonly entry = workerEntry(__dirname, 'trendWorker')
  ) {}

  /** `read` gives fresh arrays each call: the worker takes them over, so the fallback needs its own. */
  async run(read: () => SeriesInput[]): Promise<SeriesTrend[]> {
    if (!this.unavailable) {
      try {
        const trends = await this.inWorker(read());
        this.lastRunIn = 'worker';
        return trends;
      } catch (e) {
        this.log.warn('trend worker failed; computing trends on the main thread in slices', {
          error: (e as Error).message,
        });
      }
    }
    this.lastRunIn = 'inline';
    return mapInSlices(read(), seriesTrend);
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }

  private inWorker(series: SeriesInput[]): Promise<SeriesTrend[]> {
    const worker = this.worker ?? this.startWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.jobs.set(id, { resolve, reject });
      // The arrays are fresh copies of the histories: hand their memory over instead of copying it again.
      const buffers = series.flatMap((s) => [s.timestamps.buffer, s.values.buffer]) as ArrayBuffer[];
      worker.postMessage({ id, series }, buffers);
    });
  }

  private startWorker(): Worker {
    const worker = new Worker(this.entry.file, { execArgv: this.entry.execArgv });
    // Never what keeps the process alive.
    worker.unref();
    worker.on('message', (m: { id: number; trends?: SeriesTrend[]; error?: string }) => {
      const job = this.jobs.get(m.id);
      this.jobs.delete(m.id);
      this.answered = true;
      if (m.trends) {
        job?.resolve(m.trends);
      } else {
        job?.reject(new Error(m.error));
      }
    });
    const fail = (e: Error) => {
      if (this.worker !== worker) {
        return;
      }
      this.worker = undefined;
      this.unavailable ||= !this.answered;
      for (const job of this.jobs.values()) {
        job.reject(e);
      }
      this.jobs.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`trend worker exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }
}
