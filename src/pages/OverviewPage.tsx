import React from 'react';
import { PluginPage } from '@grafana/runtime';
import { EmptyState } from '@grafana/ui';
import { testIds } from '../components/testIds';

/** Overview of AI insights: this month's energy, emissions and cost, with forecasts. */
export function OverviewPage() {
  return (
    <PluginPage>
      <div data-testid={testIds.overview.container}>
        <EmptyState variant="not-found" message="No EcoTI insights yet">
          Add the EcoTI AI data source on top of your Prometheus to see forecasts and anomalies here.
        </EmptyState>
      </div>
    </PluginPage>
  );
}
