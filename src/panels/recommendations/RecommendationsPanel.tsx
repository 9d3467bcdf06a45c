import React from 'react';
import { PanelProps } from '@grafana/data';
import { EmptyState } from '@grafana/ui';
import { RecommendationsPanelOptions } from './types';
import { testIds } from '../../components/testIds';

type Props = PanelProps<RecommendationsPanelOptions>;

export function RecommendationsPanel({ data }: Props) {
  const rows = data.series.reduce((n, frame) => n + frame.length, 0);
  return (
    <div data-testid={testIds.panel.container}>
      {rows === 0 ? (
        <div data-testid={testIds.panel.empty}>
          <EmptyState variant="not-found" message="No recommendations">
            The query returned no rows. Point this panel at an EcoTI AI recommendations query.
          </EmptyState>
        </div>
      ) : (
        <span>{rows} recommendations</span>
      )}
    </div>
  );
}
