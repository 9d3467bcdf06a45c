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
  /**
   * Older history on a coarser grid: instants before `until` every `stepMs` (a multiple of the fine step keeps
   * both grids aligned, so dashboards stepping by either land on samples).
   */
  coarse?: { stepMs: number; until: number };
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

/** The instants a backfill samples: the coarse grid up to `coarse.until`, then the fine one (each epoch-aligned), then `end`. */
export function sampleInstants(options: Pick<BackfillOptions, 'start' | 'end' | 'stepMs' | 'coarse'>): number[] {
  const { start, end, stepMs, coarse } = options;
  if (!(stepMs > 0) || end < start || (coarse && !(coarse.stepMs > 0))) {
    throw new RangeError(`backfill needs steps > 0 and end >= start (got step ${stepMs}, ${start}..${end})`);
  }
  const out: number[] = [];
  const fineFrom = coarse ? Math.max(start, coarse.until) : start;
  if (coarse) {
    for (
      let t = Math.ceil(start / coarse.stepMs) * coarse.stepMs;
      t < Math.min(fineFrom, end + 1);
      t += coarse.stepMs
    ) {
      out.push(t);
    }
  }
  for (let t = Math.ceil(fineFrom / stepMs) * stepMs; t <= end; t += stepMs) {
    out.push(t);
  }
  // The history ends at `end` itself, on the grid or not.
  if (out.length === 0 || out[out.length - 1] < end) {
    out.push(end);
  }
  return out;
}

interface SeriesColumn {
  family: number;
  line: string;
  values: Float64Array;
}

/**
 * Writes an OpenMetrics file of the datacenter's history. Series may begin or end part-way (hosts powered off,
 * changes, incidents); families stay contiguous, as the format requires.
 */
export function writeOpenMetrics(dc: Datacenter, path: string, options: BackfillOptions): BackfillSummary {
  const instants = sampleInstants(options);
  if (options.start < dc.scenario.origin) {
    throw new RangeError(
      `backfill starts before the scenario origin (${new Date(dc.scenario.origin).toISOString()}); counters begin there`
    );
  }
  const integrator = new CounterIntegrator(dc);
  const wanted = options.families ? new Set(options.families) : undefined;
  const families: Family[] = [];
  const familyIndex = new Map<string, number>();
  const columns = new Map<string, SeriesColumn>();
  instants.forEach((t, k) => {
    for (const f of collectFamilies(dc, t, integrator.at(t))) {
      if (wanted && !wanted.has(f.name)) {
        continue;
      }
      let fi = familyIndex.get(f.name);
      if (fi === undefined) {
        fi = families.push(f) - 1;
        familyIndex.set(f.name, fi);
      }
      for (const s of f.samples) {
        const line = `${sampleName(f)}${formatLabels({ ...s.labels, ...options.targetLabels })} `;
        let col = columns.get(line);
        if (!col) {
          col = { family: fi, line, values: new Float64Array(instants.length).fill(NaN) };
          columns.set(line, col);
        }
        col.values[k] = s.value;
      }
    }
  });
  const fd = openSync(path, 'w');
  let bytes = 0;
  let samples = 0;
  let buffer: string[] = [];
  const flush = () => {
    bytes += writeSync(fd, buffer.join(''));
    buffer = [];
  };
  try {
    families.forEach((f, fi) => {
      buffer.push(`# HELP ${f.name} ${f.help}\n# TYPE ${f.name} ${f.type}\n`);
      for (const col of columns.values()) {
        if (col.family !== fi) {
          continue;
        }
        instants.forEach((t, k) => {
          // NaN marks an instant where the series did not exist; OpenMetrics timestamps are seconds.
          if (!Number.isNaN(col.values[k])) {
            buffer.push(`${col.line}${formatValue(col.values[k])} ${t / 1000}\n`);
            samples++;
          }
        });
        if (buffer.length > 20_000) {
          flush();
        }
      }
    });
    buffer.push('# EOF\n');
    flush();
  } finally {
    closeSync(fd);
  }
  return { series: columns.size, samples, bytes };
}

const execFileAsync = promisify(execFile);

/**
 * Week-long blocks: promtool reads the whole input once per block, so 45 days in 24 h blocks took 2 min 37 s
 * where week-long ones took 47 s (the demo history, 917 MB).
 */
export const BLOCK_DURATION = '168h';

/** Turns an OpenMetrics file into TSDB blocks in a Prometheus data directory (before that Prometheus starts). */
export async function createBlocks(openMetricsPath: string, dataDir: string, promtool = 'promtool'): Promise<string> {
  try {
    const { stdout, stderr } = await execFileAsync(
      promtool,
      ['tsdb', 'create-blocks-from', 'openmetrics', `--max-block-duration=${BLOCK_DURATION}`, openMetricsPath, dataDir],
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
