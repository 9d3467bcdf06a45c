// Takes the day/night cycle out of a metric before its trend and level shifts are judged, because
// a strong daily rhythm would otherwise read as a burst of "shifts" twice a day.

/** Fewest whole days of data before a daily profile is trusted (a shift moves it by 1/days of itself). */
export const MIN_DAYS_FOR_CYCLE = 5;
/** F ratio (between-phase / within-phase variance) above which the cycle is real enough to remove. */
const MIN_F = 3;

/**
 * Returns y minus its mean daily profile (the trend is kept), or null when there is no clear daily
 * cycle or not enough data to estimate one. `x` are grid indices at `stepsPerDay` steps per day;
 * `slope` (y units per step) is removed before averaging, so that a rising series does not leave a
 * sawtooth behind.
 */
export function removeDailyCycle(
  x: Float64Array,
  y: Float64Array,
  slope: number,
  stepsPerDay: number
): Float64Array | null {
  const n = y.length;
  const P = stepsPerDay;
  if (!Number.isInteger(P) || P < 4 || n < 2 || x[n - 1] - x[0] < MIN_DAYS_FOR_CYCLE * P) {
    return null;
  }
  const sum = new Float64Array(P);
  const count = new Uint32Array(P);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const phase = x[i] % P;
    const d = y[i] - slope * x[i];
    sum[phase] += d;
    count[phase]++;
    total += d;
  }
  const grand = total / n;
  let phases = 0;
  let between = 0;
  for (let p = 0; p < P; p++) {
    if (count[p] > 0) {
      sum[p] /= count[p];
      between += count[p] * (sum[p] - grand) ** 2;
      phases++;
    }
  }
  let within = 0;
  for (let i = 0; i < n; i++) {
    within += (y[i] - slope * x[i] - sum[x[i] % P]) ** 2;
  }
  if (phases < 2 || n <= phases) {
    return null;
  }
  const f = between / (phases - 1) / (within / (n - phases));
  if (!(f > MIN_F)) {
    return null;
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = y[i] - (sum[x[i] % P] - grand);
  }
  return out;
}
