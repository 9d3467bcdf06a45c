// Finds the EcoTI AI data source the app's pages query: the default one of that type if it is the
// default, else the first configured. The pages never need a uid typed in.
import type { DataSourceApi } from '@grafana/data';
import type { DataSourceSrv } from '@grafana/runtime';
import type { EcotiQuery } from '../../datasource/types';
import datasourceJson from '../../datasource/plugin.json';

export const ECOTI_DATASOURCE_TYPE = datasourceJson.id;

export async function findEcotiDataSource(
  srv: Pick<DataSourceSrv, 'getList' | 'get'>
): Promise<DataSourceApi<EcotiQuery> | null> {
  const instances = srv.getList({ type: ECOTI_DATASOURCE_TYPE });
  if (instances.length === 0) {
    return null;
  }
  const chosen = instances.find((i) => i.isDefault) ?? instances[0];
  return (await srv.get({ uid: chosen.uid, type: chosen.type })) as DataSourceApi<EcotiQuery>;
}
