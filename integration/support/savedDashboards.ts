// The frames of a dashboards run saved for the screenshots (docs/screenshots draws the dashboards from them).
import { writeFileSync } from 'node:fs';
import { DataFrame, DataFrameJSON, dataFrameToJSON } from '@grafana/data';
import { Dashboard, DashboardPanel, PanelRun, VIEWER_TIME_ZONE } from './dashboardModel';

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
