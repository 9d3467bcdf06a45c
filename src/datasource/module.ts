import { DataSourcePlugin } from '@grafana/data';
import { initPluginTranslations } from '@grafana/i18n';
import { EcotiDataSource } from './datasource';
import { ConfigEditor } from './components/ConfigEditor';
import { QueryEditor } from './components/QueryEditor';
import { EcotiDataSourceOptions, StoredEcotiQuery } from './types';
import pluginJson from './plugin.json';

// Grafana loads this plugin's locales (plugin.json "languages") into the namespace of its id: the
// query editor's and config editor's texts, and the site-settings fields shared with the app.
await initPluginTranslations(pluginJson.id);

export const plugin = new DataSourcePlugin<EcotiDataSource, StoredEcotiQuery, EcotiDataSourceOptions>(EcotiDataSource)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
