// Synthetic history of one gauge as OpenMetrics text, for promtool's backfill (support/prometheusServer.ts).

export interface GaugeSeries {
  labels: Record<string, string>;
  value: (t: number) => number;
}

/** Every series sampled at from, from + step, … up to and including `to` (ms); values with `digits` decimals. */
export function gaugeHistory(
  metric: string,
  series: GaugeSeries[],
  grid: { from: number; to: number; step: number },
  digits = 2
): string {
  const lines = [`# TYPE ${metric} gauge`];
  for (const s of series) {
    const labels = Object.entries(s.labels)
      .map(([k, v]) => `${k}="${v}"`)
      .join(',');
    for (let t = grid.from; t <= grid.to; t += grid.step) {
      lines.push(`${metric}{${labels}} ${s.value(t).toFixed(digits)} ${t / 1000}`);
    }
  }
  return `${lines.join('\n')}\n# EOF\n`;
}
