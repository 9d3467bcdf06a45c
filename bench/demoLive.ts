// `npm run bench:demo`: how many minutes the live demo takes to show a triggered incident. The compose stack on
// loopback with its real parts (no Docker): the simulator-history service's arguments (history shortened to
// --days, 15 by default: the engine's 14-day window) through promtool into Debian's Prometheus, `simulator serve`
// continuing the resolved scenario, Prometheus scraping simulator and engine every 15 s with the repo's
// prometheus.yml and rules (targets rewritten to loopback), and the engine on engine/config.example.yaml as shipped.
// Once the engine's forecasts are in Prometheus it triggers a cooling failure on one rack and a runaway job on
// another with the simulator CLI, then polls Prometheus every 15 s for `--minutes` and records, from the trigger:
// datacenter_incident_active, the first ecoti_anomaly_score above the alert level 0.6 per target, the rack's time
// to capacity, and the shipped alert rules' pending/firing. At the end it runs the ML core's detectAnomalies (what
// the data source's anomaly annotations and regions run at query time) over the incident series. Prints a table
// and writes bench/results/demoLive.json. Run it under `nice`: it takes the start-up plus `--minutes`.
// Over 300 lines on purpose: one experiment read top to bottom (start, trigger, poll, report); what it shares with
// the tests and the other benches (process starts, the simulator CLI, Prometheus) already lives in integration/harness.ts.
//
//   node --import tsx bench/demoLive.ts [--days 15] [--minutes 25] [--out bench/results/demoLive.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse, stringify } from 'yaml';
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
import { AnomalyRegion, detectAnomalies } from '../src/ml';
import { scheduledBetween } from '../simulator/incidents';
import { buildDatacenter } from '../simulator/model';
import { scenarioFromJson } from '../simulator/scenarioJson';

const ALERT_LEVEL = 0.6;
const DAY_S = 86_400;
const POLL_MS = 15_000;
const SITE_TZ = 'America/Sao_Paulo';

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}
interface Alert {
  labels: Record<string, string>;
  state: 'pending' | 'firing';
  activeAt: string;
  value: string;
}

async function instant(prom: string, query: string): Promise<Sample[]> {
  const r = await getJson<{ status: string; data: { result: Sample[] }; error?: string }>(
    `${prom}/api/v1/query?${new URLSearchParams({ query })}`
  );
  if (r.status !== 'success') {
    throw new Error(`${query}: ${r.error}`);
  }
  return r.data.result;
}

async function range(prom: string, query: string, from: number, to: number, stepS: number) {
  const q = new URLSearchParams({ query, start: String(from / 1000), end: String(to / 1000), step: String(stepS) });
  const r = await getJson<{
    data: { result: Array<{ metric: Record<string, string>; values: Array<[number, string]> }> };
  }>(`${prom}/api/v1/query_range?${q}`);
  return r.data.result;
}

/** A sample's value as Prometheus writes it ("+Inf" included, which Number() reads as NaN). */
function promValue(text: string | undefined): number {
  return text === '+Inf' ? Infinity : text === '-Inf' ? -Infinity : Number(text);
}

const minutesSince = (t0: number, t: number) => Math.round(((t - t0) / 60_000) * 100) / 100;
const siteTime = (t: number) =>
  new Date(t).toLocaleString('sv-SE', { timeZone: SITE_TZ, hour12: false }).slice(0, 16) + ' (São Paulo)';

/** Records the first poll at which each named condition held, in minutes from the incident's start. */
class FirstSeen {
  readonly at: Record<string, number> = {};
  mark(name: string, held: boolean, minutes: number): void {
    if (held && this.at[name] === undefined) {
      this.at[name] = minutes;
    }
  }
}

/** An incident followed by the run: where it is and when it started. */
interface Watch {
  name: string;
  kind: 'cooling_failure' | 'runaway_job';
  trigger: 'api' | 'schedule';
  rack: string;
  host?: string;
  start: number;
}

/** The simulator CLI, as a presenter types it: `npm run simulator -- incident ...`; returns its one-line answer. */
async function triggerIncident(simulatorUrl: string, args: string[]): Promise<string> {
  const p = startTs('simulator/cli.ts', ['incident', ...args, '--url', simulatorUrl]);
  if ((await p.exited) !== 0) {
    throw new Error(`simulator incident ${args.join(' ')}: ${p.output()}`);
  }
  return p.output().trim();
}

function regionsJson(regions: AnomalyRegion[], t0: number) {
  return regions.map((r) => ({
    startMinFromTrigger: minutesSince(t0, r.start),
    endMinFromTrigger: minutesSince(t0, r.end),
    score: Math.round(r.score * 1000) / 1000,
    expected: Math.round(r.expected),
    actual: Math.round(r.actual),
    reason: r.reason,
  }));
}

async function main() {
  const { values } = parseArgs({
    options: {
      days: { type: 'string', default: '15' },
      minutes: { type: 'string', default: '25' },
      // Default: the first racks clear of the demo's hourly incidents over the run.
      'cooling-rack': { type: 'string' },
      'runaway-rack': { type: 'string' },
      out: { type: 'string', default: join(__dirname, 'results', 'demoLive.json') },
    },
  });
  const dir = tempDir('bench-demo');
  const procs = processGroup(dir);
  const startedAt = Date.now();
  const phases: Record<string, number> = {};
  const phase = (name: string, since: number) => (phases[name] = Math.round((Date.now() - since) / 100) / 10);
  try {
    // 1. simulator-history and prometheus-backfill: compose's arguments, the history shortened to --days.
    const compose = parse(readFileSync(join(REPO, 'docker-compose.yaml'), 'utf8'));
    const args: string[] = compose.services['simulator-history'].command.filter((a: string) => a !== '--keep-existing');
    args[args.indexOf('--days') + 1] = values.days;
    args[args.indexOf('--recent') + 1] = `${values.days}d`;
    args[args.indexOf('--out') + 1] = join(dir, 'history.om');
    args[args.indexOf('--write-scenario') + 1] = join(dir, 'scenario.json');
    let t = Date.now();
    await runSimulatorCli([...args, '--data-dir', join(dir, 'prometheus')]);
    phase('backfillAndPromtoolS', t);

    // 2. simulator serve, continuing the resolved scenario, with its incident log.
    const [simPort, promPort, enginePort] = [await freePort(), await freePort(), await freePort()];
    t = Date.now();
    const simulatorUrl = `http://127.0.0.1:${simPort}`;
    const sim = procs.add(
      startTs('simulator/cli.ts', [
        'serve',
        '--scenario',
        join(dir, 'scenario.json'),
        '--host',
        '127.0.0.1',
        '--port',
        String(simPort),
        '--incident-log',
        join(dir, 'incidents.jsonl'),
      ])
    );
    await waitFor(
      'the simulator to listen',
      async () => {
        if (sim.child.exitCode !== null) {
          throw new Error(`simulator exited: ${sim.output()}`);
        }
        return (await fetch(`${simulatorUrl}/metrics`)).ok;
      },
      120_000,
      500
    );
    phase('simulatorStartS', t);

    // 3. Prometheus with the repo's prometheus.yml (15 s scrapes and rule evaluation) and rules, on loopback.
    const promYml = readFileSync(join(REPO, 'prometheus/prometheus.yml'), 'utf8')
      .replace('simulator:9100', `127.0.0.1:${simPort}`)
      .replace('engine:9464', `127.0.0.1:${enginePort}`)
      .replace('localhost:9090', `127.0.0.1:${promPort}`)
      .replace('/etc/prometheus/rules/', `${join(REPO, 'prometheus/rules')}/`);
    writeFileSync(join(dir, 'prometheus.yml'), promYml);
    const prometheus = procs.add(await startPrometheus(join(dir, 'prometheus.yml'), join(dir, 'prometheus'), promPort));
    const prom = prometheus.url;

    // 4. The engine on the shipped config; only where it listens, keeps state and finds Prometheus differ.
    const shipped = parse(readFileSync(join(REPO, 'engine/config.example.yaml'), 'utf8'));
    const engineConfig = {
      ...shipped,
      prometheus: { ...shipped.prometheus, url: prom },
      listen: { ...shipped.listen, host: '127.0.0.1', port: enginePort },
      stateDir: join(dir, 'engine-state'),
    };
    writeFileSync(join(dir, 'engine.yaml'), stringify(engineConfig));
    t = Date.now();
    const engine = procs.add(startTs('engine/main.ts', ['--config', join(dir, 'engine.yaml'), '--log-level', 'warn']));
    const racks = ['rack-a', 'rack-b', 'rack-c', 'rack-d'];
    await waitFor(
      'the engine’s forecasts and scores in Prometheus',
      async () => {
        if (engine.child.exitCode !== null) {
          throw new Error(`engine exited: ${engine.output()}`);
        }
        const ttt = await instant(prom, 'ecoti_time_to_threshold_seconds{target="rack_power", bound="mean"}');
        const scores = await instant(prom, 'count by (target) (ecoti_anomaly_score)');
        return ttt.length >= racks.length && scores.length >= 4;
      },
      40 * 60_000,
      5000
    );
    phase('engineToForecastsInPrometheusS', t);
    phases.stackStartToForecastsS = Math.round((Date.now() - startedAt) / 100) / 10;

    // 5. Racks clear of the demo's own hourly incidents (and of a cooling failure's hour-long tail) over the run.
    const dc = buildDatacenter(scenarioFromJson(readFileSync(join(dir, 'scenario.json'), 'utf8')));
    const rackOf = (h: string) => dc.hosts.find((x) => x.name === h)?.rack ?? '';
    const capMs = Number(values.minutes) * 60_000;
    const now = Date.now();
    const scheduled = scheduledBetween(dc, now - 3_600_000, now + capMs + 60_000);
    const busy = new Set(scheduled.map((i) => (i.kind === 'cooling_failure' ? i.rack : rackOf(i.host))));
    const free = racks.filter((r) => !busy.has(r));
    const coolingRack = values['cooling-rack'] ?? free[0] ?? racks[0];
    const runawayRack =
      values['runaway-rack'] ?? free.find((r) => r !== coolingRack) ?? racks.find((r) => r !== coolingRack)!;
    const byRack = async (query: string) =>
      Object.fromEntries((await instant(prom, query)).map((x) => [x.metric.rack, promValue(x.value[1])]));
    const rackPowerQuery = 'sum by (rack) (raritan_pdu_activepower_watt)';
    const powerBefore = await byRack(rackPowerQuery);

    const t0 = Date.now();
    const coolingReply = await triggerIncident(simulatorUrl, [
      '--rack',
      coolingRack,
      '--kind',
      'cooling',
      '--for',
      '30m',
    ]);
    const runawayReply = await triggerIncident(simulatorUrl, [
      '--rack',
      runawayRack,
      '--kind',
      'runaway',
      '--for',
      '30m',
    ]);
    const host = /host (\S+)/.exec(runawayReply)?.[1];
    if (!host) {
      throw new Error(`no host in the simulator's answer: ${runawayReply}`);
    }
    process.stdout.write(`triggered at ${new Date(t0).toISOString()}: ${coolingReply}; ${runawayReply}\n`);

    // The triggered incidents, and the demo's scheduled ones in the run (a presenter sees those too), each timed
    // from its own start.
    const watches: Watch[] = [
      {
        name: `triggered cooling_failure ${coolingRack}`,
        kind: 'cooling_failure',
        trigger: 'api',
        rack: coolingRack,
        start: t0,
      },
      {
        name: `triggered runaway_job ${host}`,
        kind: 'runaway_job',
        trigger: 'api',
        rack: runawayRack,
        host,
        start: t0,
      },
      ...scheduled
        .filter((i) => i.kind !== 'idle_zombie')
        .map((i): Watch => {
          const where = i.kind === 'cooling_failure' ? { rack: i.rack } : { rack: rackOf(i.host), host: i.host };
          return {
            name: `scheduled ${i.kind} ${where.host ?? where.rack}`,
            kind: i.kind,
            trigger: 'schedule',
            start: i.start,
            ...where,
          };
        }),
    ];
    const seen = new Map(watches.map((w) => [w.name, new FirstSeen()]));
    const maxScore = new Map(watches.map((w) => [w.name, {} as Record<string, number>]));
    const crossing: Record<string, Record<string, unknown>> = {};

    // 6. Poll at Prometheus' scrape and evaluation interval.
    const trace: Array<Record<string, unknown>> = [];
    while (Date.now() - t0 < capMs) {
      await new Promise((r) => setTimeout(r, POLL_MS));
      const nowMs = Date.now();
      const active = await instant(prom, 'datacenter_incident_active');
      const scores = await instant(prom, 'ecoti_anomaly_score');
      const ttt = await byRack('ecoti_time_to_threshold_seconds{target="rack_power", bound="mean"}');
      const power = await byRack(rackPowerQuery);
      const peak = await byRack('ecoti_forecast_max{target="rack_power", horizon="24h", bound="mean"}');
      const threshold = await byRack('ecoti_target_threshold{target="rack_power"}');
      const alerts = (await getJson<{ data: { alerts: Alert[] } }>(`${prom}/api/v1/alerts`)).data.alerts;
      const traceScores: Record<string, Record<string, number>> = {};
      for (const w of watches) {
        const m = minutesSince(w.start, nowMs);
        const first = seen.get(w.name)!;
        first.mark(
          'incident active',
          active.some(
            (a) =>
              a.metric.trigger === w.trigger &&
              a.metric.kind === w.kind &&
              (w.host ? a.metric.host === w.host : a.metric.rack === w.rack)
          ),
          m
        );
        // Per target, the highest score of the incident's series: the rack's (a cooling failure) or the host's and
        // its rack's power (a runaway job).
        const own = scores.filter((x) =>
          w.host
            ? x.metric.instance === w.host || (x.metric.target === 'rack_power' && x.metric.rack === w.rack)
            : x.metric.rack === w.rack
        );
        const best: Record<string, number> = {};
        for (const x of own) {
          best[x.metric.target] = Math.max(best[x.metric.target] ?? 0, promValue(x.value[1]));
        }
        const max = maxScore.get(w.name)!;
        for (const [target, v] of Object.entries(best)) {
          max[target] = Math.round(Math.max(max[target] ?? 0, v) * 1000) / 1000;
          first.mark(`ecoti_anomaly_score > ${ALERT_LEVEL} (${target})`, v > ALERT_LEVEL, m);
        }
        traceScores[w.name] = Object.fromEntries(
          Object.entries(best).map(([k, v]) => [k, Math.round(v * 1000) / 1000])
        );
        first.mark(`rack_power time to capacity < 24 h (${w.rack})`, ttt[w.rack] < DAY_S, m);
        if (ttt[w.rack] < DAY_S && !crossing[w.name]) {
          const at = nowMs + ttt[w.rack] * 1000;
          crossing[w.name] = {
            minutesFromStart: m,
            rack: w.rack,
            crossingAt: new Date(at).toISOString(),
            crossingSiteTime: siteTime(at),
            rackPowerNowW: Math.round(power[w.rack]),
            forecastMax24hW: Math.round(peak[w.rack]),
            capacityW: threshold[w.rack],
          };
        }
        for (const a of alerts) {
          const mine = w.host
            ? a.labels.instance === w.host || (a.labels.target === 'rack_power' && a.labels.rack === w.rack)
            : a.labels.rack === w.rack;
          if (mine) {
            first.mark(
              `${a.labels.alertname} ${a.state} (${a.labels.target} ${a.labels.instance ?? a.labels.rack})`,
              true,
              m
            );
          }
        }
      }
      trace.push({
        at: new Date(nowMs).toISOString(),
        minFromTrigger: minutesSince(t0, nowMs),
        rackPowerW: Object.fromEntries(Object.entries(power).map(([r, v]) => [r, Math.round(v)])),
        rackTimeToCapacityH: Object.fromEntries(
          Object.entries(ttt).map(([r, v]) => [r, Number.isFinite(v) ? Math.round((v / 3600) * 10) / 10 : String(v)])
        ),
        rackForecastMax24hW: Object.fromEntries(Object.entries(peak).map(([r, v]) => [r, Math.round(v)])),
        scores: traceScores,
        alerts: alerts.map(
          (a) =>
            `${a.labels.alertname} ${a.labels.target ?? ''} ${a.labels.instance ?? a.labels.rack ?? ''}: ${a.state}`
        ),
      });
      process.stdout.write(`${JSON.stringify(trace[trace.length - 1])}\n`);
    }

    // 7. What the data source's anomaly annotations (rack power, SRE forecasts) and regions (host power) would find:
    // the ML core's detectAnomalies over the upstream series, at the dashboards' sensitivity.
    const end = Date.now();
    const annotations: Record<string, unknown> = {};
    for (const [name, expr] of [
      [`${coolingRack} power (cooling failure)`, `sum by (rack) (raritan_pdu_activepower_watt{rack="${coolingRack}"})`],
      [`${host} power (runaway job)`, `ipmi_dcmi_power_consumption_watts{instance="${host}"}`],
      [
        `${coolingRack} inlet temperature, hottest host`,
        `max by (rack) (ipmi_temperature_celsius{name="Inlet Temp", rack="${coolingRack}"})`,
      ],
    ]) {
      for (const [window, fromMs, stepS] of [
        ['2h at 1m', end - 2 * 3_600_000, 60],
        ['2d at 5m (the SRE dashboard’s range)', end - 2 * DAY_S * 1000, 300],
      ] as const) {
        const r = await range(prom, expr, fromMs, end, stepS);
        const s = r[0]?.values ?? [];
        const series = { timestamps: s.map(([ts]) => ts * 1000), values: s.map(([, v]) => Number(v)) };
        annotations[`${name}, ${window}`] =
          s.length > 0 ? regionsJson(detectAnomalies(series, { sensitivity: 0.5 }), t0) : 'no data';
      }
    }

    const powerAtEnd = await byRack(rackPowerQuery);
    const minutesFromStart = Object.fromEntries(watches.map((w) => [w.name, seen.get(w.name)!.at]));
    const result = {
      when: new Date(t0).toISOString(),
      machine: { cpus: cpus().length, loadAverage1mAtEnd: Math.round(loadavg()[0] * 10) / 10 },
      settings: {
        historyDays: Number(values.days),
        backfill: args,
        prometheus: 'prometheus/prometheus.yml (15 s scrape and evaluation) + prometheus/rules/*.rules.yml',
        engine: 'engine/config.example.yaml (update 1m, training step 5m, window 14d)',
        pollSeconds: POLL_MS / 1000,
        minutesObserved: Number(values.minutes),
      },
      startup: phases,
      triggered: { cooling: coolingReply, runaway: runawayReply },
      incidents: watches.map((w) => ({
        ...w,
        start: new Date(w.start).toISOString(),
        startMinFromTrigger: minutesSince(t0, w.start),
      })),
      minutesFromStart,
      maxScore: Object.fromEntries(maxScore),
      rackPowerBeforeW: Object.fromEntries(Object.entries(powerBefore).map(([r, v]) => [r, Math.round(v)])),
      rackPowerAtEndW: Object.fromEntries(Object.entries(powerAtEnd).map(([r, v]) => [r, Math.round(v)])),
      timeToCapacityUnder24h: crossing,
      alertFor: {
        EcotiAnomalyScoreHigh: '10m',
        EcotiRackPowerForecastOverCapacity: '15m',
        EcotiRackPowerForecastOverCapacitySoon: '5m',
      },
      annotations,
      trace,
    };
    writeFileSync(values.out, `${JSON.stringify(result, null, 2)}\n`);

    const rows: Array<[string, string]> = [
      ['stack start → engine forecasts in Prometheus', `${(phases.stackStartToForecastsS / 60).toFixed(1)} min`],
      ...watches.flatMap((w): Array<[string, string]> => [
        [`${w.name} (start ${minutesSince(t0, w.start)} min from trigger)`, ''],
        ...Object.entries(seen.get(w.name)!.at).map(([k, v]): [string, string] => [`  ${k}`, `${v} min`]),
        ...(crossing[w.name]
          ? [[`  forecast crossing`, String(crossing[w.name].crossingSiteTime)] as [string, string]]
          : []),
      ]),
      ...racks.map((r): [string, string] => [
        `${r} power at trigger → end`,
        `${Math.round(powerBefore[r])} W → ${Math.round(powerAtEnd[r])} W`,
      ]),
    ];
    const w = Math.max(...rows.map(([k]) => k.length));
    process.stdout.write(`\n${rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n')}\nwrote ${values.out}\n`);
  } finally {
    await procs.stopAll();
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
