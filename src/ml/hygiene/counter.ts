// Counters (joules, kWh, seconds totals) only go up, except when the exporter restarts.
// Like Prometheus' rate(), a drop is read as a reset to zero, not as negative consumption.

/**
 * Per-step increase of a counter on a regular grid, with resets handled. The first step and steps
 * next to a gap are NaN. `resets` counts the drops that were read as restarts.
 */
export function counterIncreases(values: Float64Array): { increases: Float64Array; resets: number } {
  const n = values.length;
  const increases = new Float64Array(n);
  increases[0] = NaN;
  let resets = 0;
  for (let i = 1; i < n; i++) {
    const a = values[i - 1];
    const b = values[i];
    if (Number.isNaN(a) || Number.isNaN(b)) {
      increases[i] = NaN;
    } else if (b >= a) {
      increases[i] = b - a;
    } else {
      // After a restart the counter starts again from zero, so all of `b` is new.
      increases[i] = b;
      resets++;
    }
  }
  return { increases, resets };
}

/** True when a series looks like a counter: never decreases except for rare large drops (resets). */
export function looksLikeCounter(values: Float64Array): boolean {
  let ups = 0;
  let downs = 0;
  for (let i = 1; i < values.length; i++) {
    const d = values[i] - values[i - 1];
    if (d > 0) {
      ups++;
    } else if (d < 0) {
      downs++;
    }
  }
  return ups >= 10 && downs <= Math.max(1, ups / 100);
}
