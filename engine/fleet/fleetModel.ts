// The fleet model: one network trained across every series of a target on hourly, self-scaled windows, its
// versioned manifest, and the challenger it hands to the ML core's forecast() for each series (where it wins
// the series' backtest, it is used; elsewhere auto's choice stays).
import { ForecastChallenger, mulberry32, readForecastMethod } from '../ml';
import {
  initialWeights,
  makePredictor,
  NetworkShape,
  Predictor,
  trainNetwork,
  WEIGHT_NAMES,
  weightShapes,
} from './network';
import {
  CALENDAR_FEATURES,
  forecastInput,
  HOUR_MS,
  HourlySeries,
  hourlyTail,
  inputSize,
  sampleWindows,
  WindowShape,
} from './windows';

/** Bumped whenever the inputs, outputs or layers change meaning: an older file is set aside and rebuilt. */
export const FLEET_FORMAT_VERSION = 1;
export const FLEET_MODEL_NAME = 'fleet';

export interface FleetShape extends WindowShape {
  hidden: number;
}

export interface FleetManifest {
  format: 'ecoti-fleet-model';
  version: number;
  shape: FleetShape;
  /** Input features in order: the window's hours (oldest first, scaled), then the calendar. */
  features: string[];
  weights: Array<{ name: string; shape: number[] }>;
  trainedAt: number;
  /** Trainings so far, the first from scratch, the rest warm-started. */
  trainings: number;
  windows: number;
  epochs: number;
  loss: number;
}

export interface FleetModel {
  manifest: FleetManifest;
  weights: Float32Array[];
}

export interface FleetTraining {
  maxWindows: number;
  maxEpochs: number;
  budgetMs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
}

export interface TrainingStats {
  windows: number;
  available: number;
  epochs: number;
  loss: number;
  seconds: number;
}

export function networkShape(shape: FleetShape): NetworkShape {
  return { inputs: inputSize(shape), hidden: shape.hidden, outputs: shape.outputHours };
}

export function featureNames(shape: WindowShape): string[] {
  return [...Array.from({ length: shape.inputHours }, (_, i) => `hour_${i - shape.inputHours}`), ...CALENDAR_FEATURES];
}

/** Whether a forecast's method label (Forecast.method) names the fleet model, alone or in an average. */
export function usesFleetModel(method: string): boolean {
  const { choice } = readForecastMethod(method.split(' (')[0]);
  return choice.name === FLEET_MODEL_NAME || (choice.components ?? []).includes(FLEET_MODEL_NAME);
}

/** Whether `model` was built for `shape` (same format, features and weight shapes) and can warm-start it. */
export function fitsShape(model: FleetModel, shape: FleetShape): boolean {
  const m = model.manifest;
  const expected = weightShapes(networkShape(shape));
  return (
    m.version === FLEET_FORMAT_VERSION &&
    m.shape.inputHours === shape.inputHours &&
    m.shape.outputHours === shape.outputHours &&
    m.shape.hidden === shape.hidden &&
    m.weights.length === expected.length &&
    m.weights.every((w, i) => w.shape.join('x') === expected[i].join('x')) &&
    model.weights.every((w, i) => w.length === expected[i].reduce((a, b) => a * b, 1))
  );
}

/** Trains (warm from `previous` when it fits the shape) on windows sampled from `series`. */
export async function trainFleetModel(
  series: HourlySeries[],
  shape: FleetShape,
  training: FleetTraining,
  previous?: FleetModel,
  now = Date.now()
): Promise<{ model: FleetModel; stats: TrainingStats }> {
  const began = performance.now();
  const random = mulberry32(training.seed);
  const set = sampleWindows(series, shape, training.maxWindows, random);
  const net = networkShape(shape);
  const warm = previous && fitsShape(previous, shape) ? previous : undefined;
  const start = warm ? warm.weights : initialWeights(net, random);
  const result =
    set.rows > 0
      ? await trainNetwork(net, start, set.x, set.y, {
          epochs: training.maxEpochs,
          batchSize: training.batchSize,
          learningRate: training.learningRate,
          budgetMs: Math.max(0, training.budgetMs - (performance.now() - began)),
          random,
        })
      : { weights: start, epochs: 0, loss: NaN };
  const shapes = weightShapes(net);
  const manifest: FleetManifest = {
    format: 'ecoti-fleet-model',
    version: FLEET_FORMAT_VERSION,
    shape: { ...shape },
    features: featureNames(shape),
    weights: WEIGHT_NAMES.map((name, i) => ({ name, shape: [...shapes[i]] })),
    trainedAt: now,
    trainings: (warm?.manifest.trainings ?? 0) + 1,
    windows: set.rows,
    epochs: result.epochs,
    loss: result.loss,
  };
  const stats = {
    windows: set.rows,
    available: set.available,
    epochs: result.epochs,
    loss: result.loss,
    seconds: (performance.now() - began) / 1000,
  };
  return { model: { manifest, weights: result.weights }, stats };
}

/**
 * The model as forecast()'s challenger: the series' last `inputHours` hourly means in, `outputHours` out,
 * each hour's value held over its steps. Null (no challenge) for steps that do not divide an hour, a history
 * shorter than the window, or a horizon beyond the model's hours.
 */
export function fleetChallenger(model: FleetModel): ForecastChallenger & { dispose(): void } {
  const shape = model.manifest.shape;
  const net = networkShape(shape);
  const row = new Float32Array(net.inputs);
  // Made at first use: the TensorFlow.js backend must have started (readyBackend).
  let predictor: Predictor | undefined;
  return {
    name: FLEET_MODEL_NAME,
    dispose: () => predictor?.dispose(),
    predict(history, horizon, lastTime, stepMs) {
      const per = HOUR_MS / stepMs;
      if (Math.ceil(horizon / per) > shape.outputHours) {
        return null;
      }
      const scale = forecastInput(history, stepMs, lastTime, shape.inputHours, row);
      if (scale === null) {
        return null;
      }
      predictor ??= makePredictor(net, model.weights);
      const out = predictor.predict(row);
      const f = new Float64Array(horizon);
      for (let h = 0; h < horizon; h++) {
        f[h] = (out[Math.floor(h / per)] + 1) * scale;
      }
      return f;
    },
  };
}

/**
 * A series on its grid (steps of `stepMs`, NaN where missing) as the hourly series training reads, its windows
 * kept before `endShare` of its length (the share before forecast()'s backtest origins: no leakage).
 */
export function hourlyForTraining(
  timestamps: ArrayLike<number>,
  values: Float64Array,
  stepMs: number,
  endShare: number
): HourlySeries | null {
  const per = HOUR_MS / stepMs;
  const hours = Math.floor(values.length / per);
  const hourly = Number.isInteger(per) ? hourlyTail(values, stepMs, hours) : null;
  if (!hourly || hours === 0) {
    return null;
  }
  const first = values.length - hours * per;
  return { start: timestamps[first], values: hourly, end: Math.floor(hours * endShare) };
}
