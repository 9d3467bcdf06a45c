// The frames of a dashboards run saved for the screenshots (docs/screenshots draws the dashboards from them).
import { writeFileSync } from 'node:fs';
import { DataFrame, DataFrameJSON, dataFrameToJSON } from '@grafana/data';
import type { FakeVariable } from '../../src/datasource/testing/fakeUpstream';
import { Dashboard, DashboardPanel, PanelRun, VIEWER_TIME_ZONE } from './dashboardModel';
import type { DashboardStack } from './dashboardStack';

/** What the screenshots draw: each dashboard's panels with the frames this run produced. */
export interface SavedDashboards {
  now: number;
  timeZone: string;
  dashboards: Record<
    string,
    {
      title: string;
      /** The viewer's language the data source ran in (its legends, headers and recommendation texts). */
      language: string;
      /** The variables' values the panels ran with, for what Grafana interpolates on screen (panel titles). */
      variables: Record<string, string | FakeVariable>;
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

/** Saves runs by view name; a run without a language was made in English. */
export async function saveDashboardRuns(
  file: string,
  stack: DashboardStack,
  runs: Record<string, { dashboard: Dashboard; runs: PanelRun[]; language?: string }>
) {
  const saved: SavedDashboards = { now: stack.now, timeZone: VIEWER_TIME_ZONE, dashboards: {} };
  for (const [name, { dashboard, runs: panels, language }] of Object.entries(runs)) {
    saved.dashboards[name] = {
      title: dashboard.title,
      language: language ?? 'en-US',
      // The defaults runDashboard resolved, resolved again the same way.
      variables: await stack.variables(dashboard),
      panels: panels.map((r) => ({ panel: r.panel, range: r.range, frames: r.frames.map(frameToWire) })),
    };
  }
  writeFileSync(file, JSON.stringify(saved));
}
