// Turns the frames an upstream data source returns (Prometheus' one-frame-per-series, or wide
// frames with several number fields) into plain series for the ML core, keeping labels and names.
// The frames come from another plugin, so their shape is checked first: a malformed response is
// this query's error (or a notice, where the data can still be read honestly), never a TypeError.
import { DataFrame, Field, FieldType, Labels, getFieldDisplayName } from '@grafana/data';

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

/** The series, with notices for what was trimmed, sorted or ignored; or what makes the response unreadable. */
export type UpstreamRead = { series: UpstreamSeries[]; notices: string[] } | { error: string };

/** A frame whose time and number fields were read; `frame` holds clean copies for naming only. */
interface ReadFrame {
  frame: DataFrame;
  timestamps: Float64Array;
  numbers: Array<{ field: Field; values: Float64Array }>;
  executedQuery?: string;
}

export function framesToSeries(data: unknown): UpstreamRead {
  if (!Array.isArray(data)) {
    return { error: `the response data is ${describe(data)}, not a list of frames` };
  }
  const notices: string[] = [];
  const read: ReadFrame[] = [];
  let skipped = 0;
  for (let i = 0; i < data.length; i++) {
    const r = readFrame(data[i], i, notices);
    if ('error' in r) {
      return r;
    }
    if ('skipped' in r) {
      skipped += r.skipped;
    } else {
      read.push(r);
    }
  }
  if (skipped) {
    notices.push(`${skipped} upstream field(s) without time or numbers were ignored.`);
  }
  const frames = read.map((r) => r.frame);
  const series: UpstreamSeries[] = [];
  for (const { frame, timestamps, numbers, executedQuery } of read) {
    for (const { field, values } of numbers) {
      const labels = field.labels ?? {};
      const name = getFieldDisplayName(field, frame, frames);
      series.push({
        key: labelKey(labels) || name,
        name,
        labels,
        unit: typeof field.config.unit === 'string' ? field.config.unit : undefined,
        timestamps,
        values,
        executedQuery,
      });
    }
  }
  return { series, notices };
}

function readFrame(
  raw: unknown,
  index: number,
  notices: string[]
): ReadFrame | { skipped: number } | { error: string } {
  if (!isRecord(raw)) {
    return { error: `frame ${index} is ${describe(raw)}` };
  }
  const where = `frame ${index}${typeof raw.name === 'string' && raw.name ? ` ("${raw.name}")` : ''}`;
  if (!Array.isArray(raw.fields)) {
    return { error: `${where} has no list of fields (fields is ${describe(raw.fields)})` };
  }
  const fields: Field[] = [];
  const valuesOf = new Map<Field, ArrayLike<unknown>>();
  for (let j = 0; j < raw.fields.length; j++) {
    const f: unknown = raw.fields[j];
    if (!isRecord(f)) {
      return { error: `${where}: field ${j} is ${describe(f)}` };
    }
    const field: Field = {
      name: typeof f.name === 'string' ? f.name : `Field ${j}`,
      type: f.type as FieldType,
      config: isRecord(f.config) ? f.config : {},
      labels: isRecord(f.labels) ? toLabels(f.labels) : undefined,
      values: [],
    };
    fields.push(field);
    if (field.type === FieldType.time || field.type === FieldType.number) {
      if (!isList(f.values)) {
        return { error: `${where}, field "${field.name}": values is ${describe(f.values)}, not a list` };
      }
      valuesOf.set(field, f.values);
    }
  }
  // Grafana's Prometheus data source sends a frame without fields for an empty result.
  if (fields.length === 0) {
    return { skipped: 0 };
  }
  const time = fields.find((f) => f.type === FieldType.time);
  const numbers = fields.filter((f) => f.type === FieldType.number);
  if (!time || numbers.length === 0) {
    return { skipped: numbers.length || 1 };
  }

  // Read as many rows as every field really holds; the frame's own `length` is only a claim.
  const lengths = [time, ...numbers].map((f) => valuesOf.get(f)!.length);
  const n = Math.min(...lengths);
  const claimed = typeof raw.length === 'number' ? raw.length : n;
  if (claimed !== n || lengths.some((l) => l !== n)) {
    notices.push(
      `Upstream ${where} says it has ${claimed} rows but its fields hold ${lengths.join(', ')} values; EcoTI read ${n}.`
    );
  }

  const times = new Float64Array(n);
  const rawTimes = valuesOf.get(time)!;
  for (let k = 0; k < n; k++) {
    const t = toTime(rawTimes[k]);
    if (Number.isNaN(t)) {
      return { error: `${where}: time at row ${k} is ${describe(rawTimes[k])}, not a timestamp` };
    }
    times[k] = t;
  }
  const order = sortOrder(times);
  if (order) {
    notices.push(`Upstream ${where} was not in time order; EcoTI sorted it.`);
  }
  const timestamps = order ? times.map((_, k) => times[order[k]]) : times;
  for (let k = 1; k < n; k++) {
    if (timestamps[k] === timestamps[k - 1]) {
      return {
        error:
          `${where} has two rows at ${new Date(timestamps[k]).toISOString()}; a series needs one value per time ` +
          '(for a table with a row per series and time, make the upstream query return time series)',
      };
    }
  }

  const read: ReadFrame['numbers'] = [];
  for (const field of numbers) {
    const rawValues = valuesOf.get(field)!;
    const values = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const v = rawValues[order ? order[k] : k];
      if (v == null) {
        values[k] = NaN; // a missing sample
      } else if (typeof v === 'number') {
        values[k] = v;
      } else {
        return {
          error: `${where}, field "${field.name}": row ${k} holds ${describe(v)} where a number field must hold numbers`,
        };
      }
    }
    read.push({ field, values });
  }
  const meta = isRecord(raw.meta) ? raw.meta : undefined;
  return {
    frame: { name: typeof raw.name === 'string' ? raw.name : undefined, fields, length: n, meta },
    timestamps,
    numbers: read,
    executedQuery: typeof meta?.executedQueryString === 'string' ? meta.executedQueryString : undefined,
  };
}

/** Epoch milliseconds from a number, a Date or a date string; NaN for anything else. */
function toTime(t: unknown): number {
  if (typeof t === 'number') {
    return Number.isFinite(t) ? t : NaN;
  }
  if (t instanceof Date) {
    return t.valueOf();
  }
  return typeof t === 'string' && t.trim() !== '' ? Date.parse(t) : NaN;
}

/** The row order that sorts `times`, or undefined when they are already in order. */
function sortOrder(times: Float64Array): number[] | undefined {
  for (let k = 1; k < times.length; k++) {
    if (times[k] < times[k - 1]) {
      return Array.from(times.keys()).sort((a, b) => times[a] - times[b]);
    }
  }
  return undefined;
}

/** `{a="1", b="2"}` with sorted names: the Prometheus way to print a series identity. */
export function labelKey(labels: Labels): string {
  const names = Object.keys(labels).sort();
  return names.length ? `{${names.map((k) => `${k}="${labels[k]}"`).join(', ')}}` : '';
}

function toLabels(o: Record<string, unknown>): Labels {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]));
}

function isList(v: unknown): v is ArrayLike<unknown> {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) {
    return 'null';
  }
  if (v === undefined) {
    return 'missing';
  }
  if (typeof v === 'string') {
    return `text ${JSON.stringify(v.length > 30 ? `${v.slice(0, 30)}…` : v)}`;
  }
  if (Array.isArray(v)) {
    return 'a list';
  }
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}
