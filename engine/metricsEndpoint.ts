// /metrics rendered into a Buffer at most once per engine update cycle and per few seconds, in slices with the
// event loop handed back in between; concurrent scrapes share one rendering (and one gzip).
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { Registry } from 'prom-client';
import { CycleCache } from './cycleCache';
import { Engine } from './engine';
import { SLICE_MS, yieldToEventLoop } from './slices';

/**
 * Below any sensible scrape interval, so each scrape of one Prometheus sees current process metrics, while
 * bursts (HA pairs, a scrape storm, someone's script) are answered from memory.
 */
export const METRICS_MAX_AGE_MS = 5_000;

const gzipAsync = promisify(gzip);

interface Rendering {
  text: Buffer;
  gzipped?: Promise<Buffer>;
}

/** The Prometheus text format as Registry.metrics() writes it, handing the event loop back between slices. */
async function render(registry: Registry): Promise<Buffer> {
  const families: string[] = [];
  let sliceStart = performance.now();
  for (const metric of registry.getMetricsAsArray()) {
    families.push(await registry.getSingleMetricAsString(metric.name));
    // Not after every family: under a flood of requests each yield waits a whole round of them.
    if (performance.now() - sliceStart > SLICE_MS) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
  return Buffer.from(`${families.join('\n\n')}\n`);
}

export class MetricsEndpoint {
  private readonly cache: CycleCache<Rendering>;

  constructor(private readonly engine: Engine) {
    this.cache = new CycleCache(engine, { maxAgeMs: METRICS_MAX_AGE_MS, maxEntries: 1 });
  }

  /** Renderings so far: a scrape served from memory does not add one. */
  get renders(): number {
    return this.cache.computations;
  }

  get contentType(): string {
    return this.engine.metrics.registry.contentType;
  }

  async body(gzipAccepted: boolean): Promise<{ body: Buffer; gzip: boolean }> {
    const r = await this.cache.get('metrics', async () => ({ text: await render(this.engine.metrics.registry) }));
    if (!gzipAccepted) {
      return { body: r.text, gzip: false };
    }
    // Compressed on libuv's thread pool, once per rendering.
    r.gzipped ??= gzipAsync(r.text);
    return { body: await r.gzipped, gzip: true };
  }
}
