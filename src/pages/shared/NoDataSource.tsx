// What a page shows when no EcoTI AI data source exists yet: what to do, with links to do it.
import React from 'react';
import { t } from '@grafana/i18n';
import { EmptyState, LinkButton, Stack } from '@grafana/ui';
import pluginJson from '../../plugin.json';

export function NoDataSource({ testId }: { testId: string }) {
  return (
    <div data-testid={testId}>
      <EmptyState
        variant="call-to-action"
        message={t('pages.no-datasource.title', 'No EcoTI AI data source yet')}
        button={
          <Stack gap={1} justifyContent="center" wrap="wrap">
            <LinkButton href="/connections/datasources/new" icon="plus">
              {t('pages.no-datasource.add', 'Add the EcoTI AI data source')}
            </LinkButton>
            <LinkButton href={`/plugins/${pluginJson.id}`} variant="secondary" icon="cog">
              {t('pages.no-datasource.settings', 'Open the app settings')}
            </LinkButton>
          </Stack>
        }
      >
        {t(
          'pages.no-datasource.detail',
          'EcoTI AI reads your Prometheus through its own data source. Add one (type “EcoTI AI”), then set the site’s PUE, carbon intensity, tariffs and default Prometheus in the app settings.'
        )}
      </EmptyState>
    </div>
  );
}
