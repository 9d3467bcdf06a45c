// `npm run simulator -- <serve|backfill> [options]`: the datacenter exporter and its history writer.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { parseDuration } from '../engine/duration';
import { createBlocks, writeOpenMetrics } from './backfill';
import { buildDatacenter } from './model';
import {
  DEMO_INCIDENTS,
  isResolvedScenario,
  resolveScenario,
  ResolvedScenario,
  ScenarioError,
  scenarioFromResolved,
  scenarioToJson,
} from './scenario';
import { startSimulatorServer } from './server';

const USAGE = `usage:
  simulator serve    [--scenario file] [--demo] [--seed n] [--host 127.0.0.1] [--port 9100]
  simulator backfill --out history.om [--scenario file] [--demo] [--seed n] [--weeks 2] [--step 5m]
                     [--families a,b] [--job simulator] [--data-dir prometheus-data] [--write-scenario resolved.json]
                     [--keep-existing]

--scenario  YAML/JSON scenario (see simulator/scenario.example.yaml), or the resolved JSON that
            'backfill --write-scenario' saved, so that live values continue the backfilled history.
--keep-existing  do nothing when --out and --write-scenario already exist (a restarted demo keeps its history).
--job       the job label of the backfilled series: the job_name Prometheus scrapes the simulator under.
--demo      add the demo incidents (idle zombies, a runaway job, a cooling failure) to the scenario.`;

function loadScenario(values: { scenario?: string; demo?: boolean; seed?: string }, now: number): ResolvedScenario {
  let raw: Record<string, unknown> = {};
  if (values.scenario) {
    raw = parseYaml(readFileSync(values.scenario, 'utf8')) ?? {};
    if (isResolvedScenario(raw)) {
      return scenarioFromResolved(raw as unknown as Parameters<typeof scenarioFromResolved>[0]);
    }
  }
  if (values.seed !== undefined) {
    raw.seed = Number(values.seed);
  }
  if (values.demo) {
    raw.incidents = [...((raw.incidents as unknown[]) ?? []), ...(DEMO_INCIDENTS ?? [])];
  }
  return resolveScenario(raw, now);
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      scenario: { type: 'string' },
      demo: { type: 'boolean' },
      seed: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '9100' },
      out: { type: 'string' },
      weeks: { type: 'string', default: '2' },
      step: { type: 'string', default: '5m' },
      families: { type: 'string' },
      job: { type: 'string', default: 'simulator' },
      'data-dir': { type: 'string' },
      'write-scenario': { type: 'string' },
      'keep-existing': { type: 'boolean' },
    },
  });
  const now = Date.now();
  if (command === 'serve') {
    const dc = buildDatacenter(loadScenario(values, now));
    const s = await startSimulatorServer(dc, { host: values.host, port: Number(values.port) });
    process.stdout.write(
      `simulator: ${dc.hosts.length} hosts in ${dc.racks.length} racks, ${dc.scenario.incidents.length} incidents; /metrics on http://${values.host}:${s.port}\n`
    );
    const stop = () => s.close().then(() => process.exit(0));
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    return new Promise<number>(() => undefined);
  }
  if (command === 'backfill') {
    if (!values.out) {
      throw new ScenarioError('backfill needs --out <file.om>');
    }
    if (
      values['keep-existing'] &&
      existsSync(values.out) &&
      (!values['write-scenario'] || existsSync(values['write-scenario']))
    ) {
      process.stdout.write(`backfill: ${values.out} exists; kept (--keep-existing)\n`);
      return 0;
    }
    const stepMs = parseDuration(values.step ?? '');
    const weeks = Number(values.weeks);
    if (!stepMs || !(weeks > 0)) {
      throw new ScenarioError(`bad --step "${values.step}" or --weeks "${values.weeks}"`);
    }
    const scenario = loadScenario(values, now);
    const dc = buildDatacenter(scenario);
    const end = Math.floor(now / stepMs) * stepMs - stepMs;
    const start = Math.max(scenario.origin, end - Math.round(weeks * 7 * 86_400_000));
    mkdirSync(dirname(values.out), { recursive: true });
    const summary = writeOpenMetrics(dc, values.out, {
      start,
      end,
      stepMs,
      families: values.families?.split(','),
      targetLabels: { job: values.job ?? 'simulator' },
    });
    process.stdout.write(
      `backfill: ${summary.series} series, ${summary.samples} samples, ${(summary.bytes / 1e6).toFixed(1)} MB → ${values.out}\n`
    );
    if (values['write-scenario']) {
      writeFileSync(values['write-scenario'], scenarioToJson(scenario));
    }
    if (values['data-dir']) {
      mkdirSync(values['data-dir'], { recursive: true });
      await createBlocks(values.out, values['data-dir']);
      process.stdout.write(`backfill: blocks written to ${values['data-dir']}\n`);
    }
    return 0;
  }
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: Error) => {
    process.stderr.write(`simulator: ${e.message}\n`);
    process.exit(1);
  }
);
