// The shipped dashboards' JSON as the acceptance test reads it (the fields it uses of Grafana's dashboard model), and
// what one panel's run produced.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataFrame } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';
import { REPO } from '../harness';

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

export function loadDashboard(file: string): Dashboard {
  return JSON.parse(readFileSync(join(REPO, 'src/dashboards', file), 'utf8'));
}
