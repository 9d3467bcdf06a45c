// The site's power from the meters a query returns: the sum of them, on the times every meter reported.
import type { Series } from '../types';

/**
 * Sum of series on one grid (one query's series share its step): a site fed by two utility feeds, or metered
 * per building or per UPS, draws what all its meters read, not what the first one does. Times some meter
 * lacks are left out, since a partial sum would read as a drop in power. Undefined for no series.
 */
export function sumSeries(series: Series[]): Series | undefined {
  if (series.length === 0) {
    return undefined;
  }
  if (series.length === 1) {
    return series[0];
  }
  const sums = new Map<number, { total: number; count: number }>();
  for (const s of series) {
    const seen = new Set<number>();
    for (let i = 0; i < s.timestamps.length; i++) {
      const t = s.timestamps[i];
      if (seen.has(t)) {
        continue;
      }
      seen.add(t);
      const e = sums.get(t) ?? { total: 0, count: 0 };
      e.total += s.values[i];
      e.count++;
      sums.set(t, e);
    }
  }
  const full = [...sums.entries()].filter(([, e]) => e.count === series.length).sort((a, b) => a[0] - b[0]);
  return {
    timestamps: Float64Array.from(full, ([t]) => t),
    values: Float64Array.from(full, ([, e]) => e.total),
  };
}
