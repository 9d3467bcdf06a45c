import { DataSourcePlugin } from '@grafana/data';
import { EcotiDataSource } from './datasource';
import { ConfigEditor } from './components/ConfigEditor';
import { QueryEditor } from './components/QueryEditor';
import { EcotiDataSourceOptions, StoredEcotiQuery } from './types';

export const plugin = new DataSourcePlugin<EcotiDataSource, StoredEcotiQuery, EcotiDataSourceOptions>(EcotiDataSource)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
