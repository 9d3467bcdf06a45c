// A dashboard's Prometheus time series panel as saved (two queries on a `${prometheus}` data source
// variable), the context Grafana's panel menu builds from it, and fakes of the Grafana services the
// links use, each answering as Grafana does.
import type { PluginExtensionPanelContext, ScopedVars } from '@grafana/data';
import type { DataQuery, DataSourceRef } from '@grafana/schema';
import type { StoredEcotiQuery } from '../../datasource/types';
import type { ExtensionDeps } from '../ecotiLinks';
import type { PromQuery } from '../prometheusQueries';

export const PROM_VAR = { type: 'prometheus', uid: '${prometheus}' };

export const rackPowerPanel = {
  id: 7,
  type: 'timeseries',
  title: 'Rack and IT power',
  datasource: PROM_VAR,
  targets: [
    {
      refId: 'A',
      datasource: PROM_VAR,
      expr: 'sum by (rack) (raritan_pdu_activepower_watt{rack=~"$rack"})',
      legendFormat: '{{rack}}',
      range: true,
    },
    {
      refId: 'B',
      datasource: PROM_VAR,
      expr: 'sum(rate(node_energy_joules_total{rack=~"$rack"}[$__rate_interval]))',
      legendFormat: 'IT power',
      range: true,
    },
  ] as Array<PromQuery & { legendFormat: string; range: boolean }>,
};

/** What Grafana's panel menu passes configure() and onClick() for a panel of a dashboard. */
export function panelContext(
  panel: { id: number; type: string; title: string; targets?: DataQuery[] },
  extra: Partial<PluginExtensionPanelContext> = {}
): PluginExtensionPanelContext {
  return {
    id: panel.id,
    pluginId: panel.type,
    title: panel.title,
    timeRange: { from: 'now-2d', to: 'now' },
    timeZone: 'browser',
    dashboard: { uid: 'ecoti-sre', title: 'EcoTI — SRE forecasts', tags: [] },
    targets: panel.targets ?? [],
    scopedVars: {},
    ...extra,
  };
}

interface Instance {
  uid: string;
  name: string;
  type: string;
  isDefault?: boolean;
}

export const INSTANCES: Instance[] = [
  { uid: 'prom-main', name: 'Prometheus', type: 'prometheus', isDefault: true },
  { uid: 'prom-dr', name: 'Prometheus DR', type: 'prometheus' },
  { uid: 'loki', name: 'Loki', type: 'loki' },
  { uid: 'ecoti-ai', name: 'EcoTI AI', type: 'renault-ecoti-datasource' },
];

/** The dashboard's variables: the data source variables hold uids, `rack` two values. */
const DASHBOARD_VARS: Record<string, string | string[]> = {
  prometheus: 'prom-main',
  ecoti: 'ecoti-ai',
  rack: ['r1', 'r2'],
};

function variable(name: string, scopedVars: ScopedVars | undefined): string | string[] | undefined {
  return scopedVars?.[name]?.value ?? DASHBOARD_VARS[name];
}

export interface FakeDeps extends ExtensionDeps {
  navigated: string[];
  openedTabs: string[];
  errors: string[];
}

export function fakeDeps(overrides: Partial<ExtensionDeps> & { instances?: Instance[] } = {}): FakeDeps {
  const { instances = INSTANCES, ...rest } = overrides;
  const navigated: string[] = [];
  const openedTabs: string[] = [];
  const errors: string[] = [];
  return {
    navigated,
    openedTabs,
    errors,
    dataSources: {
      // Like DataSourceSrv: a ref, uid or name; `${var}` / `$var` filled from the scoped then the dashboard's variables.
      getInstanceSettings: (ref: DataSourceRef | string | null | undefined, scopedVars?: ScopedVars) => {
        const raw = typeof ref === 'string' ? ref : ref?.uid;
        if (!raw) {
          return instances.find((i) => i.isDefault);
        }
        const name = /^\$\{?(\w+)\}?$/.exec(raw)?.[1];
        const key = name ? variable(name, scopedVars) : raw;
        return typeof key === 'string' ? instances.find((i) => i.uid === key || i.name === key) : undefined;
      },
      getList: ({ type }) => instances.filter((i) => i.type === type),
    },
    // Like Prometheus' interpolateVariablesInQueries: multi-value variables become a regex group;
    // built-ins such as $__rate_interval are left for query time.
    interpolate: async (query, scopedVars) => ({
      ...query,
      expr: String((query as DataQuery & { expr?: string }).expr).replace(/\$(\w+)/g, (whole, name: string) => {
        const value = name.startsWith('__') ? undefined : variable(name, scopedVars);
        return value === undefined ? whole : Array.isArray(value) ? `(${value.join('|')})` : value;
      }),
    }),
    currentPanes: () => undefined,
    appSubUrl: () => '',
    navigate: (path) => navigated.push(path),
    openInNewTab: (href) => openedTabs.push(href),
    showError: (message) => errors.push(message),
    ...rest,
  };
}

export interface DecodedExplore {
  path: string;
  schemaVersion: string | null;
  panes: Record<
    string,
    {
      datasource: string;
      queries: Array<StoredEcotiQuery & Record<string, unknown>>;
      range: { from: string; to: string };
    }
  >;
}

/** Reads an Explore URL back the way Explore does: the `panes` parameter is JSON. */
export function decodeExplore(url: string): DecodedExplore {
  const [path, search] = url.split('?');
  const params = new URLSearchParams(search);
  return { path, schemaVersion: params.get('schemaVersion'), panes: JSON.parse(params.get('panes') ?? '{}') };
}

/** Lets the link's promise chain (interpolation, then navigation) finish. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
