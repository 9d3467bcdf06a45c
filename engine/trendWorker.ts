// Worker thread entry: the trends of a batch of series, computed away from the engine's event loop.
import { parentPort } from 'node:worker_threads';
import { SeriesInput, seriesTrend } from './seriesTrend';

parentPort?.on('message', (job: { id: number; series: SeriesInput[] }) => {
  try {
    parentPort!.postMessage({ id: job.id, trends: job.series.map(seriesTrend) });
  } catch (e) {
    parentPort!.postMessage({ id: job.id, error: (e as Error)?.stack ?? String(e) });
  }
});
