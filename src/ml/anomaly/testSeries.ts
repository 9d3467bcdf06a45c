// Deterministic synthetic series for the anomaly tests (no Math.random: failures must reproduce).

export const HOUR = 3_600_000;
/** Monday 2024-01-01 00:00 UTC. */
export const T0 = Date.UTC(2024, 0, 1);

export function lcg(seed: number): () => number {
  let s = seed % 2147483647 || 1;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

/** Hourly series with a daily cycle (100 ± 40) and ±3 uniform noise, `days` long. */
export function dailySeries(days: number, seed = 1): { timestamps: number[]; values: number[] } {
  const rnd = lcg(seed);
  const timestamps: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < days * 24; i++) {
    timestamps.push(T0 + i * HOUR);
    values.push(100 + 40 * Math.sin((2 * Math.PI * i) / 24) + (rnd() - 0.5) * 6);
  }
  return { timestamps, values };
}

/** Standard normal draws (Box–Muller on lcg), deterministic per seed. */
export function gaussian(seed: number): () => number {
  const rnd = lcg(seed);
  return () => Math.sqrt(-2 * Math.log(rnd())) * Math.cos(2 * Math.PI * rnd());
}
