// The trend of a series from the data source's 'Trends' table, and which way it points.
import type { DataFrame, Field } from '@grafana/data';

export interface TrendRow {
  series: string;
  slopePerDay: number;
  /** 95% range of the slope. */
  lower: number;
  upper: number;
  unit?: string;
  changepoints: number;
  lastChange: number | null;
  /** Rising or falling only when the whole 95% range is on one side of zero. */
  direction: 'rising' | 'falling' | 'flat';
}

export function readTrends(frames: DataFrame[]): TrendRow[] {
  const rows: TrendRow[] = [];
  for (const frame of frames) {
    const get = (name: string): Field | undefined => frame.fields.find((f) => f.name === name);
    const slope = get('slopePerDay');
    if (!slope) {
      continue;
    }
    const [series, lower, upper, changepoints, lastChange] = [
      'series',
      'lower',
      'upper',
      'changepoints',
      'lastChange',
    ].map(get);
    for (let i = 0; i < slope.values.length; i++) {
      const s = Number(slope.values[i]);
      if (!Number.isFinite(s)) {
        continue;
      }
      const lo = Number(lower?.values[i] ?? s);
      const hi = Number(upper?.values[i] ?? s);
      const last = lastChange?.values[i];
      rows.push({
        series: String(series?.values[i] ?? ''),
        slopePerDay: s,
        lower: lo,
        upper: hi,
        unit: slope.config.unit ?? undefined,
        changepoints: Number(changepoints?.values[i] ?? 0),
        lastChange: typeof last === 'number' ? last : null,
        direction: lo > 0 ? 'rising' : hi < 0 ? 'falling' : 'flat',
      });
    }
  }
  return rows;
}
