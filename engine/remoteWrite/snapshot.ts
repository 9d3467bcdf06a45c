// What one remote-write push carries: every sample /metrics renders now (or those whose name `keep` matches), each
// series' labels sorted for the protobuf, labels a scrape would add (job, instance, external labels) added where the
// series lacks them, and the stale markers of series that were pushed last time and are gone now.
import type { Registry } from 'prom-client';
import { Labels } from '../labels';
import { SLICE_MS, yieldToEventLoop } from '../slices';
import { Label } from './writeRequest';

export interface SeriesSample {
  /** Identity of the series: its sorted names and values joined by NUL (labels hold no NUL), kept between pushes. */
  key: string;
  labels: Label[];
  value: number;
}

export interface SnapshotOptions {
  /** Metric names to push (whole-name match); all when undefined. */
  keep?: RegExp;
  /** Added to a series that lacks them, as `honor_labels: true` keeps a series' own labels over the target's. */
  addLabels: Labels;
}

interface MetricValue {
  value: number;
  labels?: Record<string, string | number>;
  sharedLabels?: Record<string, string | number>;
  metricName?: string;
}

/** Sorted by name in byte order (`__name__` included; upper-case names sort before it), as remote write requires. */
export function sortedLabels(name: string, labels: Record<string, string | number>, add: Labels): Label[] {
  const out: Label[] = [{ name: '__name__', value: name }];
  for (const [k, v] of Object.entries(labels)) {
    if (k !== '__name__') {
      out.push({ name: k, value: String(v) });
    }
  }
  for (const [k, v] of Object.entries(add)) {
    if (!(k in labels)) {
      out.push({ name: k, value: v });
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function seriesKeyOf(labels: Label[]): string {
  return labels.flatMap((l) => [l.name, l.value]).join('\u0000');
}

export function labelsOfKey(key: string): Label[] {
  const parts = key.split('\u0000');
  const out: Label[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    out.push({ name: parts[i], value: parts[i + 1] });
  }
  return out;
}

/** The samples of every metric in the registry, the event loop handed back between slices (a big fleet is 1M+). */
export async function collectSamples(registry: Registry, options: SnapshotOptions): Promise<SeriesSample[]> {
  const out: SeriesSample[] = [];
  let sliceStart = performance.now();
  // Typed as what they are (prom-client types the array's elements as plain objects without get()).
  const metrics = registry.getMetricsAsArray() as unknown as Array<{ name: string; get(): Promise<unknown> }>;
  for (const metric of metrics) {
    if (options.keep && !options.keep.test(metric.name)) {
      continue;
    }
    const { values } = (await metric.get()) as { values: MetricValue[] };
    for (const v of values) {
      const labels = sortedLabels(v.metricName ?? metric.name, { ...v.sharedLabels, ...v.labels }, options.addLabels);
      out.push({ key: seriesKeyOf(labels), labels, value: v.value });
    }
    if (performance.now() - sliceStart > SLICE_MS) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
  return out;
}

/**
 * Series pushed last time and absent now get one stale marker, so a dropped series ends in queries at once, as a
 * scraped one does when it leaves a target's exposition.
 */
export class StaleTracker {
  private previous = new Set<string>();

  /** The keys of series gone since the last call; remembers `current` for the next. */
  vanished(current: SeriesSample[]): string[] {
    const now = new Set<string>();
    for (const s of current) {
      now.add(s.key);
    }
    const gone: string[] = [];
    for (const k of this.previous) {
      if (!now.has(k)) {
        gone.push(k);
      }
    }
    this.previous = now;
    return gone;
  }
}
