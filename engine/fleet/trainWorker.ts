// Worker thread entry: one fleet model training, away from the engine's event loop (scrapes and probes keep
// being answered). Receives the hourly series and the previous model, answers the trained model or an error.
import { parentPort } from 'node:worker_threads';
import { FleetModel, FleetShape, FleetTraining, trainFleetModel } from './fleetModel';
import { HourlySeries } from './windows';

export interface TrainJob {
  series: HourlySeries[];
  shape: FleetShape;
  training: FleetTraining;
  previous?: FleetModel;
  now: number;
}

parentPort?.on('message', (job: TrainJob) => {
  trainFleetModel(job.series, job.shape, job.training, job.previous, job.now)
    .then((r) => parentPort!.postMessage({ ...r, heapBytes: process.memoryUsage().heapUsed }))
    .catch((e: Error) => parentPort!.postMessage({ error: e?.stack ?? String(e) }));
});
