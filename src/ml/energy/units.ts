// The conversions every energy figure rests on (power × time → kWh, counters in joules → kWh), written once
// so that the plugin, the engine and the recommendation rules cannot drift apart.

/** Joules in a kWh. */
export const JOULES_PER_KWH = 3.6e6;
/** W·ms in a kWh: 1000 W held for 3 600 000 ms. */
export const W_MS_PER_KWH = 3.6e9;
export const MS_PER_HOUR = 3_600_000;

/** kWh of `watts` held for `ms` milliseconds. */
export function kWhOf(watts: number, ms: number): number {
  return (watts * ms) / W_MS_PER_KWH;
}

/** Average power, W, of `kWh` used over `ms` milliseconds. */
export function averageWatts(kWh: number, ms: number): number {
  return (kWh * W_MS_PER_KWH) / ms;
}
