// `npm run bench:load`: the engine under load on loopback. Two weeks of the demo datacenter are backfilled into a
// real Prometheus (Debian's binary), the engine runs in its own process on the example config's targets (53 series,
// update every 10 s so caches are invalidated during the load), and Prometheus scrapes it every 5 s with a bearer
// token. Per phase, 50 closed-loop clients hit one endpoint for 30 s while a separate client probes /healthz every
// 100 ms; failed scrapes are read back from Prometheus' own `up` and scrape_duration_seconds samples.
//
//   node --import tsx bench/engineLoad.ts [--duration 30] [--clients 50] [--endpoints trends,consumption,metrics]
//                                         [--engine-repo <checkout>]   (another checkout, e.g. before a change)
//                                         [--out bench/results/engineLoad.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse, stringify } from 'yaml';
import { expandEnv } from '../engine/config';
import {
  freePort,
  getJson,
  processGroup,
  REPO,
  runSimulatorCli,
  startPrometheus,
  startTs,
  tempDir,
  waitFor,
} from '../integration/harness';
import { LoadResult, runClosedLoop } from './load/closedLoop';
import { ProbeResult, startHealthProbe } from './load/healthProbe';

const ENDPOINTS: Record<string, string> = {
  trends: '/api/ai/insights/trends',
  metrics: '/metrics',
  consumption: '/api/ai/predict/consumption',
  costs: '/api/ai/predict/costs',
  optimization: '/api/ai/insights/optimization',
};
const SCRAPE_INTERVAL_S = 5;
const TOKEN = 'bench-load-token';

interface Phase {
  endpoint: string;
  load: LoadResult;
  healthz: ProbeResult;
  scrapes: { ok: number; failed: number; maxDurationS: number };
}

type Samples = { data: { result: Array<{ values: Array<[number, string]> }> } };

/** Raw samples of an engine-job series between two times, from Prometheus' range-vector selector. */
async function rawSamples(prometheusUrl: string, metric: string, fromS: number, toS: number): Promise<number[]> {
  const query = `${metric}{job="ecoti-engine"}[${Math.ceil(toS - fromS)}s]`;
  const r = await getJson<Samples>(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(query)}&time=${toS}`);
  return (r.data.result[0]?.values ?? []).filter(([t]) => t >= fromS && t <= toS).map(([, v]) => Number(v));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '30' },
      clients: { type: 'string', default: '50' },
      endpoints: { type: 'string', default: 'trends,consumption,metrics' },
      'engine-repo': { type: 'string', default: REPO },
      out: { type: 'string', default: join(__dirname, 'results', 'engineLoad.json') },
    },
  });
  const durationMs = Number(values.duration) * 1000;
  const clients = Number(values.clients);
  const engineRepo = resolve(values['engine-repo'] as string);
  const endpoints = (values.endpoints as string).split(',');
  const dir = tempDir('load');
  const procs = processGroup(dir);
  process.on('SIGINT', () => void procs.stopAll().then(() => process.exit(130)));
  try {
    console.log('backfilling two weeks of the demo datacenter …');
    await runSimulatorCli([
      'backfill',
      '--demo',
      '--weeks',
      '2',
      '--step',
      '5m',
      '--out',
      join(dir, 'history.om'),
      '--data-dir',
      join(dir, 'prometheus'),
    ]);
    const enginePort = await freePort();
    const engineUrl = `http://127.0.0.1:${enginePort}`;
    writeFileSync(join(dir, 'token'), `${TOKEN}\n`);
    const promConfig = {
      global: { scrape_interval: `${SCRAPE_INTERVAL_S}s`, scrape_timeout: `${SCRAPE_INTERVAL_S}s` },
      scrape_configs: [
        {
          job_name: 'ecoti-engine',
          honor_labels: true,
          authorization: { credentials_file: join(dir, 'token') },
          static_configs: [{ targets: [`127.0.0.1:${enginePort}`] }],
        },
      ],
    };
    writeFileSync(join(dir, 'prometheus.yml'), stringify(promConfig));
    const prometheus = await startPrometheus(join(dir, 'prometheus.yml'), join(dir, 'prometheus'), await freePort());
    procs.add(prometheus);

    // The example config's targets and recommendations, updated every 10 s, with a bearer token; the engine's own
    // example, so an older checkout is not handed keys its schema does not know (thresholdFrom, discovery, grafana).
    const example = parse(expandEnv(readFileSync(join(engineRepo, 'engine/config.example.yaml'), 'utf8'), {}));
    const engineConfig = {
      ...example,
      prometheus: { url: prometheus.url, timeout: '10s', retries: 1 },
      listen: { host: '127.0.0.1', port: enginePort, auth: { bearerTokenFile: join(dir, 'token') } },
      stateDir: join(dir, 'state'),
      schedule: { ...example.schedule, update: '10s' },
    };
    writeFileSync(join(dir, 'engine.yaml'), stringify(engineConfig));
    const engine = procs.add(
      startTs('engine/main.ts', ['--config', join(dir, 'engine.yaml'), '--log-level', 'warn'], { cwd: engineRepo })
    );
    const t0 = Date.now();
    await waitFor('the engine to be ready', async () => (await fetch(`${engineUrl}/readyz`)).status === 200, 300_000);
    console.log(`engine (${engineRepo}) ready after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    await waitFor(
      'a first scrape of the engine',
      async () => (await rawSamples(prometheus.url, 'up', Date.now() / 1000 - 60, Date.now() / 1000)).includes(1),
      60_000
    );

    const phases: Phase[] = [];
    for (const name of endpoints) {
      const path = ENDPOINTS[name] ?? name;
      const fromS = Date.now() / 1000;
      const probe = startHealthProbe(`${engineUrl}/healthz`);
      const load = await runClosedLoop({
        url: `${engineUrl}${path}`,
        clients,
        durationMs,
        headers: { Authorization: `Bearer ${TOKEN}` },
      });
      const healthz = await probe.stop();
      const toS = Date.now() / 1000;
      // Let the scrape that was running at the end land before reading the samples back.
      await new Promise((r) => setTimeout(r, (SCRAPE_INTERVAL_S + 2) * 1000));
      const up = await rawSamples(prometheus.url, 'up', fromS, toS);
      const durations = await rawSamples(prometheus.url, 'scrape_duration_seconds', fromS, toS);
      const scrapes = {
        ok: up.filter((v) => v === 1).length,
        failed: up.filter((v) => v !== 1).length,
        maxDurationS: Math.max(...durations),
      };
      phases.push({ endpoint: path, load, healthz, scrapes });
      console.log(`${path}: ${JSON.stringify({ load, healthz, scrapes })}`);
    }
    const crashed = engine.child.exitCode !== null;

    const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(x < 10 ? 1 : 0)} ms` : '—');
    console.log(`\n${clients} clients × ${durationMs / 1000} s per endpoint; engine ${crashed ? 'EXITED' : 'alive'}`);
    console.log(
      '| endpoint | req/s | latency p50 / p99 | failed | /healthz p50 / p99 / max | scrapes ok / failed | longest scrape |'
    );
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const p of phases) {
      console.log(
        `| \`${p.endpoint}\` | ${p.load.perSecond.toFixed(0)} | ${ms(p.load.latencyMs.p50)} / ${ms(p.load.latencyMs.p99)} | ${p.load.failures} | ${ms(p.healthz.latencyMs.p50)} / ${ms(p.healthz.latencyMs.p99)} / ${ms(p.healthz.latencyMs.max)}${p.healthz.failures ? ` (${p.healthz.failures} failed)` : ''} | ${p.scrapes.ok} / ${p.scrapes.failed} | ${(p.scrapes.maxDurationS * 1000).toFixed(0)} ms |`
      );
    }
    const out = resolve(values.out as string);
    writeFileSync(
      out,
      `${JSON.stringify({ measuredAt: new Date().toISOString(), engine: engineRepo === REPO ? 'this checkout' : engineRepo, clients, durationMs, crashed, phases }, null, 2)}\n`
    );
    console.log(`\nwrote ${out}`);
  } finally {
    await procs.stopAll();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
