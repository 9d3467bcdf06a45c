// `npm run bench:simulator`: what the demo simulator costs. The exporter's start-up (counters integrated from the
// origin), its scrapes over loopback (server time, body size) for the demo fleet, and the compose stack's history:
// the simulator-history service's own arguments, then promtool as prometheus-backfill runs it. Prints a table and
// writes bench/results/simulatorDemo.json.
//
//   node --import tsx bench/simulatorDemo.ts [--scrapes 200] [--skip-backfill] [--out bench/results/simulatorDemo.json]
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { PROMTOOL_BIN, REPO, removeDir, start, tempDir } from '../integration/harness';
import { createBlocks } from '../simulator/backfill';
import { demoScenario } from '../simulator/demoScenario';
import { buildDatacenter, poweredOn } from '../simulator/model';
import { resolveScenario } from '../simulator/scenario';
import { startSimulatorServer } from '../simulator/server';

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
}

function dirBytes(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((sum, e) => sum + statSync(join(e.parentPath, e.name)).size, 0);
}

async function main() {
  const { values } = parseArgs({
    options: {
      scrapes: { type: 'string', default: '200' },
      'skip-backfill': { type: 'boolean' },
      out: { type: 'string', default: join(__dirname, 'results', 'simulatorDemo.json') },
    },
  });
  const rows: Array<[string, string]> = [];
  const now = Date.now();
  const dc = buildDatacenter(resolveScenario(demoScenario(), now));
  rows.push([
    'fleet',
    `${dc.hosts.length} servers in ${dc.racks.length} racks, ${dc.hosts.filter((h) => poweredOn(h, now)).length} running`,
  ]);

  let t = performance.now();
  const sim = await startSimulatorServer(dc, { port: 0 });
  rows.push(['start-up (counters from the origin, 7 weeks)', `${((performance.now() - t) / 1000).toFixed(1)} s`]);
  const times: number[] = [];
  let bytes = 0;
  let lines = 0;
  for (let i = 0; i < Number(values.scrapes); i++) {
    t = performance.now();
    const body = await (await fetch(`http://127.0.0.1:${sim.port}/metrics`)).text();
    times.push(performance.now() - t);
    bytes = Buffer.byteLength(body);
    lines = body.split('\n').filter((l) => l && !l.startsWith('#')).length;
  }
  await sim.close();
  rows.push([
    'scrape over loopback, p50 / p99',
    `${percentile(times, 0.5).toFixed(1)} ms / ${percentile(times, 0.99).toFixed(1)} ms`,
  ]);
  rows.push(['scrape body', `${(bytes / 1024).toFixed(0)} KiB, ${lines} samples`]);

  if (!values['skip-backfill']) {
    const dir = tempDir('bench-simulator');
    try {
      const compose = parse(readFileSync(join(REPO, 'docker-compose.yaml'), 'utf8'));
      const args: string[] = compose.services['simulator-history'].command.filter(
        (a: string) => a !== '--keep-existing'
      );
      args[args.indexOf('--out') + 1] = join(dir, 'history.om');
      args[args.indexOf('--write-scenario') + 1] = join(dir, 'scenario.json');
      t = performance.now();
      const p = start(process.execPath, ['--import', 'tsx', 'simulator/cli.ts', ...args]);
      if ((await p.exited) !== 0) {
        throw new Error(p.output());
      }
      rows.push([
        'backfill (compose arguments)',
        `${((performance.now() - t) / 1000).toFixed(1)} s: ${p
          .output()
          .trim()
          .replace(/^backfill: /, '')
          .replace(/ → .*$/, '')}`,
      ]);
      t = performance.now();
      await createBlocks(join(dir, 'history.om'), join(dir, 'prometheus'), PROMTOOL_BIN);
      rows.push([
        'promtool create-blocks (week-long blocks)',
        `${((performance.now() - t) / 1000).toFixed(1)} s, ${(dirBytes(join(dir, 'prometheus')) / 1e6).toFixed(0)} MB of blocks`,
      ]);
    } finally {
      removeDir(dir);
    }
  }
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n'));
  writeFileSync(
    values.out!,
    JSON.stringify({ date: new Date().toISOString(), rows: Object.fromEntries(rows) }, null, 2)
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
