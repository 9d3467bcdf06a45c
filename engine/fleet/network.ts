// The fleet model's network, on TensorFlow.js core: an MLP in the N-BEATS family (two ReLU layers) plus a
// linear skip from input to output (the "repeat the last day/week" a seasonal series mostly is), direct
// multi-output over the forecast hours, MAE loss, Adam. Weights are plain Float32Arrays so they persist as
// bytes and warm-start the next training. The backward pass is written out (three matrix products deep):
// tfjs-core's gradient registry ships only as ES modules, which would load a second copy of the core.
import * as tf from '@tensorflow/tfjs-core';
// Named imports, not bare ones: a bundler honouring the packages' "sideEffects" lists drops a bare import of
// their Node builds, and with it the backends' registration (esbuild does, for the engine's container image).
import { version_cpu } from '@tensorflow/tfjs-backend-cpu';
import { version_wasm } from '@tensorflow/tfjs-backend-wasm';

// PROD: no debug checks, and no console advert for the native binding (never installed: it downloads a binary).
tf.env().set('PROD', true);

export interface NetworkShape {
  inputs: number;
  hidden: number;
  outputs: number;
}

/** Weight tensors in this order: layer 1, layer 2, output layer, linear skip (each matrix then bias). */
export const WEIGHT_NAMES = ['w1', 'b1', 'w2', 'b2', 'w3', 'b3', 'skip', 'skipBias'] as const;

export function weightShapes(s: NetworkShape): Array<[number] | [number, number]> {
  return [
    [s.inputs, s.hidden],
    [s.hidden],
    [s.hidden, s.hidden],
    [s.hidden],
    [s.hidden, s.outputs],
    [s.outputs],
    [s.inputs, s.outputs],
    [s.outputs],
  ];
}

/** Glorot-uniform matrices and zero biases from a seeded generator (the same seed gives the same network). */
export function initialWeights(s: NetworkShape, random: () => number): Float32Array[] {
  return weightShapes(s).map((shape) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const w = new Float32Array(size);
    if (shape.length === 2) {
      const limit = Math.sqrt(6 / (shape[0] + shape[1]));
      for (let i = 0; i < size; i++) {
        w[i] = (2 * random() - 1) * limit;
      }
    }
    return w;
  });
}

export interface TrainOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Training stops after the epoch that passes this much wall-clock time. */
  budgetMs: number;
  random: () => number;
}

export interface TrainResult {
  weights: Float32Array[];
  epochs: number;
  /** Mean absolute error (normalised units) over the last epoch's batches. */
  loss: number;
}

let backendReady: Promise<void> | undefined;
/** Variable names are global in tfjs: each training's are numbered. */
let trainings = 0;

/**
 * WebAssembly (its .wasm ships inside the npm package: nothing is downloaded), 4× faster to train than the
 * pure-JS CPU backend here (bench/fleet/backends.ts); the CPU backend if WebAssembly cannot start.
 */
export function readyBackend(): Promise<string> {
  // Using the imports here is what keeps them (and the registrations they bring) in a bundle.
  if (!version_cpu || !version_wasm) {
    return Promise.reject(new Error('the TensorFlow.js backends are missing from this build'));
  }
  backendReady ??= tf
    .setBackend('wasm')
    .catch(() => false)
    .then(async (ok) => {
      if (!ok) {
        await tf.setBackend('cpu');
      }
      await tf.ready();
    });
  return backendReady.then(() => {
    ready = true;
    return tf.getBackend();
  });
}

let ready = false;

/** Whether readyBackend() has finished: predictNetwork needs it. */
export function backendIsReady(): boolean {
  return ready;
}

type Weights = [tf.Tensor2D, tf.Tensor1D, tf.Tensor2D, tf.Tensor1D, tf.Tensor2D, tf.Tensor1D, tf.Tensor2D, tf.Tensor1D];

/** The forward pass with the pre-activations the backward pass needs. */
function layers(v: tf.Tensor[], x: tf.Tensor2D) {
  const [w1, b1, w2, b2, w3, b3, skip, skipBias] = v as Weights;
  const z1 = tf.add(tf.matMul(x, w1), b1);
  const h1 = tf.relu(z1);
  const z2 = tf.add(tf.matMul(h1, w2), b2);
  const h2 = tf.relu(z2);
  const out = tf.add(tf.add(tf.matMul(h2, w3), b3), tf.add(tf.matMul(x, skip), skipBias)) as tf.Tensor2D;
  return { z1, h1, z2, h2, out };
}

function forward(v: tf.Tensor[], x: tf.Tensor2D): tf.Tensor2D {
  return layers(v, x).out;
}

/** Mean absolute error of the batch and its gradient with respect to each weight (WEIGHT_NAMES' order). */
function lossAndGradients(v: tf.Tensor[], x: tf.Tensor2D, y: tf.Tensor2D): { loss: tf.Scalar; gradients: tf.Tensor[] } {
  const [, , w2, , w3] = v as Weights;
  const { z1, h1, z2, h2, out } = layers(v, x);
  const diff = tf.sub(out, y);
  const loss = tf.mean(tf.abs(diff)) as tf.Scalar;
  // d mean|out − y| / d out = sign(out − y) / (rows × outputs)
  const g = tf.div(tf.sign(diff), diff.size) as tf.Tensor2D;
  const dz2 = tf.mul(tf.matMul(g, w3, false, true), tf.step(z2)) as tf.Tensor2D;
  const dz1 = tf.mul(tf.matMul(dz2, w2, false, true), tf.step(z1)) as tf.Tensor2D;
  const gradients = [
    tf.matMul(x, dz1, true, false),
    tf.sum(dz1, 0),
    tf.matMul(h1, dz2, true, false),
    tf.sum(dz2, 0),
    tf.matMul(h2, g, true, false),
    tf.sum(g, 0),
    tf.matMul(x, g, true, false),
    tf.sum(g, 0),
  ];
  return { loss, gradients };
}

/** Trains from `start` weights on rows of x (inputs) and y (targets); returns the new weights. */
export async function trainNetwork(
  s: NetworkShape,
  start: Float32Array[],
  x: Float32Array,
  y: Float32Array,
  options: TrainOptions,
  /** For the backend comparison (bench/fleet/backends.ts): train on whichever backend is set. */
  how: { keepBackend?: boolean } = {}
): Promise<TrainResult> {
  if (!how.keepBackend) {
    await readyBackend();
  }
  const rows = x.length / s.inputs;
  const shapes = weightShapes(s);
  const run = ++trainings;
  const vars = start.map((w, i) => tf.variable(tf.tensor(w, shapes[i]), true, `fleet${run}_${WEIGHT_NAMES[i]}`));
  const optimizer = tf.train.adam(options.learningRate);
  const order = Uint32Array.from({ length: rows }, (_, i) => i);
  const began = performance.now();
  let epochs = 0;
  let loss = NaN;
  try {
    while (epochs < options.epochs && rows > 0) {
      shuffle(order, options.random);
      let sum = 0;
      let batches = 0;
      for (let b = 0; b < rows; b += options.batchSize) {
        const n = Math.min(options.batchSize, rows - b);
        const bx = new Float32Array(n * s.inputs);
        const by = new Float32Array(n * s.outputs);
        for (let r = 0; r < n; r++) {
          const i = order[b + r];
          bx.set(x.subarray(i * s.inputs, (i + 1) * s.inputs), r * s.inputs);
          by.set(y.subarray(i * s.outputs, (i + 1) * s.outputs), r * s.outputs);
        }
        const cost = tf.tidy(() => {
          const { loss: l, gradients } = lossAndGradients(
            vars,
            tf.tensor2d(bx, [n, s.inputs]),
            tf.tensor2d(by, [n, s.outputs])
          );
          optimizer.applyGradients(gradients.map((tensor, i) => ({ name: vars[i].name, tensor })));
          return l;
        });
        sum += (await cost.data())[0];
        cost.dispose();
        batches++;
      }
      loss = sum / batches;
      epochs++;
      if (performance.now() - began > options.budgetMs) {
        break;
      }
    }
    const weights = await Promise.all(vars.map(async (v) => new Float32Array(await v.data())));
    return { weights, epochs, loss };
  } finally {
    vars.forEach((v) => v.dispose());
    optimizer.dispose();
  }
}

/** A forward pass with the weights kept as tensors: no copy of the weights per call. */
export interface Predictor {
  predict(x: Float32Array): Float32Array;
  dispose(): void;
}

export function makePredictor(s: NetworkShape, weights: Float32Array[]): Predictor {
  const shapes = weightShapes(s);
  const v = weights.map((w, i) => tf.tensor(w, shapes[i]));
  return {
    predict: (x) =>
      tf.tidy(() => forward(v, tf.tensor2d(x, [x.length / s.inputs, s.inputs])).dataSync() as Float32Array),
    dispose: () => v.forEach((t) => t.dispose()),
  };
}

/** Forward pass of rows of x; returns rows × outputs. */
export function predictNetwork(s: NetworkShape, weights: Float32Array[], x: Float32Array): Float32Array {
  const rows = x.length / s.inputs;
  const shapes = weightShapes(s);
  return tf.tidy(() => {
    const v = weights.map((w, i) => tf.tensor(w, shapes[i]));
    return forward(v, tf.tensor2d(x, [rows, s.inputs])).dataSync() as Float32Array;
  });
}

function shuffle(a: Uint32Array, random: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
