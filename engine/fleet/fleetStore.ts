// The fleet model on disk, beside the engine's state: `<stateDir>/fleet/<target>.manifest.json` (readable: format
// version, shapes, features, training figures, and the name and sha256 of its weights) and the weights as raw
// little-endian float32 in `<target>.<hash>.weights`. Weights first, then the manifest, each written to a temp
// file, fsynced and renamed: the manifest's rename is the commit, so a crash leaves the previous model whole.
// Anything unreadable, from another format version or of another shape is set aside and rebuilt, never fatal.
import { createHash } from 'crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'fs';
import { join } from 'path';
import { fsyncDirectory, writeFileAtomically } from '../atomicFile';
import { FLEET_FORMAT_VERSION, FleetManifest, FleetModel, FleetShape, fitsShape } from './fleetModel';

export type FleetLoad =
  | { status: 'ok'; model: FleetModel }
  | { status: 'missing' }
  | { status: 'corrupt' | 'incompatible'; reason: string; movedTo?: string };

interface ManifestFile extends FleetManifest {
  weightsFile: string;
  weightsSha256: string;
}

export function fleetDir(stateDir: string): string {
  return join(stateDir, 'fleet');
}

function manifestPath(dir: string, target: string): string {
  return join(dir, `${target}.manifest.json`);
}

function weightBytes(weights: Float32Array[]): Buffer {
  return Buffer.concat(weights.map((w) => Buffer.from(w.buffer, w.byteOffset, w.byteLength)));
}

/** Writes the model atomically and deletes the target's older weights files. */
export function saveFleetModel(stateDir: string, target: string, model: FleetModel): void {
  const dir = fleetDir(stateDir);
  mkdirSync(dir, { recursive: true });
  const bytes = weightBytes(model.weights);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const weightsFile = `${target}.${sha.slice(0, 16)}.weights`;
  writeFileAtomically(join(dir, weightsFile), bytes);
  const manifest: ManifestFile = { ...model.manifest, weightsFile, weightsSha256: sha };
  writeFileAtomically(manifestPath(dir, target), `${JSON.stringify(manifest, null, 1)}\n`);
  fsyncDirectory(dir);
  for (const name of readdirSync(dir)) {
    if (name !== weightsFile && name.startsWith(`${target}.`) && name.endsWith('.weights')) {
      rmSync(join(dir, name), { force: true });
    }
  }
}

/** Reads the target's model; one that is unreadable or does not fit `shape` is renamed aside and reported. */
export function loadFleetModel(stateDir: string, target: string, shape: FleetShape, now = Date.now()): FleetLoad {
  const dir = fleetDir(stateDir);
  const path = manifestPath(dir, target);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT'
      ? { status: 'missing' }
      : setAside(path, 'corrupt', (e as Error).message, now);
  }
  let manifest: ManifestFile;
  try {
    manifest = JSON.parse(text) as ManifestFile;
  } catch (e) {
    return setAside(path, 'corrupt', `manifest is not JSON: ${(e as Error).message}`, now);
  }
  if (manifest?.format !== 'ecoti-fleet-model' || typeof manifest.weightsFile !== 'string') {
    return setAside(path, 'corrupt', 'not a fleet model manifest', now);
  }
  if (manifest.version !== FLEET_FORMAT_VERSION) {
    return setAside(
      path,
      'incompatible',
      `format version ${manifest.version}, this engine reads ${FLEET_FORMAT_VERSION}`,
      now
    );
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(dir, manifest.weightsFile.replace(/[/\\]/g, '')));
  } catch (e) {
    return setAside(path, 'corrupt', `weights unreadable: ${(e as Error).message}`, now);
  }
  if (createHash('sha256').update(bytes).digest('hex') !== manifest.weightsSha256) {
    return setAside(path, 'corrupt', 'weights do not match the manifest’s checksum', now);
  }
  const { weightsFile: _file, weightsSha256: _sha, ...plain } = manifest;
  const weights: Float32Array[] = [];
  let offset = 0;
  for (const w of plain.weights ?? []) {
    const size = w.shape.reduce((a, b) => a * b, 1);
    if (offset + size * 4 > bytes.length) {
      return setAside(path, 'corrupt', 'weights shorter than the manifest’s shapes', now);
    }
    // A copy: the buffer's offset need not be 4-byte aligned.
    weights.push(new Float32Array(bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + size * 4)));
    offset += size * 4;
  }
  const model = { manifest: plain, weights };
  if (!fitsShape(model, shape) || offset !== bytes.length) {
    return setAside(path, 'incompatible', 'the model’s shape differs from the configured fleet block', now);
  }
  return { status: 'ok', model };
}

function setAside(path: string, status: 'corrupt' | 'incompatible', reason: string, now: number): FleetLoad {
  const movedTo = `${path}.${status}-${now}`;
  try {
    renameSync(path, movedTo);
  } catch {
    return { status, reason };
  }
  return { status, reason, movedTo };
}
