/** @jest-environment ./engine/testing/nodeEnvironment.js */
// Crash safety of the engine's state files with real processes: a driver runs the engine's start-up state
// handling and then its real state writer in a loop on a large state (~15 MB); it is killed with SIGKILL while
// a write is in flight, again and again. Every next start must load a valid state (nothing corrupt, nothing
// older than the last write it confirmed) and leave no temp file. A write that fails halfway (the file-size
// limit) must remove its partial file.
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, watch } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { REPO, removeDir, tempDir } from './harness';

jest.setTimeout(300_000);

const SERIES = 2500;
/** Kills that must land while a temp file exists, i.e. between its creation and its rename. */
const KILLS_DURING_WRITE = 50;
/**
 * Stop trying after this long even if fewer kills landed mid-write (the test then fails on the count). An idle
 * machine needs about 75 s; on a busy one a start takes longer (39 kills in 79 s beside two benchmarks).
 */
const BUDGET_MS = 240_000;

interface StartReport {
  series: number;
  generation: number | null;
  errors: Record<string, number>;
  temps: string[];
  setAside: string[];
}

const work = tempDir('state-crash');
const stateDir = join(work, 'state');
let driver: string;

beforeAll(() => {
  mkdirSync(stateDir);
  // Bundled once, so each of the many starts costs a plain `node` start rather than a TypeScript compile.
  driver = join(work, 'stateWriterLoop.js');
  buildSync({
    entryPoints: [join(REPO, 'integration/support/stateWriterLoop.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    outfile: driver,
    logLevel: 'error',
  });
});

const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) {
    if (c.exitCode === null && c.signalCode === null) {
      c.kill('SIGKILL');
    }
  }
  removeDir(work);
});

/** A child's stdout lines: all of them so far, and the next one (after the last matched) that matches. */
function lines(child: ChildProcess): { all: () => string[]; next: (match: RegExp) => Promise<RegExpExecArray> } {
  const seen: string[] = [];
  let consumed = 0;
  let buffer = '';
  const listeners = new Set<() => void>();
  child.stdout!.on('data', (d) => {
    buffer += d;
    const parts = buffer.split('\n');
    buffer = parts.pop() as string;
    seen.push(...parts);
    listeners.forEach((l) => l());
  });
  const next = (match: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        for (; consumed < seen.length; consumed++) {
          const m = match.exec(seen[consumed]);
          if (m) {
            consumed++;
            listeners.delete(check);
            resolve(m);
            return;
          }
        }
      };
      listeners.add(check);
      check();
      child.once('close', (code) => reject(new Error(`driver exited (${code}) before ${match}`)));
    });
  return { all: () => seen, next };
}

function startDriver(dir: string, mode: 'loop' | 'once', limitFileKiB?: number): ChildProcess {
  const args = [driver, dir, String(SERIES), mode];
  const child =
    limitFileKiB === undefined
      ? spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] })
      : spawn('bash', ['-c', `ulimit -f ${limitFileKiB} && exec "$0" "$@"`, process.execPath, ...args], {
          stdio: ['ignore', 'pipe', 'inherit'],
        });
  children.push(child);
  return child;
}

const temps = () => (existsSync(stateDir) ? readdirSync(stateDir).filter((f) => f.includes('.tmp-')) : []);

it(`loads a valid state after each of ${KILLS_DURING_WRITE} SIGKILLs during state writes, and leaves no temp file`, async () => {
  const started = Date.now();
  let killsDuringWrite = 0;
  let kills = 0;
  let lastConfirmed = 0;
  const reports: StartReport[] = [];
  while (killsDuringWrite < KILLS_DURING_WRITE && Date.now() - started < BUDGET_MS) {
    const child = startDriver(stateDir, 'loop');
    const exited = new Promise((r) => child.once('close', r));
    const out = lines(child);
    const report = JSON.parse((await out.next(/^started (.*)$/))[1]) as StartReport;
    reports.push(report);
    // What this start found must be whole: no temp files left, nothing set aside, nothing older than confirmed.
    expect(report.temps).toEqual([]);
    expect(report.errors).toEqual({});
    expect(report.setAside).toEqual([]);
    // Before the first completed write there is no state at all; after it, always the whole state.
    if (lastConfirmed > 0 || report.generation !== null) {
      expect(report.series).toBe(SERIES);
      expect(report.generation).toBeGreaterThanOrEqual(lastConfirmed);
    }
    // Half the time (and on the first start) let one write complete, so that there is a state to keep.
    if (kills === 0 || Math.random() < 0.5) {
      await out.next(/^saved /);
    }
    // Kill when the writer's temp file appears, after a random 0–15 ms so the kill lands anywhere in the
    // write, the fsync or the rename.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        watcher.close();
        reject(new Error('the driver wrote no temp file within 20 s'));
      }, 20_000);
      const watcher = watch(stateDir, (_event, name) => {
        if (name && name.includes('.tmp-')) {
          watcher.close();
          clearTimeout(timer);
          setTimeout(resolve, Math.random() * 15);
        }
      });
      if (temps().length > 0) {
        watcher.close();
        clearTimeout(timer);
        resolve();
      }
    });
    child.kill('SIGKILL');
    await exited;
    kills++;
    for (const line of out.all()) {
      const saved = /^saved (\d+)$/.exec(line);
      lastConfirmed = Math.max(lastConfirmed, saved ? Number(saved[1]) : 0);
    }
    if (temps().length > 0) {
      killsDuringWrite++;
    }
  }
  // One more start after the last kill.
  const last = startDriver(stateDir, 'loop');
  const report = JSON.parse((await lines(last).next(/^started (.*)$/))[1]) as StartReport;
  last.kill('SIGKILL');
  expect(report).toMatchObject({ series: SERIES, errors: {}, temps: [], setAside: [] });
  expect(report.generation).toBeGreaterThanOrEqual(lastConfirmed);
  process.stdout.write(
    `state crash test: ${kills} kills, ${killsDuringWrite} with a write in flight, ${reports.length + 1} starts, ` +
      `all valid; ${((Date.now() - started) / 1000).toFixed(1)} s\n`
  );
  expect(killsDuringWrite).toBeGreaterThanOrEqual(KILLS_DURING_WRITE);
});

it('removes the partial file of a write that fails halfway (file-size limit), keeping the previous state', async () => {
  const dir = join(work, 'state-limited');
  mkdirSync(dir);
  const first = startDriver(dir, 'once');
  await lines(first).next(/^done /);
  // The state is ~15 MB; the limit stops the next write after 1 MiB with EFBIG (Node ignores SIGXFSZ).
  const child = startDriver(dir, 'once', 1024);
  const out = lines(child);
  const report = JSON.parse((await out.next(/^started (.*)$/))[1]) as StartReport;
  const done = JSON.parse((await out.next(/^done (.*)$/))[1]) as { errors: Record<string, number>; files: string[] };
  expect(report.series).toBe(SERIES);
  expect(done.errors).toEqual({ state_write_failed: 1 });
  expect(done.files).toEqual(['host_power.state.json']);
  // The previous state is intact.
  const again = startDriver(dir, 'loop');
  const next = JSON.parse((await lines(again).next(/^started (.*)$/))[1]) as StartReport;
  again.kill('SIGKILL');
  expect(next).toMatchObject({ series: SERIES, generation: report.generation, errors: {}, temps: [] });
});
