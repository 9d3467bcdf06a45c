// Writing a file so that a crash leaves either the old or the new contents, never a mix: the engine's state
// files and the fleet model's weights and manifest all go through here.
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';

let tempSequence = 0;

/**
 * Writes to `<path>.tmp-<pid>-<time>-<n>`, fsyncs it and renames it over `path`; a write that fails removes its
 * partial temp file before the error propagates. Start-up sweeps look for the `.tmp-` infix.
 */
export function writeFileAtomically(path: string, data: Uint8Array | string): void {
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}-${++tempSequence}`;
  let renamed = false;
  try {
    const fd = openSync(tmp, 'wx');
    try {
      writeFileSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
    renamed = true;
  } finally {
    if (!renamed) {
      rmSync(tmp, { force: true });
    }
  }
}

/** Makes the renames in `dir` durable. Directory fsync is not supported everywhere (it is on Linux); the renames are atomic regardless. */
export function fsyncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // See above: best effort.
  }
}
