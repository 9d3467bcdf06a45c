// Loads the BioHPC GPU servers' hourly statistics (shared beside the repo, never copied into it) as an hourly
// grid in time order, one Float64Array per column, NaN where the export has no row: ready for any bench.
import fs from 'fs';
import path from 'path';
import { SHARED_DATASETS } from '../datasets';

export const BIOHPC_DIR = path.join(SHARED_DATASETS, 'BioHPC');
export const BIOHPC_SERVERS = ['cbsugpu05', 'cbsugpu06', 'cbsugpu07'] as const;
export type BiohpcServer = (typeof BIOHPC_SERVERS)[number];

/** The numeric columns of every file: power in W, temperature in °C, GPU utilisation and memory in %. */
export const BIOHPC_COLUMNS = [
  'powerave',
  'powermin',
  'powermax',
  'tempave',
  'tempmin',
  'tempmax',
  'utilave',
  'utilmin',
  'utilmax',
  'gmemave',
  'gmemmin',
  'gmemmax',
] as const;
export type BiohpcColumn = (typeof BIOHPC_COLUMNS)[number];

const HOUR_MS = 3_600_000;

/** Rows as the file holds them, sorted ascending; timestamps are the lab's wall clock read as UTC. */
export interface BiohpcRows {
  server: string;
  timestamps: Float64Array;
  columns: Record<BiohpcColumn, Float64Array>;
}

/** One value per hour from the first row to the last; NaN in every column where the file has no row. */
export interface BiohpcGrid extends BiohpcRows {
  /** Hours with no row (real outages, and the hour skipped each spring at the change to daylight time). */
  missingHours: number;
  /** Rows that shared an hour with another (averaged), or fell between hours (dropped). */
  mergedRows: number;
  offGridRows: number;
}

/**
 * Parses one export: tab-separated, UTF-8 with a byte-order mark, newest row first, followed by SQL Server's
 * "(N rows affected)" and "Completion time" lines. The timestamps are wall-clock times of the lab (US Eastern,
 * no offset written); they are read as UTC so that an hour of the day stays the lab's hour of the day, which is
 * what calendar features need. Empty or non-numeric cells become NaN.
 */
export function parseBiohpc(text: string): BiohpcRows {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0].split('\t').map((h) => h.trim());
  const timeAt = header.indexOf('timestamp');
  const nameAt = header.indexOf('name');
  const at = BIOHPC_COLUMNS.map((c) => header.indexOf(c));
  if (timeAt < 0 || at.some((i) => i < 0)) {
    throw new Error(`BioHPC header lacks columns: expected timestamp, ${BIOHPC_COLUMNS.join(', ')}; got ${header}`);
  }
  const rows: string[][] = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i].split('\t');
    if (cells.length === header.length) {
      rows.push(cells);
    }
  }
  const times = rows.map((cells) => parseWallClock(cells[timeAt]));
  const order = Array.from(rows.keys())
    .filter((i) => Number.isFinite(times[i]))
    .sort((a, b) => times[a] - times[b]);
  const timestamps = Float64Array.from(order, (i) => times[i]);
  const columns = {} as Record<BiohpcColumn, Float64Array>;
  BIOHPC_COLUMNS.forEach((name, c) => {
    columns[name] = Float64Array.from(order, (i) => toNumber(rows[i][at[c]]));
  });
  const server = nameAt >= 0 && rows.length ? rows[0][nameAt].trim() : '';
  return { server, timestamps, columns };
}

/** The rows on an hourly grid: rows sharing an hour averaged, hours without a row NaN. */
export function toHourlyGrid(rows: BiohpcRows): BiohpcGrid {
  const n = rows.timestamps.length;
  const empty = { ...rows, missingHours: 0, mergedRows: 0, offGridRows: 0 };
  if (n === 0) {
    return empty;
  }
  const first = Math.ceil(rows.timestamps[0] / HOUR_MS) * HOUR_MS;
  const hours = Math.floor((rows.timestamps[n - 1] - first) / HOUR_MS) + 1;
  const timestamps = Float64Array.from({ length: hours }, (_, i) => first + i * HOUR_MS);
  const counts = new Uint16Array(hours);
  const slot = new Int32Array(n);
  let offGridRows = 0;
  for (let i = 0; i < n; i++) {
    const k = (rows.timestamps[i] - first) / HOUR_MS;
    slot[i] = Number.isInteger(k) ? k : -1;
    if (slot[i] < 0) {
      offGridRows++;
    } else {
      counts[slot[i]]++;
    }
  }
  const columns = {} as Record<BiohpcColumn, Float64Array>;
  for (const name of BIOHPC_COLUMNS) {
    const sums = new Float64Array(hours);
    const seen = new Uint16Array(hours);
    const src = rows.columns[name];
    for (let i = 0; i < n; i++) {
      if (slot[i] >= 0 && Number.isFinite(src[i])) {
        sums[slot[i]] += src[i];
        seen[slot[i]]++;
      }
    }
    columns[name] = Float64Array.from(sums, (s, k) => (seen[k] ? s / seen[k] : NaN));
  }
  let missingHours = 0;
  let mergedRows = 0;
  for (let k = 0; k < hours; k++) {
    if (counts[k] === 0) {
      missingHours++;
    } else {
      mergedRows += counts[k] - 1;
    }
  }
  return { server: rows.server, timestamps, columns, missingHours, mergedRows, offGridRows };
}

export function biohpcAvailable(server: BiohpcServer = 'cbsugpu05'): boolean {
  return fs.existsSync(biohpcFile(server));
}

/** One server's export, parsed and put on its hourly grid. */
export function loadBiohpc(server: BiohpcServer, dir = BIOHPC_DIR): BiohpcGrid {
  return toHourlyGrid(parseBiohpc(fs.readFileSync(biohpcFile(server, dir), 'utf8')));
}

function biohpcFile(server: BiohpcServer, dir = BIOHPC_DIR): string {
  return path.join(dir, `${server}_usage_stats.txt`);
}

/** "2025-10-31 09:00:00.000" as epoch ms, the wall clock read as UTC; NaN when it is not such a time. */
function parseWallClock(s: string | undefined): number {
  const m = /^\s*(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)\s*$/.exec(s ?? '');
  return m ? Date.parse(`${m[1]}T${m[2]}Z`) : NaN;
}

function toNumber(s: string | undefined): number {
  const t = (s ?? '').trim();
  return t === '' || t.toUpperCase() === 'NULL' ? NaN : Number(t);
}
