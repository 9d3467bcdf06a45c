// "Create predicted alert" in a panel's menu: opens the app's Predicted alerts page with the panel's first
// Prometheus query (its data source and expression, the dashboard's variables filled in), so that the user only
// adds a threshold. An EcoTI forecast panel offers it too, for the upstream query it forecasts.
import {
  PluginExtensionPoints,
  urlUtil,
  type PluginExtensionAddedLinkConfig,
  type PluginExtensionPanelContext,
} from '@grafana/data';
import { t } from '@grafana/i18n';
import type { DataQuery } from '@grafana/schema';
import type { MouseEvent } from 'react';
import { prefixRoute, ROUTES } from '../constants';
import datasourceJson from '../datasource/plugin.json';
import type { ExtensionDeps } from './ecotiLinks';
import { findWrappableQueries, PROMETHEUS_TYPE, type PromQuery } from './prometheusQueries';

/** Registered under this (English) title; plugin.json must declare it alike. */
export const PREDICTED_ALERT_LINK = {
  targets: [PluginExtensionPoints.DashboardPanelMenu],
  title: 'Create predicted alert',
  description: 'Alert before this panel’s Prometheus query crosses a threshold, from its EcoTI AI forecast.',
} as const;

const TIME_SERIES_PANEL = 'timeseries';

interface AlertSource {
  query: PromQuery;
  datasource: { uid: string; type: string };
}

/** The panel's first visible Prometheus query, or the upstream query of its first EcoTI query. */
export function alertSource(
  context: PluginExtensionPanelContext | undefined,
  deps: ExtensionDeps
): AlertSource | undefined {
  if (!context || context.pluginId !== TIME_SERIES_PANEL) {
    return undefined;
  }
  const found = findWrappableQueries(
    { targets: context.targets, requestTargets: context.data?.request?.targets, scopedVars: context.scopedVars },
    deps.dataSources
  );
  if ('queries' in found) {
    return found.queries[0];
  }
  for (const target of context.targets ?? []) {
    const q = target as DataQuery & { expr?: string; upstreamUid?: string };
    if (target.hide || q.datasource?.type !== datasourceJson.id || !q.expr?.trim() || !q.upstreamUid) {
      continue;
    }
    const upstream = deps.dataSources.getInstanceSettings(q.upstreamUid, context.scopedVars);
    if (upstream?.type === PROMETHEUS_TYPE) {
      return { query: { refId: q.refId, expr: q.expr }, datasource: { uid: upstream.uid, type: upstream.type } };
    }
  }
  return undefined;
}

export function predictedAlertLink(deps: ExtensionDeps): PluginExtensionAddedLinkConfig {
  const config: PluginExtensionAddedLinkConfig<PluginExtensionPanelContext> = {
    ...PREDICTED_ALERT_LINK,
    targets: [...PREDICTED_ALERT_LINK.targets],
    icon: 'bell',
    category: 'EcoTI AI',
    configure: (context) =>
      alertSource(context, deps)
        ? {
            title: t('extensions.predicted-alert-panel.title', 'Create predicted alert'),
            description: t(
              'extensions.predicted-alert-panel.description',
              'Alert before this panel’s Prometheus query crosses a threshold, from its EcoTI AI forecast.'
            ),
          }
        : undefined,
    onClick: (event, { context }) => {
      const source = alertSource(context, deps);
      if (!context || !source) {
        return;
      }
      open(deps, event, async () => {
        // The engine runs the query with no dashboard around it: variables are filled in now, as for Explore.
        const filled = await deps.interpolate({ ...source.query, datasource: source.datasource }, context.scopedVars);
        return urlUtil.renderUrl(prefixRoute(ROUTES.PredictedAlerts), {
          upstream: source.datasource.uid,
          expr: (filled as PromQuery).expr ?? source.query.expr,
          dashboard: context.dashboard?.uid,
          panel: context.id,
          title: context.title,
        });
      });
    },
  };
  return config as PluginExtensionAddedLinkConfig;
}

/** Goes to the page (a new tab on ctrl/cmd-click); a failure is said in a toast. */
function open(deps: ExtensionDeps, event: MouseEvent | undefined, path: () => Promise<string>): void {
  const newTab = Boolean(event && (event.ctrlKey || event.metaKey));
  path()
    .then((p) => (newTab ? deps.openInNewTab(`${deps.appSubUrl().replace(/\/+$/, '')}${p}`) : deps.navigate(p)))
    .catch((e: unknown) =>
      deps.showError(
        t('extensions.predicted-alert-error', 'EcoTI AI could not open Predicted alerts: {{reason}}', {
          reason: e instanceof Error ? e.message : String(e),
          interpolation: { escapeValue: false },
        })
      )
    );
}
