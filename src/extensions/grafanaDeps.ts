// The Grafana runtime services the EcoTI links use, looked up when a link is shown or clicked
// (never at module load, before Grafana has set them).
import { AppEvents, locationUtil } from '@grafana/data';
import { getAppEvents, getDataSourceSrv, locationService } from '@grafana/runtime';
import type { ExtensionDeps } from './ecotiLinks';

export const grafanaDeps: ExtensionDeps = {
  dataSources: {
    getInstanceSettings: (ref, scopedVars) => getDataSourceSrv().getInstanceSettings(ref, scopedVars),
    getList: (filters) => getDataSourceSrv().getList(filters),
  },
  interpolate: async (query, scopedVars) => {
    const ds = await getDataSourceSrv().get(query.datasource);
    return ds.interpolateVariablesInQueries?.([query], scopedVars ?? {})[0] ?? query;
  },
  currentPanes: () => {
    const panes = locationService.getSearchObject().panes;
    return typeof panes === 'string' ? panes : undefined;
  },
  // Grafana's sub-path, through locationUtil (which Grafana initialises with its config) rather than the runtime's
  // `config`, whose type changes with every release (levitate reports it against 12.3).
  appSubUrl: () => locationUtil.assureBaseUrl('/').replace(/\/$/, ''),
  navigate: (path) => locationService.push(path),
  openInNewTab: (href) => window.open(href, '_blank', 'noopener'),
  showError: (message) => getAppEvents().publish({ type: AppEvents.alertError.name, payload: [message] }),
};
