// The fleet model's peer: one global random forest (the driver model's bagged ml-cart trees) on lag features of
// the same self-scaled hourly windows, the forecast hour as a feature (one forest for every step ahead): the
// last day, the same hour one day and one week back, and the calendar of the target hour. Bench only.
import { fitForest, Forest, ForecastChallenger, mulberry32, predictForest } from '../../src/ml';
import { forecastInput, HOUR_MS, HourlySeries, sampleWindows, WindowShape } from '../../engine/fleet/windows';

const RECENT = 24;
/** h/H, the last 24 hours, same hour a day and a week back, target hour and weekday as sin and cos. */
const FEATURES = 1 + RECENT + 2 + 4;
/** Steps ahead drawn per training window (all 168 would repeat each window's lags 168 times). */
const STEPS_PER_WINDOW = 8;

export interface ForestPeer {
  shape: WindowShape;
  forest: Forest;
}

/** Features of step h (0-based) from an input row as writeInput() lays it out (window, then origin calendar). */
function writeFeatures(input: Float32Array, shape: WindowShape, h: number, out: Float64Array, at: number): void {
  const L = shape.inputHours;
  out[at] = h / shape.outputHours;
  for (let k = 0; k < RECENT; k++) {
    out[at + 1 + k] = input[L - RECENT + k];
  }
  const t = L + h;
  out[at + 1 + RECENT] = input[t - 24 * Math.ceil((h + 1) / 24)];
  const week = t - 168 * Math.ceil((h + 1) / 168);
  out[at + 2 + RECENT] = week >= 0 ? input[week] : input[t - 24 * Math.ceil((h + 1) / 24)];
  // The origin's calendar rotated by h hours: sin(a + b) and cos(a + b).
  const [hs, hc, ws, wc] = [input[L], input[L + 1], input[L + 2], input[L + 3]];
  const bh = (2 * Math.PI * h) / 24;
  const bw = (2 * Math.PI * h) / 168;
  out[at + 3 + RECENT] = hs * Math.cos(bh) + hc * Math.sin(bh);
  out[at + 4 + RECENT] = hc * Math.cos(bh) - hs * Math.sin(bh);
  out[at + 5 + RECENT] = ws * Math.cos(bw) + wc * Math.sin(bw);
  out[at + 6 + RECENT] = wc * Math.cos(bw) - ws * Math.sin(bw);
}

export function trainForestPeer(
  series: HourlySeries[],
  shape: WindowShape,
  options: { maxWindows: number; trees: number; rowsPerTree: number; maxDepth: number; seed: number }
): { model: ForestPeer; seconds: number; rows: number } {
  const t0 = performance.now();
  const random = mulberry32(options.seed);
  const set = sampleWindows(series, shape, options.maxWindows, random);
  const inSize = shape.inputHours + 4;
  const rows = set.rows * STEPS_PER_WINDOW;
  const x = new Float64Array(rows * FEATURES);
  const y = new Float64Array(rows);
  for (let w = 0; w < set.rows; w++) {
    const input = set.x.subarray(w * inSize, (w + 1) * inSize);
    for (let k = 0; k < STEPS_PER_WINDOW; k++) {
      const h = Math.floor(random() * shape.outputHours);
      const r = w * STEPS_PER_WINDOW + k;
      writeFeatures(input, shape, h, x, r * FEATURES);
      y[r] = set.y[w * shape.outputHours + h];
    }
  }
  const forest = fitForest(
    x,
    FEATURES,
    y,
    Int32Array.from({ length: rows }, (_, i) => i),
    {
      trees: options.trees,
      rowsPerTree: options.rowsPerTree,
      maxDepth: options.maxDepth,
      minLeafRows: 5,
      seed: options.seed,
    }
  );
  return { model: { shape, forest }, seconds: (performance.now() - t0) / 1000, rows };
}

/** The forest as forecast()'s challenger (hourly series only, as the bench's are). */
export function forestChallenger(model: ForestPeer): ForecastChallenger {
  const { shape, forest } = model;
  const input = new Float32Array(shape.inputHours + 4);
  const x = new Float64Array(shape.outputHours * FEATURES);
  return {
    name: 'fleet',
    predict(history, horizon, lastTime, stepMs) {
      if (stepMs !== HOUR_MS || horizon > shape.outputHours) {
        return null;
      }
      const scale = forecastInput(history, stepMs, lastTime, shape.inputHours, input);
      if (scale === null) {
        return null;
      }
      for (let h = 0; h < horizon; h++) {
        writeFeatures(input, shape, h, x, h * FEATURES);
      }
      const out = predictForest(forest, x, horizon);
      return out.map((v) => (v + 1) * scale);
    },
  };
}
