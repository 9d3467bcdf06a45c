// The engine's fleet models, one per target: loaded from the state directory at first use (a corrupt or
// incompatible file set aside and the model rebuilt), retrained on schedule in a worker thread from the
// target's series (windows before the middle of each series' history: forecast()'s backtest half is never
// trained on), persisted atomically, handed to the refits as forecast()'s challenger, and reported in /metrics.
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../workerEntry';
import { Gauge, Registry } from 'prom-client';
import { ForecastChallenger } from '../ml';
import { Logger } from '../log';
import type { TargetRuntime } from '../targetRuntime';
import { ms } from '../configSchema';
import { FleetConfig } from './fleetConfig';
import {
  fleetChallenger,
  FleetModel,
  FleetShape,
  FleetTraining,
  hourlyForTraining,
  trainFleetModel,
  TrainingStats,
  usesFleetModel,
} from './fleetModel';
import { loadFleetModel, saveFleetModel } from './fleetStore';
import { backendIsReady, readyBackend } from './network';
import type { TrainJob } from './trainWorker';
import { HOUR_MS, HourlySeries } from './windows';

/** forecast() backtests the newer half of a history: the fleet trains on the older half only. */
const TRAINED_SHARE = 0.5;

interface TargetModel {
  model?: FleetModel;
  challenger?: ForecastChallenger & { dispose(): void };
  /** The challenger before this one: a round of refits that began before the swap may still hold it. */
  retired?: ForecastChallenger & { dispose(): void };
  loaded: boolean;
  training: boolean;
  lastAttempt: number;
}

type TrainOutcome = { model: FleetModel; stats: TrainingStats; heapBytes: number };

export class FleetService {
  private readonly targets = new Map<string, TargetModel>();
  private readonly gauges: Record<'seconds' | 'windows' | 'heap' | 'using' | 'version' | 'trainedAt', Gauge<'target'>>;

  constructor(
    private readonly config: FleetConfig,
    private readonly stateDir: string,
    registry: Registry,
    private readonly log: Logger,
    private readonly clock: () => number = Date.now,
    private readonly entry = workerEntry(__dirname, 'trainWorker')
  ) {
    const gauge = (name: string, help: string) =>
      new Gauge({ name: `ecoti_engine_fleet_${name}`, help, labelNames: ['target'], registers: [registry] });
    this.gauges = {
      seconds: gauge('training_seconds', 'Wall-clock seconds of the last fleet model training.'),
      windows: gauge('windows', 'Training windows sampled at the last fleet model training (capped by maxWindows).'),
      heap: gauge('heap_bytes', 'Heap used by the training worker at the end of the last training.'),
      using: gauge('series_using_fleet', 'Series whose current forecast is the fleet model (it won their backtest).'),
      version: gauge(
        'model_version',
        'Trainings of the fleet model so far (the first from scratch, then warm-started).'
      ),
      trainedAt: gauge(
        'model_trained_timestamp_seconds',
        'When the fleet model in use was trained (its age: time() − this).'
      ),
    };
  }

  /**
   * The target's model as a challenger, loading it from disk the first time; undefined until one is trained
   * and the TensorFlow.js backend has started.
   */
  challengerFor(rt: TargetRuntime): ForecastChallenger | undefined {
    if (!backendIsReady()) {
      void readyBackend();
      return undefined;
    }
    const t = this.state(rt);
    this.gauges.using.set(
      { target: rt.target.name },
      [...rt.states.values()].filter((s) => s.forecast && usesFleetModel(s.forecast.method)).length
    );
    return t.challenger;
  }

  /** Starts a retrain when one is due and none runs; resolves when it ends (callers need not wait). Never throws. */
  async retrainIfDue(rt: TargetRuntime): Promise<void> {
    const t = this.state(rt);
    const now = this.clock();
    const due = !t.model || now - t.model.manifest.trainedAt >= ms(this.config.retrain);
    if (t.training || !due || now - t.lastAttempt < ms(this.config.retrain) / 4) {
      return;
    }
    const series = this.hourlySeries(rt);
    if (series.length === 0) {
      return;
    }
    t.training = true;
    t.lastAttempt = now;
    const name = rt.target.name;
    try {
      await readyBackend();
      const outcome = await this.train({
        series,
        shape: this.shape(rt),
        training: this.training(),
        previous: t.model,
        now,
      });
      if (outcome.stats.windows === 0) {
        this.log.info('fleet model not trained: no series has a full window before its backtest half yet', {
          target: name,
        });
        return;
      }
      this.install(t, outcome.model);
      saveFleetModel(this.stateDir, name, outcome.model);
      this.gauges.seconds.set({ target: name }, outcome.stats.seconds);
      this.gauges.windows.set({ target: name }, outcome.stats.windows);
      this.gauges.heap.set({ target: name }, outcome.heapBytes);
      this.log.info('fleet model trained', { target: name, ...outcome.stats });
    } catch (e) {
      this.log.warn('fleet model training failed; the previous model (if any) stays in use', {
        target: name,
        error: (e as Error).message,
      });
    } finally {
      t.training = false;
    }
  }

  /** Hours in and out: the configured window, and the target's forecast path in hours. */
  shape(rt: TargetRuntime): FleetShape {
    return {
      inputHours: this.config.inputHours,
      outputHours: Math.ceil(((rt.pathSteps + 12) * rt.target.stepMs) / HOUR_MS),
      hidden: this.config.hidden,
    };
  }

  private training(): FleetTraining {
    return {
      maxWindows: this.config.maxWindows,
      maxEpochs: this.config.maxEpochs,
      budgetMs: ms(this.config.budget),
      batchSize: 128,
      learningRate: 1e-3,
      seed: 1,
    };
  }

  private state(rt: TargetRuntime): TargetModel {
    let t = this.targets.get(rt.target.name);
    if (!t) {
      t = { loaded: false, training: false, lastAttempt: -Infinity };
      this.targets.set(rt.target.name, t);
    }
    if (!t.loaded) {
      t.loaded = true;
      const r = loadFleetModel(this.stateDir, rt.target.name, this.shape(rt), this.clock());
      if (r.status === 'ok') {
        this.install(t, r.model);
      } else if (r.status !== 'missing') {
        this.log.warn('fleet model file unusable; it will be retrained', { target: rt.target.name, ...r });
      }
    }
    return t;
  }

  private install(t: TargetModel, model: FleetModel): void {
    t.model = model;
    // Its tensors are freed at the next swap, a retrain interval later, when no refit round holds it.
    t.retired?.dispose();
    t.retired = t.challenger;
    t.challenger = fleetChallenger(model);
    const name = [...this.targets.entries()].find(([, v]) => v === t)?.[0] ?? '';
    this.gauges.version.set({ target: name }, model.manifest.trainings);
    this.gauges.trainedAt.set({ target: name }, model.manifest.trainedAt / 1000);
  }

  private hourlySeries(rt: TargetRuntime): HourlySeries[] {
    const out: HourlySeries[] = [];
    for (const s of rt.states.values()) {
      const all = s.history.toSeries();
      const h = hourlyForTraining(all.timestamps, Float64Array.from(all.values), rt.target.stepMs, TRAINED_SHARE);
      if (h) {
        out.push(h);
      }
    }
    return out;
  }

  /** In a worker thread with a heap limit; inline (between awaits of each batch) if no worker can start. */
  private train(job: TrainJob): Promise<TrainOutcome> {
    return new Promise<TrainOutcome>((resolve, reject) => {
      let worker: Worker;
      try {
        worker = new Worker(this.entry.file, {
          execArgv: this.entry.execArgv,
          resourceLimits: { maxOldGenerationSizeMb: this.config.maxHeapMiB },
        });
      } catch {
        trainFleetModel(job.series, job.shape, job.training, job.previous, job.now)
          .then((r) => resolve({ ...r, heapBytes: process.memoryUsage().heapUsed }))
          .catch(reject);
        return;
      }
      worker.once('message', (m: TrainOutcome | { error: string }) => {
        void worker.terminate();
        if ('error' in m) {
          reject(new Error(m.error));
        } else {
          // Arrays made here: a structured clone's typed arrays may belong to another realm (jest's sandbox).
          resolve({ ...m, model: { ...m.model, weights: m.model.weights.map((w) => new Float32Array(w)) } });
        }
      });
      worker.once('error', (e) => {
        void worker.terminate();
        reject(e);
      });
      worker.postMessage(job);
    });
  }
}
