// History for Prometheus: the same model sampled on a grid, written as OpenMetrics with timestamps, then turned
// into TSDB blocks by `promtool tsdb create-blocks-from openmetrics`.
import { closeSync, openSync, writeSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CounterIntegrator } from './counters';
import { collectFamilies, Family, formatLabels, formatValue, sampleName } from './exposition';
import { Datacenter } from './model';

export interface BackfillOptions {
  /** First and last instant (ms epoch, inclusive), sampled every `stepMs`. */
  start: number;
  end: number;
  stepMs: number;
  /** Only these families (by name without `_total`); default all. */
  families?: string[];
  /**
   * Labels Prometheus would attach when scraping (e.g. `job`): backfilled series must carry them to continue the
   * scraped series rather than sit beside them as different series.
   */
  targetLabels?: Record<string, string>;
}

export interface BackfillSummary {
  series: number;
  samples: number;
  bytes: number;
}

/** Writes an OpenMetrics file of the datacenter's history; families stay contiguous, as the format requires. */
export function writeOpenMetrics(dc: Datacenter, path: string, options: BackfillOptions): BackfillSummary {
  const { start, end, stepMs } = options;
  if (!(stepMs > 0) || end < start) {
    throw new RangeError(`backfill needs stepMs > 0 and end >= start (got step ${stepMs}, ${start}..${end})`);
  }
  if (start < dc.scenario.origin) {
    throw new RangeError(
      `backfill starts before the scenario origin (${new Date(dc.scenario.origin).toISOString()}); counters begin there`
    );
  }
  const steps = Math.floor((end - start) / stepMs) + 1;
  const integrator = new CounterIntegrator(dc);
  const wanted = options.families ? new Set(options.families) : undefined;
  let layout: Family[] | undefined;
  let values: Float64Array[][] = [];
  for (let k = 0; k < steps; k++) {
    const t = start + k * stepMs;
    const families = collectFamilies(dc, t, integrator.at(t)).filter((f) => !wanted || wanted.has(f.name));
    if (!layout) {
      layout = families;
      values = families.map((f) => f.samples.map(() => new Float64Array(steps)));
    }
    families.forEach((f, i) => f.samples.forEach((s, j) => (values[i][j][k] = s.value)));
  }
  const fd = openSync(path, 'w');
  let bytes = 0;
  let series = 0;
  let buffer: string[] = [];
  const flush = () => {
    const chunk = buffer.join('');
    bytes += writeSync(fd, chunk);
    buffer = [];
  };
  try {
    (layout ?? []).forEach((f, i) => {
      buffer.push(`# HELP ${f.name} ${f.help}\n# TYPE ${f.name} ${f.type}\n`);
      const name = sampleName(f);
      f.samples.forEach((s, j) => {
        series++;
        const prefix = `${name}${formatLabels({ ...s.labels, ...options.targetLabels })} `;
        const v = values[i][j];
        for (let k = 0; k < steps; k++) {
          // OpenMetrics timestamps are seconds.
          buffer.push(`${prefix}${formatValue(v[k])} ${(start + k * stepMs) / 1000}\n`);
        }
        if (buffer.length > 20_000) {
          flush();
        }
      });
    });
    buffer.push('# EOF\n');
    flush();
  } finally {
    closeSync(fd);
  }
  return { series, samples: series * steps, bytes };
}

const execFileAsync = promisify(execFile);

/** Turns an OpenMetrics file into TSDB blocks in a Prometheus data directory (before that Prometheus starts). */
export async function createBlocks(openMetricsPath: string, dataDir: string, promtool = 'promtool'): Promise<string> {
  try {
    const { stdout, stderr } = await execFileAsync(
      promtool,
      ['tsdb', 'create-blocks-from', 'openmetrics', '--max-block-duration=24h', openMetricsPath, dataDir],
      {
        maxBuffer: 64 * 1024 * 1024,
      }
    );
    return stdout + stderr;
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(
      `promtool could not backfill ${openMetricsPath} into ${dataDir}: ${(err.stderr || err.message).trim()}`
    );
  }
}
