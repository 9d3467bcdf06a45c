// A real Prometheus (Debian's package) on loopback for the data source's integration tests, with
// history backfilled through `promtool tsdb create-blocks-from openmetrics`; process handling is
// the integration harness's.
import { execFile } from 'child_process';
import fs from 'fs';
import path from 'path';
import { promisify } from 'util';
import { freePort, PROMTOOL_BIN, removeDir, startPrometheus as startProcess, tempDir } from '../harness';

const run = promisify(execFile);

export interface PrometheusServer {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Writes OpenMetrics text and turns it into TSDB blocks in `dataDir`. */
export async function backfill(openMetrics: string, dataDir: string): Promise<void> {
  const file = path.join(dataDir, '..', `backfill-${process.pid}-${Date.now()}.om`);
  fs.writeFileSync(file, openMetrics.endsWith('# EOF\n') ? openMetrics : `${openMetrics}# EOF\n`);
  try {
    await run(PROMTOOL_BIN, ['tsdb', 'create-blocks-from', 'openmetrics', file, dataDir], { timeout: 120_000 });
  } finally {
    fs.rmSync(file, { force: true });
  }
}

export async function startPrometheus(
  options: { openMetrics?: string; config?: string; args?: string[] } = {}
): Promise<PrometheusServer> {
  const root = tempDir('prom');
  const dataDir = path.join(root, 'data');
  fs.mkdirSync(dataDir);
  try {
    if (options.openMetrics) {
      await backfill(options.openMetrics, dataDir);
    }
    const configFile = path.join(root, 'prometheus.yml');
    fs.writeFileSync(configFile, options.config ?? 'global:\n  scrape_interval: 15s\n');
    const prom = await startProcess(configFile, dataDir, await freePort(), options.args);
    return {
      url: prom.url,
      dataDir,
      stop: async () => {
        await prom.stop();
        removeDir(root);
      },
    };
  } catch (e) {
    removeDir(root);
    throw e;
  }
}
