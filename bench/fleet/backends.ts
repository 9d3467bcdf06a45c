// Which TensorFlow.js backend trains the fleet network faster here: the pure-JS CPU one or WebAssembly (whose
// .wasm ships in its npm package). Same network, data and seed; wall time of a fixed training run, and the
// inference time of one window. `npx tsx bench/fleet/backends.ts`.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { mulberry32 } from '../../engine/ml';
import { initialWeights, predictNetwork, trainNetwork } from '../../engine/fleet/network';

export async function compareBackends(): Promise<Array<{ backend: string; trainMs: number; predictMs: number }>> {
  const shape = { inputs: 172, hidden: 128, outputs: 168 };
  const rows = 4096;
  const random = mulberry32(7);
  const x = Float32Array.from({ length: rows * shape.inputs }, () => random() - 0.5);
  const y = Float32Array.from(
    { length: rows * shape.outputs },
    (_, i) => x[(i % shape.outputs) + Math.floor(i / shape.outputs) * shape.inputs]
  );
  const out: Array<{ backend: string; trainMs: number; predictMs: number }> = [];
  for (const backend of ['cpu', 'wasm']) {
    await tf.setBackend(backend);
    await tf.ready();
    const start = initialWeights(shape, mulberry32(1));
    const t0 = performance.now();
    const trained = await trainNetwork(
      shape,
      start,
      x,
      y,
      {
        epochs: 2,
        batchSize: 128,
        learningRate: 1e-3,
        budgetMs: Infinity,
        random: mulberry32(2),
      },
      { keepBackend: true }
    );
    const trainMs = performance.now() - t0;
    const one = x.subarray(0, shape.inputs);
    predictNetwork(shape, trained.weights, one);
    const t1 = performance.now();
    for (let i = 0; i < 200; i++) {
      predictNetwork(shape, trained.weights, one);
    }
    out.push({ backend, trainMs, predictMs: (performance.now() - t1) / 200 });
  }
  return out;
}

if (require.main === module) {
  compareBackends().then((rows) => {
    for (const r of rows) {
      console.log(
        `${r.backend.padEnd(5)} train 4096 windows × 2 epochs: ${r.trainMs.toFixed(0)} ms; one window: ${r.predictMs.toFixed(2)} ms`
      );
    }
  });
}
