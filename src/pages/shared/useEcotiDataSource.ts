// The EcoTI data source for a page, once Grafana has resolved it.
import { useEffect, useState } from 'react';
import type { DataSourceApi } from '@grafana/data';
import { getDataSourceSrv } from '@grafana/runtime';
import type { StoredEcotiQuery } from '../../datasource/types';
import { findEcotiDataSource } from './ecotiDataSource';

export type EcotiDataSourceState =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'ready'; ds: DataSourceApi<StoredEcotiQuery> }
  | { status: 'error'; message: string };

export function useEcotiDataSource(): EcotiDataSourceState {
  const [state, setState] = useState<EcotiDataSourceState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    findEcotiDataSource(getDataSourceSrv())
      .then((ds) => live && setState(ds ? { status: 'ready', ds } : { status: 'missing' }))
      .catch(
        (err: unknown) =>
          live && setState({ status: 'error', message: err instanceof Error ? err.message : String(err) })
      );
    return () => {
      live = false;
    };
  }, []);
  return state;
}
