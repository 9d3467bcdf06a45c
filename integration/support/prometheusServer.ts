// Starts a real Prometheus (Debian's package) on loopback for integration tests: optionally with
// history backfilled through `promtool tsdb create-blocks-from openmetrics`, on a free port, in a
// temporary directory that is removed afterwards.
import { ChildProcess, execFile, spawn } from 'child_process';
import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';
import { promisify } from 'util';
import { getStatus } from './httpJson';

const run = promisify(execFile);

export interface PrometheusServer {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Writes OpenMetrics text and turns it into TSDB blocks in `dataDir`. */
export async function backfill(openMetrics: string, dataDir: string): Promise<void> {
  const file = path.join(dataDir, '..', `backfill-${process.pid}-${Date.now()}.om`);
  fs.writeFileSync(file, openMetrics.endsWith('# EOF\n') ? openMetrics : `${openMetrics}# EOF\n`);
  try {
    await run('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', file, dataDir], { timeout: 120_000 });
  } finally {
    fs.rmSync(file, { force: true });
  }
}

export async function startPrometheus(
  options: { openMetrics?: string; config?: string } = {}
): Promise<PrometheusServer> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ecoti-prom-'));
  const dataDir = path.join(root, 'data');
  fs.mkdirSync(dataDir);
  if (options.openMetrics) {
    await backfill(options.openMetrics, dataDir);
  }
  const configFile = path.join(root, 'prometheus.yml');
  fs.writeFileSync(configFile, options.config ?? 'global:\n  scrape_interval: 15s\n');
  const port = await freePort();
  const proc: ChildProcess = spawn(
    'prometheus',
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${dataDir}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--storage.tsdb.retention.time=90d',
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] }
  );
  let stderr = '';
  proc.stderr?.on('data', (d) => (stderr += d));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (proc.exitCode === null) {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
    }
    fs.rmSync(root, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) {
      throw new Error(`prometheus exited with ${proc.exitCode}: ${stderr.slice(-2000)}`);
    }
    try {
      if ((await getStatus(`${url}/-/ready`)) === 200) {
        return { url, dataDir, stop };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`prometheus did not become ready in 30 s: ${stderr.slice(-2000)}`);
}
