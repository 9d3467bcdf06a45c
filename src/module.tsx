import React, { Suspense, lazy } from 'react';
import { AppPlugin, type AppRootProps } from '@grafana/data';
import { initPluginTranslations, t } from '@grafana/i18n';
import { LoadingPlaceholder } from '@grafana/ui';
import type { AppConfigProps } from './components/AppConfig/AppConfig';
import { ecotiLinks } from './extensions/ecotiLinks';
import { grafanaDeps } from './extensions/grafanaDeps';
import type { EcotiSettings } from './shared/settings';
import pluginJson from './plugin.json';

// Grafana loads the locales listed in plugin.json ("languages") into the namespace of the app's id.
await initPluginTranslations(pluginJson.id);

// Lazy chunks are fine here, at the app root; nested plugins must not use dynamic import().
const LazyApp = lazy(() => import('./pages/App/App'));
const LazyAppConfig = lazy(() => import('./components/AppConfig/AppConfig'));

const App = (props: AppRootProps) => (
  <Suspense fallback={<LoadingPlaceholder text={t('app.loading', 'Loading EcoTI AI…')} />}>
    <LazyApp {...props} />
  </Suspense>
);

const AppConfig = (props: AppConfigProps) => (
  <Suspense fallback={<LoadingPlaceholder text={t('app.loading-settings', 'Loading settings…')} />}>
    <LazyAppConfig {...props} />
  </Suspense>
);

export const plugin = new AppPlugin<Partial<EcotiSettings>>().setRootPage(App).addConfigPage({
  title: 'Settings',
  icon: 'cog',
  body: AppConfig,
  id: 'settings',
});

// "Forecast this panel", "Anomalies in this panel" and "Create predicted alert" (panel menu → Extensions)
// and the Explore counterparts of the first two. Each is declared in plugin.json ("extensions"), which
// Grafana 12 requires; declaring the panel menu also makes Grafana load this module at start-up, so keep
// its imports light.
for (const link of ecotiLinks(grafanaDeps)) {
  plugin.addLink(link);
}
