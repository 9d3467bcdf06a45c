// The shipped dashboards run as Grafana would run them, on the real pipeline: the demo simulator's history through
// promtool into a real Prometheus, the engine exporting its forecasts into it, and every panel's queries through the
// EcoTI data source (upstream: a Prometheus client over HTTP answering with Grafana's Prometheus frame shapes) or
// straight against Prometheus, then the panel's transformations with @grafana/data's own transformers.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DataFrame,
  DataFrameJSON,
  dataFrameToJSON,
  DataQueryRequest,
  DataSourceInstanceSettings,
  dateMath,
  dateTime,
  rangeUtil,
  standardTransformers,
  standardTransformersRegistry,
  transformDataFrame,
  TimeRange,
} from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';
import type { DataQuery } from '@grafana/schema';
import { lastValueFrom } from 'rxjs';
import { EcotiDataSource } from '../../src/datasource/datasource';
import { runInline } from '../../src/datasource/analysis/taskRunner';
import type { EcotiDataSourceOptions } from '../../src/datasource/types';
import { fakeDataSourceSrv, fakeTemplateSrv, FakeVariable } from '../../src/datasource/testing/fakeUpstream';
import { freePort, Proc, REPO, removeDir, start, startPrometheus, startTs, tempDir, waitFor } from '../harness';
import { getJson } from './httpJson';
import { GrafanaPrometheus, prometheusFormat, queryPrometheus } from './grafanaPrometheus';

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
/** The demo viewer is at the site: dashboards set to the browser's time zone open in the site's. */
export const VIEWER_TIME_ZONE = 'America/Sao_Paulo';

export interface DashboardPanel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource?: { type?: string; uid?: string };
  targets?: Array<DataQuery & Record<string, unknown>>;
  transformations?: Array<{ id: string; options: unknown }>;
  fieldConfig?: { defaults: Record<string, unknown>; overrides: unknown[] };
  options?: Record<string, unknown>;
  timeFrom?: string;
}

export interface Dashboard {
  title: string;
  uid: string;
  time: { from: string; to: string };
  templating: {
    list: Array<{
      name: string;
      type: string;
      query: unknown;
      current?: { value?: string | string[] };
      multi?: boolean;
      includeAll?: boolean;
      allValue?: string;
    }>;
  };
  panels: DashboardPanel[];
}

export interface PanelRun {
  panel: DashboardPanel;
  range: { from: number; to: number };
  /** Frames after the panel's transformations, as the panel draws them. */
  frames: DataFrame[];
  errors: string[];
}

export interface DashboardStack {
  prometheusUrl: string;
  /** The instant the dashboards are opened at. */
  now: number;
  ecoti: EcotiDataSource;
  variables: (dashboard: Dashboard) => Promise<Record<string, string | FakeVariable>>;
  stop(): Promise<void>;
}

export function loadDashboard(file: string): Dashboard {
  return JSON.parse(readFileSync(join(REPO, 'src/dashboards', file), 'utf8'));
}

/** The app settings the demo provisions (provisioning/plugins/apps.yaml), upstream pointed at the test's Prometheus. */
function demoAppSettings(upstreamUid: string): Record<string, unknown> {
  const apps = parse(readFileSync(join(REPO, 'provisioning/plugins/apps.yaml'), 'utf8'));
  return { ...apps.apps[0].jsonData, defaultUpstreamUid: upstreamUid };
}

/** Simulator backfill → promtool → Prometheus (scraping the engine) → engine; resolves once the engine's series are in. */
export async function startDashboardStack(): Promise<DashboardStack> {
  const dir = tempDir('dashboards');
  const procs: Proc[] = [];
  const stop = async () => {
    for (const p of procs.reverse()) {
      await p.stop();
    }
    removeDir(dir);
  };
  try {
    const backfill = start(process.execPath, [
      '--import',
      'tsx',
      'simulator/cli.ts',
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
    if ((await backfill.exited) !== 0) {
      throw new Error(`simulator backfill failed: ${backfill.output()}`);
    }
    const enginePort = await freePort();
    writeFileSync(
      join(dir, 'prometheus.yml'),
      stringify({
        global: { scrape_interval: '2s', evaluation_interval: '2s' },
        scrape_configs: [{ job_name: 'ecoti-engine', static_configs: [{ targets: [`127.0.0.1:${enginePort}`] }] }],
      })
    );
    const prometheus = await startPrometheus(join(dir, 'prometheus.yml'), join(dir, 'prometheus'), await freePort());
    procs.push(prometheus);

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
    const engine = startTs('engine/main.ts', ['--config', join(dir, 'engine.yaml'), '--log-level', 'warn']);
    procs.push(engine);
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
    const ecoti = new EcotiDataSource(
      { uid: 'ecoti', name: 'EcoTI AI', jsonData: {} } as unknown as DataSourceInstanceSettings<EcotiDataSourceOptions>,
      {
        dataSourceSrv: fakeDataSourceSrv([upstream]),
        // Grafana's template service holds the open dashboard's variables; so does this one, per run.
        templateSrv: {
          replace: (...a: Parameters<TemplateSrv['replace']>) => templateSrv.current.replace(...a),
          getVariables: () => [],
          containsTemplate: (t?: string) => /\$/.test(t ?? ''),
          updateTimeRange: () => {},
        } as unknown as TemplateSrv,
        loadAppSettings: async () => demoAppSettings('prom'),
        runner: runInline,
      }
    );
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
    return { prometheusUrl: prometheus.url, now: Date.now(), ecoti, variables, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

let transformersReady = false;
function registerTransformers() {
  if (!transformersReady) {
    // Grafana registers these at start-up; some are listed twice under old names (one id).
    const byId = new Map(Object.values(standardTransformers).map((t) => [t.id, t]));
    standardTransformersRegistry.setInit(
      () => [...byId.values()].map((t) => ({ id: t.id, name: t.name, transformation: t, editor: () => null })) as never
    );
    transformersReady = true;
  }
}

function panelRange(dashboard: Dashboard, panel: DashboardPanel, now: number): TimeRange {
  const opts = { now: dateTime(now), timezone: VIEWER_TIME_ZONE };
  let from = dateMath.toDateTime(dashboard.time.from, { ...opts, roundUp: false })!;
  let to = dateMath.toDateTime(dashboard.time.to, { ...opts, roundUp: true })!;
  if (panel.timeFrom) {
    // A relative time override: the last N, ending now, as Grafana applies it.
    from = dateMath.toDateTime(`now-${panel.timeFrom}`, opts)!;
    to = dateTime(now);
  }
  return { from, to, raw: { from: dashboard.time.from, to: dashboard.time.to } };
}

/** Runs every panel of a dashboard at its default time range with its variables' defaults. */
export async function runDashboard(stack: DashboardStack, dashboard: Dashboard): Promise<PanelRun[]> {
  registerTransformers();
  const variables = await stack.variables(dashboard);
  const templateSrv = fakeTemplateSrv(variables);
  const runs: PanelRun[] = [];
  for (const panel of dashboard.panels) {
    const range = panelRange(dashboard, panel, stack.now);
    const errors: string[] = [];
    let frames: DataFrame[] = [];
    // Grafana's interval for a panel about 1,000 px wide, at least the Prometheus scrape interval.
    const { interval, intervalMs } = rangeUtil.calculateInterval(range, 1000, '15s');
    const rangeSeconds = Math.round((range.to.valueOf() - range.from.valueOf()) / 1000);
    const scopedVars = {
      __range: { text: `${rangeSeconds}s`, value: `${rangeSeconds}s` },
      __interval: { text: interval, value: interval },
      __rate_interval: { text: interval, value: interval },
    };
    const targets = panel.targets ?? [];
    const ecotiTargets = targets.filter((t) => (t.datasource ?? panel.datasource)?.type === 'renault-ecoti-datasource');
    const promTargets = targets.filter((t) => (t.datasource ?? panel.datasource)?.type === 'prometheus');
    if (ecotiTargets.length) {
      const request = {
        requestId: `panel-${panel.id}`,
        interval,
        intervalMs,
        range,
        scopedVars,
        targets: ecotiTargets,
        timezone: VIEWER_TIME_ZONE,
        app: 'dashboard',
        startTime: Date.now(),
      } as unknown as DataQueryRequest<never>;
      const res = await stack.ecoti.query(request);
      errors.push(...(res.errors ?? []).map((e) => `${e.refId}: ${e.message}`));
      frames.push(...(res.data as DataFrame[]));
    }
    for (const t of promTargets) {
      const expr = templateSrv.replace(String(t.expr), scopedVars, prometheusFormat);
      try {
        const step = Math.max(15_000, intervalMs);
        const opts = t.instant && !t.range ? { instant: range.to.valueOf() } : { range, stepMs: step };
        frames.push(...(await queryPrometheus(stack.prometheusUrl, expr, opts, t.refId, t.legendFormat as string)));
      } catch (e) {
        errors.push(`${t.refId}: ${(e as Error).message}`);
      }
    }
    if (panel.transformations?.length && frames.length) {
      frames = await lastValueFrom(
        transformDataFrame(panel.transformations as never, frames, {
          interpolate: (v: string) => templateSrv.replace(v, scopedVars),
        })
      );
    }
    runs.push({ panel, range: { from: range.from.valueOf(), to: range.to.valueOf() }, frames, errors });
  }
  return runs;
}

/** What the screenshots draw: each dashboard's panels with the frames this run produced. */
export interface SavedDashboards {
  now: number;
  timeZone: string;
  dashboards: Record<
    string,
    {
      title: string;
      panels: Array<{ panel: DashboardPanel; range: { from: number; to: number }; frames: DataFrameJSON[] }>;
    }
  >;
}

/** A frame as Grafana's backend sends it: JSON has no Infinity or NaN, so they travel as entities beside the values. */
function frameToWire(frame: DataFrame): DataFrameJSON {
  const json = dataFrameToJSON(frame);
  const entities = frame.fields.map((f) => {
    const e: { Inf?: number[]; NegInf?: number[]; NaN?: number[] } = {};
    (f.values as unknown[]).forEach((v, i) => {
      const key = v === Infinity ? 'Inf' : v === -Infinity ? 'NegInf' : Number.isNaN(v) ? 'NaN' : undefined;
      if (key) {
        (e[key] ??= []).push(i);
      }
    });
    return Object.keys(e).length ? e : null;
  });
  return entities.some(Boolean) ? { ...json, data: { ...json.data!, entities } } : json;
}

export function saveDashboardRuns(
  file: string,
  now: number,
  runs: Record<string, { dashboard: Dashboard; runs: PanelRun[] }>
) {
  const saved: SavedDashboards = { now, timeZone: VIEWER_TIME_ZONE, dashboards: {} };
  for (const [name, { dashboard, runs: panels }] of Object.entries(runs)) {
    saved.dashboards[name] = {
      title: dashboard.title,
      panels: panels.map((r) => ({ panel: r.panel, range: r.range, frames: r.frames.map(frameToWire) })),
    };
  }
  writeFileSync(file, JSON.stringify(saved));
}
