// Finds the EcoTI AI data source the app's pages query: the default one of that type if it is the
// default, else the first configured. The pages never need a uid typed in.
import type { DataSourceApi, DataSourceInstanceSettings } from '@grafana/data';
import type { DataSourceRef } from '@grafana/schema';
import type { StoredEcotiQuery } from '../../datasource/types';
import datasourceJson from '../../datasource/plugin.json';

export const ECOTI_DATASOURCE_TYPE = datasourceJson.id;

/**
 * The two calls we make on Grafana's DataSourceSrv, typed here rather than through the runtime's interface,
 * whose other members change between Grafana versions (`reload()` became async in 13).
 */
export interface DataSourceLookup {
  getList(filters: { type: string }): DataSourceInstanceSettings[];
  get(ref: DataSourceRef): Promise<DataSourceApi>;
}

export async function findEcotiDataSource(srv: DataSourceLookup): Promise<DataSourceApi<StoredEcotiQuery> | null> {
  const instances = srv.getList({ type: ECOTI_DATASOURCE_TYPE });
  if (instances.length === 0) {
    return null;
  }
  const chosen = instances.find((i) => i.isDefault) ?? instances[0];
  return (await srv.get({ uid: chosen.uid, type: chosen.type })) as DataSourceApi<StoredEcotiQuery>;
}
