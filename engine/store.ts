// Persistence of fitted state, one file per target: versioned, checksummed, written atomically (temp file,
// fsync, rename). A file that is corrupt, from another format version or from a different target definition
// is set aside and rebuilt; loading never throws.
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Labels } from './labels';
import { AnomalyEvent, ForecastPath, MonthEnergy } from './series';

export const STATE_FORMAT = 'ecoti-engine-state';
export const STATE_VERSION = 1;

/** What is kept of a series across restarts (the history is fetched again; the forecast is served at once). */
export interface PersistedSeries {
  key: string;
  labels: Labels;
  fittedAt: number;
  selectedAt: number;
  chosenMethod?: string;
  levelOffset: number;
  anomalyScore: number;
  anomalyEvents: AnomalyEvent[];
  month?: MonthEnergy;
  forecast?: ForecastPath;
}

/** The fitted state of a series that survives a restart (everything but its identity). */
export const PERSISTED_FIELDS = [
  'fittedAt',
  'selectedAt',
  'chosenMethod',
  'levelOffset',
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
  | { status: 'ok'; state: PersistedTarget }
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

function decodeFloats(s: unknown): Float32Array {
  if (typeof s !== 'string') {
    throw new Error('forecast array is not a string');
  }
  const buf = Buffer.from(s, 'base64');
  if (buf.byteLength % 4 !== 0) {
    throw new Error('forecast array has a partial float');
  }
  const out = new Float32Array(buf.byteLength / 4);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

/** Serialises and writes atomically: a crash mid-write leaves the previous file intact. */
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
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  try {
    const dirFd = openSync(dir, 'r');
    fsyncSync(dirFd);
    closeSync(dirFd);
  } catch {
    // Directory fsync is not supported everywhere (it is on Linux); the rename is still atomic.
  }
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
  if (envelope.version !== STATE_VERSION) {
    return setAside(
      path,
      'old_version',
      `${path} has format version ${String(envelope.version)}, this engine reads ${STATE_VERSION}`,
      now
    );
  }
  if (
    typeof envelope.payload !== 'string' ||
    createHash('sha256').update(envelope.payload).digest('hex') !== envelope.checksum
  ) {
    return setAside(path, 'corrupt', `${path} fails its checksum`, now);
  }
  let state: PersistedTarget;
  try {
    state = JSON.parse(envelope.payload, (key, value) => {
      if (value && typeof value === 'object' && typeof value.f32 === 'string') {
        return decodeFloats(value.f32);
      }
      return value === 'Infinity' ? Infinity : value === '-Infinity' ? -Infinity : value;
    });
    validateShape(state);
  } catch (e) {
    return setAside(path, 'corrupt', `${path} has an unexpected shape: ${(e as Error).message}`, now);
  }
  if (state.target !== target || state.definition !== definition) {
    return setAside(
      path,
      'other_definition',
      `${path} was fitted for a different definition of target ${target} (query, kind or step changed)`,
      now
    );
  }
  return { status: 'ok', state };
}

function validateShape(s: PersistedTarget): void {
  if (typeof s.target !== 'string' || !Array.isArray(s.series)) {
    throw new Error('missing target or series');
  }
  for (const x of s.series) {
    if (typeof x.key !== 'string' || typeof x.labels !== 'object') {
      throw new Error('a series has no key or labels');
    }
    const f = x.forecast;
    if (
      f &&
      (!(f.mean instanceof Float32Array) ||
        f.mean.length !== f.lower.length ||
        f.mean.length !== f.upper.length ||
        !(f.stepMs > 0))
    ) {
      throw new Error(`series ${x.key} has a malformed forecast`);
    }
  }
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
    return { status, reason, movedTo };
  } catch {
    return { status, reason };
  }
}
