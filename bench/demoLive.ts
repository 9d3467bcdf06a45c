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

const minutesSince = (t0: number, t: number) => Math.round(((t - t0) / 60_000) * 100) / 100;
const siteTime = (t: number) =>
  new Date(t).toLocaleString('sv-SE', { timeZone: SITE_TZ, hour12: false }).slice(0, 16) + ' (São Paulo)';

/** Records the first poll at which each named condition held, in minutes from the trigger. */
class FirstSeen {
  readonly at: Record<string, number> = {};
  mark(name: string, held: boolean, minutes: number): void {
    if (held && this.at[name] === undefined) {
      this.at[name] = minutes;
    }
  }
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
    const capMs = Number(values.minutes) * 60_000;
    const now = Date.now();
    const scheduled = scheduledBetween(dc, now - 3_600_000, now + capMs + 60_000);
    const busy = new Set(
      scheduled.map((i) => (i.kind === 'cooling_failure' ? i.rack : dc.hosts.find((h) => h.name === i.host)?.rack))
    );
    const free = racks.filter((r) => !busy.has(r));
    // The busiest rack first (rack-a: the one whose cooling failure can push its forecast over capacity).
    const coolingRack = free[0] ?? racks[0];
    const runawayRack = free.find((r) => r !== coolingRack) ?? racks.find((r) => r !== coolingRack)!;
    const before = await instant(prom, `sum by (rack) (raritan_pdu_activepower_watt{rack="${coolingRack}"})`);
    const powerBefore = Number(before[0]?.value[1]);

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

    // 6. Poll as Prometheus' scrape and evaluation interval.
    const seen = new FirstSeen();
    const trace: Array<Record<string, unknown>> = [];
    let crossing: Record<string, unknown> | undefined;
    const maxScore: Record<string, number> = {};
    const alertStates: Record<string, { pending?: number; firing?: number; activeAt?: string }> = {};
    while (Date.now() - t0 < capMs) {
      await new Promise((r) => setTimeout(r, POLL_MS));
      const m = minutesSince(t0, Date.now());
      const active = await instant(prom, 'datacenter_incident_active{trigger="api"}');
      seen.mark(
        'incidentActiveCooling',
        active.some((s) => s.metric.kind === 'cooling_failure' && s.metric.rack === coolingRack),
        m
      );
      seen.mark(
        'incidentActiveRunaway',
        active.some((s) => s.metric.kind === 'runaway_job' && s.metric.host === host),
        m
      );

      const scores = await instant(
        prom,
        `ecoti_anomaly_score{rack="${coolingRack}"} or ecoti_anomaly_score{instance="${host}"} or ecoti_anomaly_score{target="rack_power", rack="${runawayRack}"}`
      );
      // Per incident and target, the highest score now (the cooling rack's hosts taken together).
      const pollMax: Record<string, number> = {};
      for (const s of scores) {
        const who = s.metric.rack === coolingRack && s.metric.instance !== host ? 'cooling' : 'runaway';
        const key = `${who}:${s.metric.target}`;
        pollMax[key] = Math.max(pollMax[key] ?? 0, Number(s.value[1]));
      }
      for (const [key, v] of Object.entries(pollMax)) {
        maxScore[key] = Math.max(maxScore[key] ?? 0, v);
        seen.mark(`score>0.6 ${key}`, v > ALERT_LEVEL, m);
      }

      const ttt = await instant(
        prom,
        `ecoti_time_to_threshold_seconds{target="rack_power", bound="mean", rack="${coolingRack}"}`
      );
      const tttS = Number(ttt[0]?.value[1]);
      const power = Number(
        (await instant(prom, `sum by (rack) (raritan_pdu_activepower_watt{rack="${coolingRack}"})`))[0]?.value[1]
      );
      const peak = Number(
        (
          await instant(
            prom,
            `ecoti_forecast_max{target="rack_power", horizon="24h", bound="mean", rack="${coolingRack}"}`
          )
        )[0]?.value[1]
      );
      seen.mark('rackTimeToCapacity<24h', tttS < DAY_S, m);
      if (tttS < DAY_S && !crossing) {
        const at = Date.now() + tttS * 1000;
        crossing = { minutesFromTrigger: m, crossingAt: new Date(at).toISOString(), crossingSiteTime: siteTime(at) };
      }

      const alerts = (await getJson<{ data: { alerts: Alert[] } }>(`${prom}/api/v1/alerts`)).data.alerts;
      for (const a of alerts) {
        const mine = a.labels.rack === coolingRack || a.labels.instance === host || a.labels.rack === runawayRack;
        if (!mine) {
          continue;
        }
        const key = `${a.labels.alertname} ${a.labels.target ?? ''} ${a.labels.instance ?? a.labels.rack ?? ''}`.trim();
        const st = (alertStates[key] ??= {});
        st[a.state] ??= m;
        st.activeAt ??= a.activeAt;
      }
      trace.push({
        min: m,
        rackPowerW: Math.round(power),
        rackTimeToCapacityH: Number.isFinite(tttS) ? Math.round((tttS / 3600) * 10) / 10 : String(tttS),
        rackForecastMax24hW: Math.round(peak),
        scores: Object.fromEntries(Object.entries(pollMax).map(([k, v]) => [k, Math.round(v * 1000) / 1000])),
        alerts: alerts
          .filter((a) => a.labels.rack === coolingRack || a.labels.instance === host)
          .map((a) => `${a.labels.alertname}:${a.state}`),
      });
      process.stdout.write(`${JSON.stringify(trace[trace.length - 1])}\n`);
    }

    // 7. What the data source's anomaly annotations (rack power, SRE forecasts) and regions (host power) would find.
    const end = Date.now();
    const annotations: Record<string, unknown> = {};
    for (const [name, expr] of [
      ['coolingRackPower', `sum by (rack) (raritan_pdu_activepower_watt{rack="${coolingRack}"})`],
      ['runawayHostPower', `ipmi_dcmi_power_consumption_watts{instance="${host}"}`],
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

    const coolingPowerAfter = trace.length > 0 ? Number(trace[trace.length - 1].rackPowerW) : NaN;
    const result = {
      when: new Date(t0).toISOString(),
      machine: { cpus: cpus().length, loadAverage1mAtEnd: Math.round(loadavg()[0] * 10) / 10 },
      settings: {
        historyDays: Number(values.days),
        backfill: args,
        prometheus: 'prometheus/prometheus.yml (15 s scrape and evaluation) + prometheus/rules/*.rules.yml',
        engine: 'engine/config.example.yaml (update 1m, window 14d)',
        pollSeconds: POLL_MS / 1000,
        minutesObserved: Number(values.minutes),
      },
      startup: phases,
      scheduledIncidentsAvoided: scheduled.map((i) => ({
        kind: i.kind,
        where: i.kind === 'cooling_failure' ? i.rack : i.host,
        start: new Date(i.start).toISOString(),
      })),
      triggered: { cooling: coolingReply, runaway: runawayReply, coolingRack, runawayHost: host, runawayRack },
      minutesFromTrigger: seen.at,
      maxScore,
      coolingRack: {
        powerBeforeW: Math.round(powerBefore),
        powerAtEndW: coolingPowerAfter,
        capacityW: 4600,
        timeToCapacityUnder24h: crossing ?? null,
      },
      alerts: alertStates,
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
      ...Object.entries(seen.at).map(([k, v]): [string, string] => [k, `${v} min`]),
      ...Object.entries(alertStates).map(([k, v]): [string, string] => [
        k,
        `pending ${v.pending ?? '-'} min, firing ${v.firing ?? '-'} min`,
      ]),
      [`${coolingRack} power before → end`, `${Math.round(powerBefore)} W → ${coolingPowerAfter} W`],
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
