// One dashboard's panels run as Grafana runs them: each at the dashboard's default time range (or its relative
// override) in the viewer's time zone, its queries through the EcoTI data source or straight against Prometheus,
// then its transformations with @grafana/data's own transformers.
import {
  DataFrame,
  DataQueryRequest,
  dateMath,
  dateTime,
  rangeUtil,
  standardTransformers,
  standardTransformersRegistry,
  transformDataFrame,
  TimeRange,
} from '@grafana/data';
import { lastValueFrom } from 'rxjs';
import { fakeTemplateSrv } from '../../src/datasource/testing/fakeUpstream';
import { Dashboard, DashboardPanel, PanelRun, VIEWER_TIME_ZONE } from './dashboardModel';
import type { DashboardStack } from './dashboardStack';
import { prometheusFormat, queryPrometheus } from './grafanaPrometheus';

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
