// The processes of the scale bench, each under nice 10 so the machine's other work keeps its share: the synthetic
// Prometheus serving the fleet, the real Prometheus receiving the engines' remote writes, and the engine replicas;
// with what the bench reads of them (CPU and RSS from /proc, readiness from /readyz).
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { freePort, parseMetric, PROMETHEUS_BIN, Proc, start, waitFor } from '../../integration/harness';

const CLOCK_TICKS = 100;

export interface ScaleOptions {
  series: number;
  replicas: number[];
  groups: number;
  window: string;
  step: string;
  /** temperature: no month-to-date energy fetch (power targets fetch the month so far too; see README). */
  kind: 'temperature' | 'power';
}

export interface Served {
  url: string;
  proc: Proc;
}

function niced(args: string[], env: NodeJS.ProcessEnv = {}): Proc {
  return start('nice', ['-n', '10', ...args], { env });
}

/** User + system CPU seconds of a process so far (Linux /proc; nice execs in place, so the pid is node's). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

export function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

/** Sum of a metric's samples over all its label sets in a Prometheus text exposition. */
export function metricSum(text: string, name: string): number {
  return parseMetric(text, name).reduce((a, m) => a + m.value, 0);
}

export interface Readiness {
  targets: Array<{ target: string; series: number; seriesWithForecast: number; status: string }>;
}

export async function readyz(url: string): Promise<Readiness | undefined> {
  try {
    return (await (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(10_000) })).json()) as Readiness;
  } catch {
    return undefined;
  }
}

/** Every series of every target has its forecast (a replica none of a target's series hash to counts as done). */
export const complete = (r: Readiness | undefined) =>
  !!r && r.targets.every((t) => t.status === 'shard_empty' || (t.series > 0 && t.seriesWithForecast === t.series));

export async function startSynthetic(series: number, groups: number): Promise<Served> {
  const proc = niced([
    process.execPath,
    '--import',
    'tsx',
    'bench/scale/syntheticPrometheus.ts',
    String(series),
    String(groups),
  ]);
  const url = await new Promise<string>((res, rej) => {
    proc.child.stdout!.once('data', (d) => res(String(d).trim()));
    proc.child.once('exit', (code) => rej(new Error(`synthetic Prometheus exited ${code}`)));
  });
  return { url, proc };
}

export async function startReceiver(dir: string): Promise<Served> {
  const port = await freePort();
  writeFileSync(join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 1m\n');
  mkdirSync(join(dir, 'data'));
  const proc = niced([
    PROMETHEUS_BIN,
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--web.enable-remote-write-receiver',
    '--log.level=warn',
  ]);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor('the receiving Prometheus to be ready', async () => (await fetch(`${url}/-/ready`)).ok, 30_000);
  } catch (e) {
    await proc.stop();
    throw e;
  }
  return { url, proc };
}

/** A replica's configuration: one target per group of the fleet, `groupOf` mapping it to the group it reads. */
export function engineConfig(
  options: ScaleOptions,
  urls: { prometheus: string; receiver: string },
  port: number,
  dir: string,
  groupOf: (g: number) => number
) {
  return stringify({
    prometheus: { url: urls.prometheus, timeout: '5m', retries: 1 },
    listen: { host: '127.0.0.1', port },
    stateDir: dir,
    schedule: { update: '15s', refit: '1h', staleAfter: '10m', maxBackoff: '30s' },
    training: { window: options.window, step: options.step, maxSeriesPerTarget: options.series },
    targets: Array.from({ length: options.groups }, (_, g) => ({
      name: `fleet_g${g}`,
      promql: `scale_power_watts{group="g${groupOf(g)}"}`,
      kind: options.kind,
      horizons: ['24h'],
      // The streaming scorer's memory is measured by the NAB bench; here it would only multiply the RSS.
      anomaly: false,
    })),
    remoteWrite: { url: `${urls.receiver}/api/v1/write`, every: '30s', keep: 'ecoti_forecast|ecoti_engine_.*' },
  });
}

export async function startEngine(
  dir: string,
  name: string,
  config: (port: number) => string,
  env: NodeJS.ProcessEnv
): Promise<Served> {
  const port = await freePort();
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, config(port));
  const proc = niced(
    [process.execPath, '--import', 'tsx', 'engine/main.ts', '--config', file, '--log-level', 'warn'],
    env
  );
  void proc.exited.then(
    (code) => code && process.stderr.write(`engine ${name} exited ${code}: ${proc.output().slice(-4000)}\n`)
  );
  return { proc, url: `http://127.0.0.1:${port}` };
}
