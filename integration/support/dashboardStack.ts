// The pipeline the shipped dashboards run on, as Grafana would have it: the demo simulator's history through promtool
// into a real Prometheus, the engine exporting its forecasts into it, and the EcoTI data source (upstream: a
// Prometheus client over HTTP answering with Grafana's Prometheus frame shapes) with the dashboards' variables.
// Panels are run by runDashboard.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TemplateSrv } from '@grafana/runtime';
import type { EcotiDataSource } from '../../src/datasource/datasource';
import { fakeTemplateSrv, FakeVariable } from '../../src/datasource/testing/fakeUpstream';
import { testDataSource } from '../../src/datasource/testing/testDataSource';
import { freePort, processGroup, REPO, runSimulatorCli, startPrometheus, startTs, tempDir, waitFor } from '../harness';
import type { Dashboard } from './dashboardModel';
import { GrafanaPrometheus, queryPrometheus } from './grafanaPrometheus';
import { getJson } from './httpJson';

// yaml's package exports send jsdom (the data source's environment) to its ES-module browser build, which jest
// cannot load; its CommonJS build is the same parser.
const { parse, stringify } = require(join(REPO, 'node_modules/yaml/dist/index.js')) as typeof import('yaml');

/**
 * The demo site as compose runs it (4 racks × 16 hosts, the same 45 days with the dated change 14 days ago, so the
 * board's R$ 20,000 default investment means what the README says), with only the families the dashboards and the
 * recommendations read; 5-minute samples for the last 8 days (the engine's 7-day training window and the SRE range),
 * 30-minute ones before (the board's monthly totals and the 30-day baseline average over them).
 */
const HISTORY = ['--days', '45', '--step', '5m', '--recent', '8d', '--old-step', '30m'];
const FAMILIES = [
  'ipmi_dcmi_power_consumption_watts',
  'raritan_pdu_activepower_watt',
  'ipmi_temperature_celsius',
  'node_cpu_seconds',
  'datacenter_facility_power_watts',
  'datacenter_change_timestamp_seconds',
  'datacenter_rack_capacity_watts',
];

export interface DashboardStack {
  prometheusUrl: string;
  /** The instant the dashboards are opened at. */
  now: number;
  ecoti: EcotiDataSource;
  variables: (dashboard: Dashboard) => Promise<Record<string, string | FakeVariable>>;
  stop(): Promise<void>;
}

/** The app settings the demo provisions (provisioning/plugins/apps.yaml), upstream pointed at the test's Prometheus. */
function demoAppSettings(upstreamUid: string): Record<string, unknown> {
  const apps = parse(readFileSync(join(REPO, 'provisioning/plugins/apps.yaml'), 'utf8'));
  return { ...apps.apps[0].jsonData, defaultUpstreamUid: upstreamUid };
}

/** Simulator backfill → promtool → Prometheus (scraping the engine) → engine; resolves once the engine's series are in. */
export async function startDashboardStack(): Promise<DashboardStack> {
  const dir = tempDir('dashboards');
  const procs = processGroup(dir);
  try {
    await runSimulatorCli([
      'backfill',
      '--demo',
      ...HISTORY,
      '--families',
      FAMILIES.join(','),
      '--out',
      join(dir, 'history.om'),
      '--data-dir',
      join(dir, 'prometheus'),
      '--write-scenario',
      join(dir, 'scenario.json'),
    ]);
    const enginePort = await freePort();
    writeFileSync(
      join(dir, 'prometheus.yml'),
      stringify({
        global: { scrape_interval: '2s', evaluation_interval: '2s' },
        scrape_configs: [{ job_name: 'ecoti-engine', static_configs: [{ targets: [`127.0.0.1:${enginePort}`] }] }],
      })
    );
    const prometheus = await startPrometheus(join(dir, 'prometheus.yml'), join(dir, 'prometheus'), await freePort());
    procs.add(prometheus);

    // The engine as shipped (engine/config.example.yaml), on the rack power target the SRE dashboard reads.
    const shipped = parse(readFileSync(join(REPO, 'engine/config.example.yaml'), 'utf8'));
    const engineConfig = {
      ...shipped,
      prometheus: { url: prometheus.url, timeout: '10s', retries: 1, retryDelay: '200ms' },
      listen: { host: '127.0.0.1', port: enginePort },
      stateDir: join(dir, 'engine-state'),
      schedule: { update: '5s', refit: '1h', reselect: '24h', staleAfter: '1m', maxBackoff: '3s' },
      training: { ...shipped.training, window: '7d' },
      // No live scrape here: the capacity is read as of the backfill's last sample (the shipped query reads the
      // live exporter's).
      targets: shipped.targets
        .filter((t: { name: string }) => t.name === 'rack_power')
        .map((t: { thresholdFrom: { promql: string } }) => ({
          ...t,
          thresholdFrom: { ...t.thresholdFrom, promql: `last_over_time(${t.thresholdFrom.promql}[1d])` },
        })),
      recommendations: undefined,
    };
    delete engineConfig.recommendations;
    writeFileSync(join(dir, 'engine.yaml'), stringify(engineConfig));
    const engine = procs.add(startTs('engine/main.ts', ['--config', join(dir, 'engine.yaml'), '--log-level', 'warn']));
    await waitFor(
      'the engine’s time to capacity in Prometheus',
      async () => {
        if (engine.child.exitCode !== null) {
          throw new Error(`engine exited: ${engine.output()}`);
        }
        const r = await queryPrometheus(prometheus.url, 'ecoti_time_to_threshold_seconds{target="rack_power"}', {
          instant: Date.now(),
        });
        return r.length > 0;
      },
      120_000,
      1000
    );

    const templateSrv: { current: TemplateSrv } = { current: fakeTemplateSrv() };
    const upstream = new GrafanaPrometheus(prometheus.url, 'prom', () => templateSrv.current);
    const ecoti = testDataSource({
      upstreams: [upstream],
      // Grafana's template service holds the open dashboard's variables; so does this one, per run.
      templateSrv: {
        replace: (...a: Parameters<TemplateSrv['replace']>) => templateSrv.current.replace(...a),
        getVariables: () => [],
        containsTemplate: (t?: string) => /\$/.test(t ?? ''),
        updateTimeRange: () => {},
      } as unknown as TemplateSrv,
      loadAppSettings: async () => demoAppSettings('prom'),
    });
    const variables = async (dashboard: Dashboard) => {
      const out: Record<string, string | FakeVariable> = {};
      for (const v of dashboard.templating.list) {
        if (v.type === 'datasource') {
          out[v.name] = v.query === 'prometheus' ? 'prom' : 'ecoti';
        } else if (v.type === 'query') {
          const m = /label_values\((.+),\s*(\w+)\)/.exec((v.query as { query: string }).query);
          const q = new URLSearchParams({ 'match[]': m![1] });
          const r = await getJson<{ data: string[] }>(`${prometheus.url}/api/v1/label/${m![2]}/values?${q}`);
          const options = [...r.body.data].sort();
          const current = v.current?.value ?? (v.includeAll ? '$__all' : options[0]);
          out[v.name] = { value: current, multi: v.multi, includeAll: v.includeAll, allValue: v.allValue, options };
        } else {
          const first = typeof v.query === 'string' ? v.query.split(',')[0] : '';
          out[v.name] = String(v.current?.value ?? first);
        }
      }
      templateSrv.current = fakeTemplateSrv(out);
      return out;
    };
    return { prometheusUrl: prometheus.url, now: Date.now(), ecoti, variables, stop: procs.stopAll };
  } catch (e) {
    await procs.stopAll();
    throw e;
  }
}
