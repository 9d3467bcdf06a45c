// Deterministic random numbers for tests and benchmarks (mulberry32 + Box–Muller).

import { mulberry32 } from '../stats/mulberry32';

export function seededRandom(seed: number) {
  const uniform = mulberry32(seed);
  const normal = () => {
    const u = Math.max(uniform(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
  return { uniform, normal };
}

const HOUR = 3_600_000;

/** An hourly series with a daily cycle, optional trend and Gaussian noise: the shape of datacenter power. */
export function dailySeries(
  length: number,
  opts: { noise?: number; trendPerDay?: number; amplitude?: number; level?: number; seed?: number; start?: number } = {}
) {
  const rnd = seededRandom(opts.seed ?? 1);
  const start = opts.start ?? Date.UTC(2026, 0, 5);
  const timestamps = new Float64Array(length);
  const values = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    timestamps[i] = start + i * HOUR;
    values[i] =
      (opts.level ?? 100) +
      ((opts.trendPerDay ?? 0) * i) / 24 +
      (opts.amplitude ?? 20) * Math.sin((2 * Math.PI * i) / 24) +
      (opts.noise ?? 1) * rnd.normal();
  }
  return { timestamps, values };
}
