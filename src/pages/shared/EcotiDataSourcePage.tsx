// A page that runs on the EcoTI AI data source: while Grafana finds it, when there is none, and when it cannot
// be loaded, the page says so; once it is there, the page's body gets it.
import React, { ReactNode } from 'react';
import type { DataSourceApi } from '@grafana/data';
import { t } from '@grafana/i18n';
import { PluginPage } from '@grafana/runtime';
import { Alert, LoadingPlaceholder } from '@grafana/ui';
import type { StoredEcotiQuery } from '../../datasource/types';
import { NoDataSource } from './NoDataSource';
import { useEcotiDataSource } from './useEcotiDataSource';

interface Props {
  testIds: { container: string; noDataSource: string };
  children: (ds: DataSourceApi<StoredEcotiQuery>) => ReactNode;
}

export function EcotiDataSourcePage({ testIds, children }: Props) {
  const source = useEcotiDataSource();
  return (
    <PluginPage>
      <div data-testid={testIds.container}>
        {source.status === 'loading' && (
          <LoadingPlaceholder text={t('pages.finding-datasource', 'Finding the EcoTI AI data source…')} />
        )}
        {source.status === 'missing' && <NoDataSource testId={testIds.noDataSource} />}
        {source.status === 'error' && (
          <Alert severity="error" title={t('pages.datasource-error', 'Could not load the EcoTI AI data source')}>
            {source.message}
          </Alert>
        )}
        {source.status === 'ready' && children(source.ds)}
      </div>
    </PluginPage>
  );
}
