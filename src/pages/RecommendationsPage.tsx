import React from 'react';
import { PluginPage } from '@grafana/runtime';
import { EmptyState } from '@grafana/ui';
import { testIds } from '../components/testIds';

/** All open recommendations, grouped by category. */
export function RecommendationsPage() {
  return (
    <PluginPage>
      <div data-testid={testIds.recommendations.container}>
        <EmptyState variant="not-found" message="No recommendations yet">
          Recommendations appear once the EcoTI AI data source has enough history to analyse.
        </EmptyState>
      </div>
    </PluginPage>
  );
}
