// Test harness for the integration suite: real Prometheus (Debian's binary), the simulator and the engine as
// child processes on loopback, each on a free port with its own temporary directory, all stopped afterwards.
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { getStatus } from './support/httpJson';

export const REPO = resolve(__dirname, '..');
export const PROMETHEUS_BIN = process.env.PROMETHEUS_BIN ?? 'prometheus';
export const PROMTOOL_BIN = process.env.PROMTOOL_BIN ?? 'promtool';

/** A port the OS reports free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `ecoti-${prefix}-`));
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs: number,
  intervalMs = 250
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) {
        return v as T;
      }
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

export interface Proc {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Spawns a process; its stdout+stderr are kept for assertions and failure messages. */
export function start(cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Proc {
  const child = spawn(cmd, args, {
    cwd: options.cwd ?? REPO,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  // 'close' comes after the output streams end, so output() is complete once exited resolves.
  const exited = new Promise<number | null>((r) => child.once('close', (code) => r(code)));
  return {
    child,
    output: () => out,
    exited,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      return child.exitCode;
    },
  };
}

/** Runs a TypeScript entry point of this repository with tsx, as `npm run engine` / `npm run simulator` do. */
export function startTs(entry: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Proc {
  return start(process.execPath, ['--import', 'tsx', entry, ...args], options);
}

/** Runs the simulator's command line to its end (e.g. `backfill …` into TSDB blocks); throws with its output if it fails. */
export async function runSimulatorCli(args: string[]): Promise<void> {
  const p = startTs('simulator/cli.ts', args);
  if ((await p.exited) !== 0) {
    throw new Error(`simulator ${args[0]} failed: ${p.output()}`);
  }
}

/**
 * The simulator's history of `scenario` over `weeks` at 5-minute steps, as TSDB blocks in <dir>/prometheus for a
 * Prometheus to open (the scenario, as JSON, and the OpenMetrics text beside them); `extraArgs` adds flags such as
 * --write-scenario.
 */
export function backfillScenario(
  dir: string,
  scenario: object,
  history: { weeks: number; families: string[] },
  extraArgs: string[] = []
): Promise<void> {
  const file = join(dir, 'scenario.json');
  writeFileSync(file, JSON.stringify(scenario));
  return runSimulatorCli([
    'backfill',
    '--scenario',
    file,
    '--out',
    join(dir, 'history.om'),
    '--weeks',
    String(history.weeks),
    '--step',
    '5m',
    '--families',
    history.families.join(','),
    '--data-dir',
    join(dir, 'prometheus'),
    ...extraArgs,
  ]);
}

/** The processes of one run: stopAll() stops them last started first (the engine before its Prometheus), then removes `dir`. */
export function processGroup(dir: string): { add<P extends Proc>(p: P): P; stopAll(): Promise<void> } {
  const procs: Proc[] = [];
  return {
    add: (p) => (procs.push(p), p),
    async stopAll() {
      for (const p of procs.splice(0).reverse()) {
        await p.stop();
      }
      removeDir(dir);
    },
  };
}

export interface PrometheusProc extends Proc {
  url: string;
}

/**
 * Starts Debian's Prometheus on 127.0.0.1:port with the given config and data directory; resolves when ready.
 * `extraArgs` adds flags, e.g. --web.enable-remote-write-receiver.
 */
export async function startPrometheus(
  configFile: string,
  dataDir: string,
  port: number,
  extraArgs: string[] = []
): Promise<PrometheusProc> {
  const p = start(PROMETHEUS_BIN, [
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${dataDir}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--web.enable-lifecycle',
    '--storage.tsdb.retention.time=60d',
    '--log.level=warn',
    ...extraArgs,
  ]);
  const url = `http://127.0.0.1:${port}`;
  // Probed with Node's http, not fetch, so the harness also serves tests running under jsdom.
  await waitFor('Prometheus to be ready', async () => (await getStatus(`${url}/-/ready`)) === 200, 30_000);
  return { ...p, url };
}

export async function getJson<T = unknown>(url: string): Promise<T> {
  const r = await fetch(url);
  return (await r.json()) as T;
}

export async function getText(url: string): Promise<string> {
  return (await fetch(url)).text();
}

/** Values of one metric in a Prometheus text exposition, as [labels, value] pairs. */
export function parseMetric(text: string, name: string): Array<{ labels: Record<string, string>; value: number }> {
  const out: Array<{ labels: Record<string, string>; value: number }> = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) {
      continue;
    }
    const m = /^[^{ ]+(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) {
      continue;
    }
    const labels: Record<string, string> = {};
    for (const pair of (m[1] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      labels[pair[1]] = pair[2];
    }
    out.push({ labels, value: m[2] === '+Inf' ? Infinity : m[2] === '-Inf' ? -Infinity : Number(m[2]) });
  }
  return out;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
