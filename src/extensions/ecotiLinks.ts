// The links EcoTI adds to Grafana: "Forecast this panel" and "Anomalies in this panel" in a panel's
// menu (Extensions), and the same two under Explore's "Add" menu. Each opens Explore with the
// queries' own Prometheus data source and expression wrapped in EcoTI queries, next to the queries
// themselves, so actuals and forecast (or anomaly scores) overlay.
import {
  PluginExtensionPoints,
  type PluginExtensionAddedLinkConfig,
  type PluginExtensionPanelContext,
  type RawTimeRange,
  type ScopedVars,
} from '@grafana/data';
import { t } from '@grafana/i18n';
import type { DataQuery, DataSourceRef } from '@grafana/schema';
import type { MouseEvent } from 'react';
import datasourceJson from '../datasource/plugin.json';
import {
  type EcotiAnalysis,
  PANE_ID,
  exploreLocation,
  explorePane,
  exploreRange,
  overlayQueries,
  replacePane,
} from './exploreState';
import { predictedAlertLink } from './predictedAlertLink';
import {
  type DataSourceSettingsLookup,
  type WrappableQuery,
  findWrappableQueries,
  runsEcoti,
} from './prometheusQueries';

export const ECOTI_DATASOURCE_TYPE = datasourceJson.id;
const PRODUCT_NAME = 'EcoTI AI';

/** Where and under which (English) title each link is registered; plugin.json must declare each one alike. */
export const ECOTI_LINKS = {
  forecastPanel: {
    analysis: 'forecast',
    targets: [PluginExtensionPoints.DashboardPanelMenu],
    title: 'Forecast this panel',
    description: 'Open Explore with an EcoTI AI forecast over this panel’s Prometheus queries.',
  },
  anomaliesPanel: {
    analysis: 'anomalies',
    targets: [PluginExtensionPoints.DashboardPanelMenu],
    title: 'Anomalies in this panel',
    description: 'Open Explore with EcoTI AI anomaly scores for this panel’s Prometheus queries.',
  },
  forecastExplore: {
    analysis: 'forecast',
    targets: [PluginExtensionPoints.ExploreToolbarAction],
    title: 'Add an EcoTI forecast',
    description: 'Add an EcoTI AI forecast of each Prometheus query in this pane.',
  },
  anomaliesExplore: {
    analysis: 'anomalies',
    targets: [PluginExtensionPoints.ExploreToolbarAction],
    title: 'Add EcoTI anomalies',
    description: 'Add EcoTI AI anomaly scores for each Prometheus query in this pane.',
  },
} as const satisfies Record<
  string,
  { analysis: EcotiAnalysis; targets: readonly string[]; title: string; description: string }
>;

/** What Explore's toolbar passes (Grafana's PluginExtensionExploreContext, which @grafana/data does not export). */
export interface ExploreToolbarContext {
  exploreId: string;
  targets: DataQuery[];
  timeRange: RawTimeRange;
}

/** The Grafana services the links use, injected so that the links can be tested without Grafana. */
export interface ExtensionDeps {
  dataSources: DataSourceSettingsLookup & {
    getList(filters: { type: string }): Array<{ uid: string; type: string; isDefault?: boolean }>;
  };
  /** The query with the dashboard's variables filled in by its own data source, as Grafana's "Explore" item does. */
  interpolate(query: DataQuery, scopedVars: ScopedVars | undefined): Promise<DataQuery>;
  /** Explore's `panes` URL parameter as it is now. */
  currentPanes(): string | undefined;
  appSubUrl(): string;
  /** Goes to a path inside Grafana; Grafana's history adds the sub-path. */
  navigate(path: string): void;
  openInNewTab(href: string): void;
  showError(message: string): void;
}

/** Panels that draw series over time; a stat, gauge or table has nowhere to draw a forecast band. */
const TIME_SERIES_PANEL = 'timeseries';

interface Plan {
  wrapped: WrappableQuery[];
  ecoti: DataSourceRef;
}

export function ecotiLinks(deps: ExtensionDeps): PluginExtensionAddedLinkConfig[] {
  const panelPlan = (context: PluginExtensionPanelContext | undefined): Plan | undefined => {
    // Hidden for other panel types, for panels without a visible Prometheus query with an
    // expression (nothing to wrap), for panels that already run EcoTI, and when no EcoTI data
    // source exists (nothing to run it).
    if (!context || context.pluginId !== TIME_SERIES_PANEL) {
      return undefined;
    }
    const source = {
      targets: context.targets,
      requestTargets: context.data?.request?.targets,
      scopedVars: context.scopedVars,
    };
    if (runsEcoti(source)) {
      return undefined;
    }
    return plan(findWrappableQueries(source, deps.dataSources), deps);
  };
  const explorePlan = (context: ExploreToolbarContext | undefined): Plan | undefined =>
    context ? plan(findWrappableQueries({ targets: context.targets }, deps.dataSources), deps) : undefined;

  const panelLink = (link: typeof ECOTI_LINKS.forecastPanel | typeof ECOTI_LINKS.anomaliesPanel) => {
    const { analysis, ...declared } = link;
    const config: PluginExtensionAddedLinkConfig<PluginExtensionPanelContext> = {
      ...declared,
      targets: [...declared.targets],
      icon: icon(analysis),
      // Groups the two under the product's name in the panel menu's Extensions, among other plugins' links.
      category: PRODUCT_NAME,
      configure: (context) => (panelPlan(context) ? texts(analysis, 'panel') : undefined),
      onClick: (event, { context }) => {
        const found = panelPlan(context);
        if (!context || !found) {
          return;
        }
        run(deps, event, async () => {
          // Explore has no dashboard variables: the panel's queries go there with their values filled in.
          const actuals = await Promise.all(
            found.wrapped.map(async (w): Promise<WrappableQuery> => {
              const filled = await deps.interpolate({ ...w.query, datasource: w.datasource }, context.scopedVars);
              return {
                query: { ...w.query, ...filled, datasource: w.datasource } as WrappableQuery['query'],
                datasource: w.datasource,
              };
            })
          );
          const queries = overlayQueries(
            analysis,
            actuals.map((a) => a.query),
            actuals,
            found.ecoti
          );
          return { [PANE_ID]: explorePane(queries, exploreRange(analysis, context.timeRange)) };
        });
      },
    };
    return config as PluginExtensionAddedLinkConfig;
  };

  const exploreLink = (link: typeof ECOTI_LINKS.forecastExplore | typeof ECOTI_LINKS.anomaliesExplore) => {
    const { analysis, ...declared } = link;
    const config: PluginExtensionAddedLinkConfig<ExploreToolbarContext> = {
      ...declared,
      targets: [...declared.targets],
      icon: icon(analysis),
      configure: (context) => (explorePlan(context) ? texts(analysis, 'explore') : undefined),
      onClick: (event, { context }) => {
        const found = explorePlan(context);
        if (!context || !found) {
          return;
        }
        // The pane's queries run on concrete data sources and Explore has no variables: nothing to fill in.
        run(deps, event, async () => {
          const queries = overlayQueries(analysis, context.targets, found.wrapped, found.ecoti);
          const pane = explorePane(queries, exploreRange(analysis, context.timeRange));
          return replacePane(deps.currentPanes(), context.exploreId, pane);
        });
      },
    };
    return config as PluginExtensionAddedLinkConfig;
  };

  return [
    panelLink(ECOTI_LINKS.forecastPanel),
    panelLink(ECOTI_LINKS.anomaliesPanel),
    exploreLink(ECOTI_LINKS.forecastExplore),
    exploreLink(ECOTI_LINKS.anomaliesExplore),
    predictedAlertLink(deps),
  ];
}

/** The EcoTI data source the queries run on: the default one of that type if it is the default, else the first. */
export function ecotiDataSource(dataSources: ExtensionDeps['dataSources']): DataSourceRef | undefined {
  const instances = dataSources.getList({ type: ECOTI_DATASOURCE_TYPE });
  const chosen = instances.find((i) => i.isDefault) ?? instances[0];
  return chosen ? { uid: chosen.uid, type: chosen.type } : undefined;
}

function plan(found: ReturnType<typeof findWrappableQueries>, deps: ExtensionDeps): Plan | undefined {
  if ('none' in found) {
    return undefined;
  }
  const ecoti = ecotiDataSource(deps.dataSources);
  return ecoti ? { wrapped: found.queries, ecoti } : undefined;
}

/** Opens the panes in Explore (a new tab on ctrl/cmd-click); a failure is said in a toast, not lost in the console. */
function run(
  deps: ExtensionDeps,
  event: MouseEvent | undefined,
  panes: () => Promise<Parameters<typeof exploreLocation>[0]>
): void {
  const newTab = Boolean(event && (event.ctrlKey || event.metaKey));
  panes()
    .then((p) => {
      const location = exploreLocation(p, deps.appSubUrl());
      return newTab ? deps.openInNewTab(location.href) : deps.navigate(location.path);
    })
    .catch((e: unknown) =>
      deps.showError(
        // The toast renders text, not HTML: i18next's HTML escaping would show quotes as &quot;.
        t('extensions.error', 'EcoTI AI could not open Explore: {{reason}}', {
          reason: e instanceof Error ? e.message : String(e),
          interpolation: { escapeValue: false },
        })
      )
    );
}

function icon(analysis: EcotiAnalysis) {
  return analysis === 'forecast' ? ('chart-line' as const) : ('exclamation-triangle' as const);
}

/** Titles and descriptions in the user's language; Grafana's menus cut titles at 25 characters. */
function texts(analysis: EcotiAnalysis, where: 'panel' | 'explore') {
  if (where === 'panel') {
    return analysis === 'forecast'
      ? {
          title: t('extensions.forecast-panel.title', 'Forecast this panel'),
          description: t(
            'extensions.forecast-panel.description',
            'Open Explore with an EcoTI AI forecast over this panel’s Prometheus queries.'
          ),
        }
      : {
          title: t('extensions.anomalies-panel.title', 'Anomalies in this panel'),
          description: t(
            'extensions.anomalies-panel.description',
            'Open Explore with EcoTI AI anomaly scores for this panel’s Prometheus queries.'
          ),
        };
  }
  return analysis === 'forecast'
    ? {
        title: t('extensions.forecast-explore.title', 'Add an EcoTI forecast'),
        description: t(
          'extensions.forecast-explore.description',
          'Add an EcoTI AI forecast of each Prometheus query in this pane.'
        ),
      }
    : {
        title: t('extensions.anomalies-explore.title', 'Add EcoTI anomalies'),
        description: t(
          'extensions.anomalies-explore.description',
          'Add EcoTI AI anomaly scores for each Prometheus query in this pane.'
        ),
      };
}
