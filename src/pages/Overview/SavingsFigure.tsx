// What the open recommendations save each month, with a way to see them.
import React from 'react';
import { css } from '@emotion/css';
import { DataFrame, GrafanaTheme2 } from '@grafana/data';
import { t } from '@grafana/i18n';
import { LinkButton, useStyles2 } from '@grafana/ui';
import { formatFigure, readRecommendations, summariseSavings } from '../../components/Recommendations';
import { prefixRoute, ROUTES } from '../../constants';
import { testIds } from '../../components/testIds';
import { headlineFigure, stackedColumn } from '../shared/pageStyles';

export function SavingsFigure({ frames, error }: { frames: DataFrame[]; error?: string }) {
  const styles = useStyles2(getStyles);
  const read = readRecommendations(frames, error ? [{ message: error }] : undefined);
  const rows = read.status === 'ok' ? read.rows : [];
  const totals = summariseSavings(rows);
  return (
    <div className={styles.tile} data-testid={testIds.overview.savings}>
      {read.status === 'query-error' ? (
        <p className={styles.note}>{read.message}</p>
      ) : rows.length === 0 ? (
        <p className={styles.note}>
          {t('overview.savings.none', 'No open recommendations: nothing to save that EcoTI can see.')}
        </p>
      ) : (
        <>
          <p className={styles.big}>{totals.moneyPerMonth.map((f) => formatFigure(f)).join(' + ')}</p>
          <p className={styles.caption}>
            {t('overview.savings.per-month', '', {
              count: totals.count,
              defaultValue_one: 'per month, from {{count}} open recommendation',
              defaultValue_other: 'per month, from {{count}} open recommendations',
            })}
          </p>
          <p className={styles.caption}>
            {formatFigure(totals.kWhPerMonth)} · {formatFigure(totals.kgCO2ePerMonth)}{' '}
            {t('overview.savings.co2e', 'CO₂e')}
          </p>
          <div>
            <LinkButton href={prefixRoute(ROUTES.Recommendations)} variant="secondary" size="sm" icon="arrow-right">
              {t('overview.savings.open', 'See the recommendations')}
            </LinkButton>
          </div>
        </>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  tile: css({
    ...stackedColumn(theme, 0.5),
    minWidth: 0,
  }),
  big: css({ ...headlineFigure(theme), color: theme.colors.success.text }),
  caption: css({
    margin: 0,
    color: theme.colors.text.secondary,
  }),
  note: css({
    margin: 0,
    color: theme.colors.text.secondary,
  }),
});
