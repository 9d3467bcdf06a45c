// Turns the frames an upstream data source returns (Prometheus' one-frame-per-series, or wide
// frames with several number fields) into plain series for the ML core, keeping labels and names.
import { DataFrame, FieldType, Labels, getFieldDisplayName } from '@grafana/data';

export interface UpstreamSeries {
  /** Stable identity from the labels (or the display name when there are none). */
  key: string;
  /** What the upstream panel's legend would show. */
  name: string;
  labels: Labels;
  /** Unit of the upstream field, if it has one (e.g. "watt"). */
  unit?: string;
  timestamps: Float64Array;
  values: Float64Array;
  /** The upstream frame's executed query, for links to Explore. */
  executedQuery?: string;
}

export function framesToSeries(frames: DataFrame[]): { series: UpstreamSeries[]; skipped: number } {
  const series: UpstreamSeries[] = [];
  let skipped = 0;
  for (const frame of frames) {
    const time = frame.fields.find((f) => f.type === FieldType.time);
    const numbers = frame.fields.filter((f) => f.type === FieldType.number);
    if (!time || numbers.length === 0) {
      skipped += numbers.length || 1;
      continue;
    }
    const n = frame.length ?? time.values.length;
    const timestamps = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const t = time.values[i];
      timestamps[i] = typeof t === 'number' ? t : t == null ? NaN : new Date(t).valueOf();
    }
    for (const field of numbers) {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const v = field.values[i];
        values[i] = v == null ? NaN : Number(v);
      }
      const labels = field.labels ?? {};
      const name = getFieldDisplayName(field, frame, frames);
      series.push({
        key: labelKey(labels) || name,
        name,
        labels,
        unit: field.config?.unit,
        timestamps,
        values,
        executedQuery: frame.meta?.executedQueryString,
      });
    }
  }
  return { series, skipped };
}

/** `{a="1", b="2"}` with sorted names: the Prometheus way to print a series identity. */
export function labelKey(labels: Labels): string {
  const names = Object.keys(labels).sort();
  return names.length ? `{${names.map((k) => `${k}="${labels[k]}"`).join(', ')}}` : '';
}
