// The cards in a responsive grid: as many columns as the view's width allows, one on a phone.
import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import type { RecommendationRow } from './recommendationRows';
import { RecommendationCard } from './RecommendationCard';
import { cardLayout } from './cardLayout';
import { testIds } from '../testIds';

export interface RecommendationGridProps {
  rows: RecommendationRow[];
  range?: { from: number; to: number };
  /** Width of the view in px (a panel's `width`); unknown on pages, where CSS alone decides. */
  width?: number;
  'aria-label'?: string;
}

export function RecommendationGrid({ rows, range, width, 'aria-label': ariaLabel }: RecommendationGridProps) {
  const layout = cardLayout(width);
  const styles = useStyles2(getStyles, layout.minCardWidth);
  return (
    <ul className={styles.grid} aria-label={ariaLabel} data-testid={testIds.panel.grid}>
      {rows.map((row) => (
        <li key={row.key} className={styles.item}>
          <RecommendationCard row={row} range={range} compact={layout.compact} />
        </li>
      ))}
    </ul>
  );
}

const getStyles = (theme: GrafanaTheme2, minCardWidth: string) => ({
  grid: css({
    display: 'grid',
    gridTemplateColumns: `repeat(auto-fill, minmax(min(100%, ${minCardWidth}), 1fr))`,
    gap: theme.spacing(1.5),
    listStyle: 'none',
    margin: 0,
    padding: 0,
  }),
  item: css({
    display: 'flex',
    flexDirection: 'column',
    minWidth: 0,
  }),
});
