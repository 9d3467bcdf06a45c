// How much upstream history a query fetches and at what step: enough to train on (the training
// window), within Prometheus' limit of 11,000 points per series, and on a round step so that
// repeated dashboard refreshes hit the same upstream results.

/** Prometheus refuses range queries with more points per series than this. */
export const PROMETHEUS_MAX_POINTS = 11_000;
/** Points per series the ML is given at most (a week at 2-minute steps): plenty, and fast. */
export const MAX_TRAINING_POINTS = 5_040;

const NICE_STEPS_S = [15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

export interface UpstreamWindow {
  from: number;
  to: number;
  stepMs: number;
}

export function upstreamWindow(
  range: { from: number; to: number },
  trainingMs: number,
  requestIntervalMs: number,
  withTraining: boolean
): UpstreamWindow {
  const to = range.to;
  const from = withTraining ? Math.min(range.from, to - trainingMs) : range.from;
  const span = Math.max(1, to - from);
  const needed = Math.max(requestIntervalMs, span / MAX_TRAINING_POINTS, span / PROMETHEUS_MAX_POINTS);
  const nice = NICE_STEPS_S.find((s) => s * 1000 >= needed);
  const stepMs = nice ? nice * 1000 : Math.ceil(needed / 86_400_000) * 86_400_000;
  // Align to the step so the upstream's results are cacheable and points land on round times.
  return { from: Math.floor(from / stepMs) * stepMs, to, stepMs };
}
