// The recommendation cards panel: the data's recommendations as cards, filtered and sorted by the
// panel options, with a line of totals, or the reason nothing is shown.
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
import { testIds } from '../../components/testIds';

type Props = PanelProps<RecommendationsPanelOptions>;

export function RecommendationsPanel({ data, options, width, height, timeRange }: Props) {
  const styles = useStyles2(getStyles);
  const resolved = useMemo(() => resolvePanelOptions(options), [options]);
  const view = useMemo(
    () => recommendationsView(data.series, data.errors, resolved),
    [data.series, data.errors, resolved]
  );
  const range = { from: timeRange.from.valueOf(), to: timeRange.to.valueOf() };
  return (
    <div className={styles.panel} style={{ width, height }} data-testid={testIds.panel.container}>
      {view.kind === 'empty' ? (
        <RecommendationsEmpty reason={view.reason} />
      ) : (
        <>
          {resolved.showSummary && <SavingsSummary totals={view.totals} hidden={view.hidden} />}
          <RecommendationGrid
            rows={view.rows}
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
});
