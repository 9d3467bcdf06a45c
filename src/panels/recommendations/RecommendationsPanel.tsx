// The recommendation cards panel: the data's recommendations as cards, filtered and sorted by the
// panel options and capped at `maxCards`, with a line of totals over all of them, or the reason
// nothing is shown.
import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2, PanelProps } from '@grafana/data';
import { t } from '@grafana/i18n';
import { useStyles2 } from '@grafana/ui';
import {
  RecommendationGrid,
  RecommendationsEmpty,
  recommendationsView,
  SavingsSummary,
} from '../../components/Recommendations';
import { RecommendationsPanelOptions, resolvePanelOptions } from './types';
import { firstCards } from './firstCards';
import { testIds } from '../../components/testIds';

type Props = PanelProps<RecommendationsPanelOptions>;

export function RecommendationsPanel({ data, options, width, height, timeRange }: Props) {
  const styles = useStyles2(getStyles);
  const resolved = useMemo(() => resolvePanelOptions(options), [options]);
  const view = useMemo(
    () => recommendationsView(data.series, data.errors, resolved),
    [data.series, data.errors, resolved]
  );
  const cards = useMemo(
    () => firstCards(view.kind === 'cards' ? view.rows : [], resolved.maxCards),
    [view, resolved.maxCards]
  );
  const range = { from: timeRange.from.valueOf(), to: timeRange.to.valueOf() };
  return (
    <div className={styles.panel} style={{ width, height }} data-testid={testIds.panel.container}>
      {view.kind === 'empty' ? (
        <RecommendationsEmpty reason={view.reason} />
      ) : (
        <>
          {resolved.showSummary && <SavingsSummary totals={view.totals} hidden={view.hidden} />}
          {cards.notShown > 0 && (
            <p className={styles.capped} role="status">
              {t(
                'panel.capped.shown',
                'Showing the first {{shown, number}} of {{total, number}} recommendations, in the chosen order.',
                { shown: cards.shown.length, total: view.rows.length }
              )}{' '}
              {resolved.showSummary &&
                t('panel.capped.totals', 'The totals above include all {{total, number}}.', {
                  total: view.rows.length,
                })}{' '}
              {t('panel.capped.more', 'Filter, or raise “Maximum cards” in the panel options, to see the others.')}
            </p>
          )}
          <RecommendationGrid
            rows={cards.shown}
            range={range}
            width={width}
            aria-label={t('panel.cards-label', 'Recommendations')}
          />
        </>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  panel: css({
    overflow: 'auto',
    // Room for the focus ring of the first and last cards.
    padding: theme.spacing(0.25),
  }),
  capped: css({
    margin: theme.spacing(0, 0, 1.5),
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
});
