// `npm run simulator -- <serve|backfill|incident> [options]`: the datacenter exporter, its history writer, and
// the on-demand incident trigger.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { formatDuration, parseDuration } from '../engine/duration';
import { createBlocks, writeOpenMetrics } from './backfill';
import { describeReply, postIncident } from './incidentClient';
import { loadScenario } from './loadScenario';
import { buildDatacenter } from './model';
import { ScenarioError } from './scenario';
import { scenarioToJson } from './scenarioJson';
import { startSimulatorServer } from './server';

const DAY = 86_400_000;

const USAGE = `usage:
  simulator serve    [--scenario file] [--demo] [fleet] [--host 127.0.0.1] [--port 9100] [--incident-api on|off]
                     [--incident-log incidents.jsonl]
  simulator backfill --out history.om [--scenario file] [--demo] [fleet] [--days 14] [--step 5m]
                     [--old-step 10m --recent 15d] [--families a,b] [--job simulator] [--data-dir prometheus-data]
                     [--write-scenario resolved.json] [--keep-existing]
  simulator incident (--rack rack-b|b|r2 | --host srv-b03) --kind cooling|runaway [--for 20m] [--rise 11]
                     [--url http://127.0.0.1:9100]

fleet:      [--seed n] [--racks 4] [--hosts-per-rack 16] [--cpus-per-host 2]
--scenario  YAML/JSON scenario (see simulator/scenario.example.yaml), or the resolved JSON that
            'backfill --write-scenario' saved, so that live values continue the backfilled history.
--demo      the demo site: idle servers, an over-provisioned rack, over-cooled air, a consolidation and a
            set-point change 14 days ago, past incidents, and an incident every hour from now on.
--days      history length (or --weeks); newer than --recent is sampled every --step, older every --old-step.
--keep-existing  do nothing when --write-scenario (or, without it, --out) exists: a restarted demo keeps its history.
--job       the job label of the backfilled series: the job_name Prometheus scrapes the simulator under.
--incident-api  POST /incidents (on by default; exposed like /metrics, loopback unless --host says otherwise).
--incident-log  keeps incidents started through the API and replays them at start, so that a restarted
                simulator's counters continue instead of stepping back.`;

const OPTIONS = {
  scenario: { type: 'string' },
  demo: { type: 'boolean' },
  seed: { type: 'string' },
  racks: { type: 'string' },
  'hosts-per-rack': { type: 'string' },
  'cpus-per-host': { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string', default: '9100' },
  'incident-api': { type: 'string', default: 'on' },
  'incident-log': { type: 'string' },
  out: { type: 'string' },
  days: { type: 'string' },
  weeks: { type: 'string' },
  step: { type: 'string', default: '5m' },
  'old-step': { type: 'string' },
  recent: { type: 'string' },
  families: { type: 'string' },
  job: { type: 'string', default: 'simulator' },
  'data-dir': { type: 'string' },
  'write-scenario': { type: 'string' },
  'keep-existing': { type: 'boolean' },
  rack: { type: 'string' },
  kind: { type: 'string' },
  for: { type: 'string', default: '20m' },
  rise: { type: 'string' },
  url: { type: 'string', default: 'http://127.0.0.1:9100' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];

async function serve(values: Values): Promise<number> {
  if (!['on', 'off'].includes(values['incident-api'])) {
    throw new ScenarioError(`--incident-api is on or off, got "${values['incident-api']}"`);
  }
  const host = values.host ?? '127.0.0.1';
  const dc = buildDatacenter(loadScenario(values, Date.now()));
  const s = await startSimulatorServer(dc, {
    host,
    port: Number(values.port),
    incidentApi: values['incident-api'] === 'on',
    incidentLog: values['incident-log'],
  });
  const live = dc.hosts.filter((h) => h.poweredOffAt > Date.now()).length;
  const every = dc.scenario.recurring ? `, an incident every ${formatDuration(dc.scenario.recurring.every)}` : '';
  process.stdout.write(
    `simulator: ${live} hosts running in ${dc.racks.length} racks${every}; ` +
      `/metrics and /incidents on http://${host}:${s.port}\n`
  );
  const stop = () => s.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  return new Promise<number>(() => undefined);
}

async function backfill(values: Values): Promise<number> {
  if (!values.out) {
    throw new ScenarioError('backfill needs --out <file.om>');
  }
  // The resolved scenario is written last, so it marks a complete history (whose .om file may since have been
  // turned into blocks and removed).
  const marker = values['write-scenario'] ?? values.out;
  if (values['keep-existing'] && existsSync(marker)) {
    process.stdout.write(`backfill: ${marker} exists; history kept (--keep-existing)\n`);
    return 0;
  }
  const stepMs = parseDuration(values.step);
  const days = values.days !== undefined ? Number(values.days) : Number(values.weeks ?? '2') * 7;
  if (!stepMs || !(days > 0)) {
    throw new ScenarioError(`bad --step "${values.step}" or --days/--weeks "${values.days ?? values.weeks}"`);
  }
  const oldStepMs = values['old-step'] === undefined ? undefined : parseDuration(values['old-step']);
  const recentMs = values.recent === undefined ? undefined : parseDuration(values.recent);
  if ((oldStepMs === undefined) !== (recentMs === undefined) || oldStepMs === 0 || recentMs === 0) {
    throw new ScenarioError('--old-step and --recent go together (e.g. --old-step 10m --recent 15d)');
  }
  const now = Date.now();
  const scenario = loadScenario(values, now, days);
  const dc = buildDatacenter(scenario);
  // Up to now itself: Prometheus' rate() over 10 minutes bridges the gap to the first live scrape only if the
  // gap (promtool and start-up) stays under 10 minutes.
  const end = Math.floor(now / 1000) * 1000;
  const start = end - Math.round(days * DAY);
  if (start < scenario.origin) {
    throw new ScenarioError(
      `--days ${days} reaches before the scenario's origin (${new Date(scenario.origin).toISOString()}): ` +
        'raise its historyWeeks'
    );
  }
  mkdirSync(dirname(values.out), { recursive: true });
  const started = performance.now();
  const summary = writeOpenMetrics(dc, values.out, {
    start,
    end,
    stepMs,
    coarse: oldStepMs && recentMs ? { stepMs: oldStepMs, until: end - recentMs } : undefined,
    families: values.families?.split(','),
    targetLabels: { job: values.job },
  });
  process.stdout.write(
    `backfill: ${dc.hosts.length} hosts, ${summary.series} series, ${summary.samples} samples, ` +
      `${(summary.bytes / 1e6).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s → ${values.out}\n`
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

async function incident(values: Values): Promise<number> {
  if (!values.kind) {
    throw new ScenarioError('incident needs --kind cooling|runaway');
  }
  const reply = await postIncident(values.url, {
    kind: values.kind,
    rack: values.rack,
    host: values.host,
    duration: values.for,
    inletRiseCelsius: values.rise === undefined ? undefined : Number(values.rise),
  });
  process.stdout.write(`incident: ${describeReply(reply)}\n`);
  return reply.status === 201 ? 0 : 1;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({ args: rest, options: OPTIONS });
  // A Map: `simulator toString` must get the usage, not Object.prototype.toString.
  const commands = new Map<string, (v: Values) => Promise<number>>([
    ['serve', serve],
    ['backfill', backfill],
    ['incident', incident],
  ]);
  const run = commands.get(command);
  if (!run) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  return run(values);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: Error) => {
    process.stderr.write(`simulator: ${e.message}\n`);
    process.exit(1);
  }
);
