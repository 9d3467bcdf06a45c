// State directories for the tests of the engine's persisted state: fresh temporary directories removed after the
// test file, and state files written with a matching checksum, so that only the loader's shape checks can refuse
// what they hold.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STATE_FORMAT, STATE_VERSION, statePath } from '../store';

/** A maker of temporary directories named `prefix…`, all removed after the tests of the file (or describe). */
export function tempDirs(prefix: string): () => string {
  const made: string[] = [];
  afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
  return () => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    made.push(d);
    return d;
  };
}

/** Writes `payload` (an object, or its JSON text) as `target`'s state file in `dir`, its checksum matching. */
export function writeChecksummed(dir: string, target: string, payload: unknown, version = STATE_VERSION): void {
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const checksum = createHash('sha256').update(text).digest('hex');
  writeFileSync(statePath(dir, target), JSON.stringify({ format: STATE_FORMAT, version, checksum, payload: text }));
}
