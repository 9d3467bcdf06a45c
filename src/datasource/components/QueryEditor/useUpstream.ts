// The data sources the editor needs: the app's default upstream (from the EcoTI settings), and the
// chosen upstream's instance, whose own query editor the EcoTI editor embeds.
import { useEffect, useState } from 'react';
import type { DataSourceApi } from '@grafana/data';
import { getDataSourceSrv } from '@grafana/runtime';
import type { EcotiDataSource } from '../../datasource';

export function useDefaultUpstreamUid(datasource: EcotiDataSource): string | undefined {
  const [uid, setUid] = useState<string>();
  useEffect(() => {
    let live = true;
    datasource.settings().then(({ settings }) => live && setUid(settings.defaultUpstreamUid));
    return () => {
      live = false;
    };
  }, [datasource]);
  return uid;
}

export function useUpstream(uid: string | undefined): DataSourceApi | undefined {
  const [loaded, setLoaded] = useState<{ uid: string; ds?: DataSourceApi }>();
  useEffect(() => {
    let live = true;
    if (uid) {
      getDataSourceSrv()
        .get(uid)
        .then((ds) => live && setLoaded({ uid, ds }))
        .catch(() => live && setLoaded({ uid }));
    }
    return () => {
      live = false;
    };
  }, [uid]);
  return loaded && loaded.uid === uid ? loaded.ds : undefined;
}
