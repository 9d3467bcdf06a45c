// The fleet model's inputs and targets: a series on its own grid turned into hourly means, a window of the last
// `inputHours` divided by its own scale (so that servers of every size share one model) and the calendar of
// the forecast's first hour. Pure numbers; the network never sees a watt.

export const HOUR_MS = 3_600_000;
/** Hour of day and day of week, each as sin and cos, of the first forecast hour. */
export const CALENDAR_FEATURES = ['hour_sin', 'hour_cos', 'weekday_sin', 'weekday_cos'] as const;

export interface WindowShape {
  inputHours: number;
  outputHours: number;
}

/**
 * Hourly means of `values` (steps of `stepMs`, the last at `lastTime`), buckets ending at the last point so the
 * newest hour is complete; null when the step does not divide an hour or there are fewer than `hours` hours.
 */
export function hourlyTail(values: Float64Array, stepMs: number, hours: number): Float64Array | null {
  if (!(stepMs > 0) || stepMs > HOUR_MS || HOUR_MS % stepMs !== 0) {
    return null;
  }
  const per = HOUR_MS / stepMs;
  if (values.length < hours * per) {
    return null;
  }
  const out = new Float64Array(hours);
  const end = values.length;
  for (let k = 0; k < hours; k++) {
    let s = 0;
    const from = end - (hours - k) * per;
    for (let i = from; i < from + per; i++) {
      s += values[i];
    }
    out[k] = s / per;
  }
  return out;
}

/** The scale a window is divided by: its mean absolute value, or 1 for an all-zero window. */
export function windowScale(window: Float64Array): number {
  let s = 0;
  for (let i = 0; i < window.length; i++) {
    s += Math.abs(window[i]);
  }
  const m = s / window.length;
  return m > 0 && Number.isFinite(m) ? m : 1;
}

/**
 * A forecast's input row from `history` (steps of `stepMs`, the last at `lastTime`), written into `row`, and the
 * scale the model's output is multiplied back by; null when the history holds no complete, finite window.
 */
export function forecastInput(
  history: Float64Array,
  stepMs: number,
  lastTime: number,
  inputHours: number,
  row: Float32Array
): number | null {
  const window = hourlyTail(history, stepMs, inputHours);
  if (!window || !window.every(Number.isFinite)) {
    return null;
  }
  const scale = windowScale(window);
  writeInput(window, scale, lastTime + stepMs, row);
  return scale;
}

/** Writes one input row (window / scale − 1, then the calendar of `originTime`) into `row`. */
export function writeInput(window: Float64Array, scale: number, originTime: number, row: Float32Array): void {
  for (let i = 0; i < window.length; i++) {
    row[i] = window[i] / scale - 1;
  }
  const d = new Date(originTime);
  const hour = (d.getUTCHours() + d.getUTCMinutes() / 60) / 24;
  const weekday = (d.getUTCDay() + hour) / 7;
  row[window.length] = Math.sin(2 * Math.PI * hour);
  row[window.length + 1] = Math.cos(2 * Math.PI * hour);
  row[window.length + 2] = Math.sin(2 * Math.PI * weekday);
  row[window.length + 3] = Math.cos(2 * Math.PI * weekday);
}

export function inputSize(shape: WindowShape): number {
  return shape.inputHours + CALENDAR_FEATURES.length;
}

/** An hourly series the fleet is trained on: values (NaN where missing) and the time of the first. */
export interface HourlySeries {
  start: number;
  values: Float64Array;
  /** Windows may not reach this index or beyond (the series' own backtest region: no leakage). */
  end?: number;
}

export interface TrainingSet {
  x: Float32Array;
  y: Float32Array;
  rows: number;
  /** Windows the series offered in all, before the cap. */
  available: number;
}

/**
 * Up to `maxWindows` training windows drawn evenly at random (seeded) from every position of every series
 * where the input and the target are fully observed and end before the series' `end`.
 */
export function sampleWindows(
  series: HourlySeries[],
  shape: WindowShape,
  maxWindows: number,
  random: () => number
): TrainingSet {
  const span = shape.inputHours + shape.outputHours;
  // Positions as (series, first index), counted first so the sample is uniform without listing them all.
  const counts = series.map((s) => Math.max(0, Math.min(s.end ?? s.values.length, s.values.length) - span + 1));
  const available = counts.reduce((a, b) => a + b, 0);
  const picks: number[] = [];
  if (available <= maxWindows) {
    for (let p = 0; p < available; p++) {
      picks.push(p);
    }
  } else {
    const chosen = new Set<number>();
    // Draw a little more than needed: windows with gaps are skipped below.
    const want = Math.min(available, Math.ceil(maxWindows * 1.2));
    while (chosen.size < want) {
      chosen.add(Math.floor(random() * available));
    }
    picks.push(...chosen);
  }
  const inSize = inputSize(shape);
  const x = new Float32Array(Math.min(picks.length, maxWindows) * inSize);
  const y = new Float32Array(Math.min(picks.length, maxWindows) * shape.outputHours);
  const starts = new Float64Array(counts.length + 1);
  counts.forEach((c, i) => (starts[i + 1] = starts[i] + c));
  let rows = 0;
  for (const p of picks) {
    if (rows >= maxWindows) {
      break;
    }
    let si = 0;
    while (starts[si + 1] <= p) {
      si++;
    }
    const s = series[si];
    const from = p - starts[si];
    const window = s.values.subarray(from, from + shape.inputHours);
    const target = s.values.subarray(from + shape.inputHours, from + span);
    if (!window.every(Number.isFinite) || !target.every(Number.isFinite)) {
      continue;
    }
    const scale = windowScale(window);
    const origin = s.start + (from + shape.inputHours) * HOUR_MS;
    writeInput(window, scale, origin, x.subarray(rows * inSize, (rows + 1) * inSize));
    for (let h = 0; h < shape.outputHours; h++) {
      y[rows * shape.outputHours + h] = target[h] / scale - 1;
    }
    rows++;
  }
  return { x: x.subarray(0, rows * inSize), y: y.subarray(0, rows * shape.outputHours), rows, available };
}
