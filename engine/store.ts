// Persistence of fitted state, one file per target: versioned, checksummed, written atomically (temp file,
// fsync, rename, fsync of the directory). A file that is corrupt, from another format version or from a
// different target definition is set aside (the newest few kept) and rebuilt; loading never throws. Temp files a
// crash left behind are swept at start-up.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fsyncDirectory, writeFileAtomically } from './atomicFile';
import { Labels } from './labels';
import type { ForecastModelChoice } from './ml';
import { AnomalyEvent, ForecastPath, MonthEnergy } from './series';
import { decodeTarget, StateShapeError } from './stateDecode';

export const STATE_FORMAT = 'ecoti-engine-state';
/** 2: the chosen model is typed (`chosenModel`); 1 held it as a method string (`chosenMethod`), still read. */
export const STATE_VERSION = 2;
/** Versions this engine reads; older files are migrated as they are decoded. */
export const READABLE_STATE_VERSIONS: readonly number[] = [1, STATE_VERSION];

/** What is kept of a series across restarts (the history is fetched again; the forecast is served at once). */
export interface PersistedSeries {
  key: string;
  labels: Labels;
  fittedAt: number;
  selectedAt: number;
  chosenModel?: ForecastModelChoice;
  levelOffset: number;
  /** Absent in files written before the correction faded (it then fades from the forecast's origin). */
  levelAt?: number;
  anomalyScore: number;
  anomalyEvents: AnomalyEvent[];
  month?: MonthEnergy;
  forecast?: ForecastPath;
}

/** The fitted state of a series that survives a restart (everything but its identity). */
export const PERSISTED_FIELDS = [
  'fittedAt',
  'selectedAt',
  'chosenModel',
  'levelOffset',
  'levelAt',
  'anomalyScore',
  'anomalyEvents',
  'month',
  'forecast',
] as const;

export type PersistedFields = Pick<PersistedSeries, (typeof PERSISTED_FIELDS)[number]>;

/** Copies the persisted fields of a live or saved series state. */
export function persistedFields(from: PersistedFields): PersistedFields {
  return Object.fromEntries(PERSISTED_FIELDS.map((k) => [k, from[k]])) as unknown as PersistedFields;
}

export interface PersistedTarget {
  target: string;
  /** Hash of the target's definition: a changed query or kind invalidates the state. */
  definition: string;
  savedAt: number;
  lastSuccess: number;
  series: PersistedSeries[];
}

export type LoadResult =
  | { status: 'ok'; state: PersistedTarget; dropped: Array<{ key: string; reason: string }> }
  | { status: 'missing' }
  | { status: 'corrupt' | 'old_version' | 'other_definition'; reason: string; movedTo?: string };

export function statePath(dir: string, target: string): string {
  return join(dir, `${target}.state.json`);
}

/** Hash of the fields that make a fitted state meaningful. */
export function definitionHash(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

function encodeFloats(a: Float32Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

/** Set-aside files kept per target (`<target>.state.json.<reason>-<time>`); older ones are deleted. */
export const SET_ASIDE_KEPT = 3;

const TEMP_FILE = /^[A-Za-z_][A-Za-z0-9_]*\.state\.json\.tmp-\d+(?:-\d+)+$/;
const SET_ASIDE_FILE = /^([A-Za-z_][A-Za-z0-9_]*)\.state\.json\.(?:corrupt|old_version|other_definition)-(\d+)$/;

/**
 * Serialises and writes atomically: a crash mid-write leaves the previous file intact, and a failed write
 * removes its partial temp file before the error propagates.
 */
export function saveTargetState(dir: string, state: PersistedTarget): void {
  mkdirSync(dir, { recursive: true });
  const payload = JSON.stringify(state, (key, value) => {
    if (value instanceof Float32Array) {
      return { f32: encodeFloats(value) };
    }
    return value === Infinity ? 'Infinity' : value === -Infinity ? '-Infinity' : value;
  });
  const checksum = createHash('sha256').update(payload).digest('hex');
  const text = JSON.stringify({ format: STATE_FORMAT, version: STATE_VERSION, checksum, payload });
  const path = statePath(dir, state.target);
  writeFileAtomically(path, text);
  fsyncDirectory(dir);
}

/**
 * At start-up, before any write: deletes the temp files a crash left in `dir` (only names this module writes,
 * only in `dir` itself) and keeps the newest SET_ASIDE_KEPT set-aside files per target. A state directory
 * belongs to one engine process. Returns what was removed.
 */
export function sweepStateDir(dir: string): { temps: string[]; setAside: string[] } {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return { temps: [], setAside: [] };
  }
  const temps = names.filter((n) => TEMP_FILE.test(n));
  for (const n of temps) {
    rmSync(join(dir, n), { force: true });
  }
  return { temps, setAside: pruneSetAside(dir, names) };
}

/** Deletes all but the newest SET_ASIDE_KEPT set-aside files of each target among `names` (files in dir). */
function pruneSetAside(dir: string, names: string[]): string[] {
  const byTarget = new Map<string, Array<{ name: string; at: number }>>();
  for (const name of names) {
    const m = SET_ASIDE_FILE.exec(name);
    if (m) {
      byTarget.set(m[1], [...(byTarget.get(m[1]) ?? []), { name, at: Number(m[2]) }]);
    }
  }
  const removed: string[] = [];
  for (const files of byTarget.values()) {
    files.sort((a, b) => b.at - a.at);
    for (const { name } of files.slice(SET_ASIDE_KEPT)) {
      rmSync(join(dir, name), { force: true });
      removed.push(name);
    }
  }
  return removed;
}

/** Reads a target's state; anything unusable is renamed to `<file>.<reason>-<time>` and reported. */
export function loadTargetState(dir: string, target: string, definition: string, now = Date.now()): LoadResult {
  const path = statePath(dir, target);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      return { status: 'missing' };
    }
    return setAside(path, 'corrupt', `cannot read ${path}: ${(e as Error).message}`, now);
  }
  let envelope: { format?: unknown; version?: unknown; checksum?: unknown; payload?: unknown };
  try {
    envelope = JSON.parse(text);
  } catch {
    return setAside(path, 'corrupt', `${path} is not valid JSON (truncated or overwritten)`, now);
  }
  if (envelope?.format !== STATE_FORMAT) {
    return setAside(path, 'corrupt', `${path} is not an EcoTI engine state file`, now);
  }
  const version = envelope.version;
  if (typeof version !== 'number' || !READABLE_STATE_VERSIONS.includes(version)) {
    return setAside(
      path,
      'old_version',
      `${path} has format version ${String(version)}, this engine reads ${READABLE_STATE_VERSIONS.join(' and ')}`,
      now
    );
  }
  if (
    typeof envelope.payload !== 'string' ||
    createHash('sha256').update(envelope.payload).digest('hex') !== envelope.checksum
  ) {
    return setAside(path, 'corrupt', `${path} fails its checksum`, now);
  }
  let decoded: ReturnType<typeof decodeTarget>;
  try {
    decoded = decodeTarget(JSON.parse(envelope.payload), version);
  } catch (e) {
    const why = e instanceof StateShapeError ? e.message : 'its payload is not valid JSON';
    return setAside(path, 'corrupt', `${path} has an unexpected shape: ${why}`, now);
  }
  const { state, dropped } = decoded;
  if (state.target !== target || state.definition !== definition) {
    return setAside(
      path,
      'other_definition',
      `${path} was fitted for a different definition of target ${target} (query, kind or step changed)`,
      now
    );
  }
  return { status: 'ok', state, dropped };
}

function setAside(
  path: string,
  status: 'corrupt' | 'old_version' | 'other_definition',
  reason: string,
  now: number
): LoadResult {
  const movedTo = `${path}.${status}-${now}`;
  try {
    renameSync(path, movedTo);
  } catch {
    return { status, reason };
  }
  try {
    pruneSetAside(dirname(path), readdirSync(dirname(path)));
  } catch {
    // Pruning is housekeeping; the next start-up's sweep tries again.
  }
  return { status, reason, movedTo };
}

/** Deletes a target's state file (a Grafana rule target that went away); a missing file is fine. */
export function removeTargetState(dir: string, target: string): void {
  rmSync(statePath(dir, target), { force: true });
}
