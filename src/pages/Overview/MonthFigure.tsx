// One of this month's figures (energy, emissions or cost): so far, forecast for the whole month,
// and the range of that forecast, with what the range is.
import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { t } from '@grafana/i18n';
import { useStyles2 } from '@grafana/ui';
import { formatFigure } from '../../components/Recommendations';
import type { MonthTotal } from './monthToDate';
import { testIds } from '../../components/testIds';
import { headlineFigure, stackedColumn } from '../shared/pageStyles';

export interface MonthFigureProps {
  label: string;
  total: MonthTotal | null;
}

export function MonthFigure({ label, total }: MonthFigureProps) {
  const styles = useStyles2(getStyles);
  const fmt = (value: number) => formatFigure({ value, unit: total?.unit, decimals: total?.decimals });
  const level = `${Math.round((total?.level ?? 0.95) * 100)}%`;
  return (
    <div className={styles.tile} data-testid={testIds.overview.monthFigure} aria-label={label} role="group">
      <h3 className={styles.label}>{label}</h3>
      {total === null ? (
        <p className={styles.note}>{t('overview.month.no-data', 'No data for this month yet.')}</p>
      ) : (
        <>
          <p className={styles.big}>{fmt(total.soFar)}</p>
          <p className={styles.caption}>{t('overview.month.so-far', 'so far this month')}</p>
          <dl className={styles.details}>
            <div>
              <dt>{t('overview.month.forecast', 'Forecast for the month')}</dt>
              <dd>{fmt(total.total)}</dd>
            </div>
            <div>
              <dt>{t('overview.month.range', 'Range')}</dt>
              <dd>
                {fmt(total.totalLower)} – {fmt(total.totalUpper)}
              </dd>
            </div>
          </dl>
          <p className={styles.note}>
            {t(
              'overview.month.range-note',
              'The sums of the forecast’s {{level}} bounds for each step: a conservative range, wider than a {{level}} interval of the month total.',
              {
                level,
              }
            )}
          </p>
          {!total.coversMonth && (
            <p className={styles.warning}>
              {t('overview.month.short', 'The forecast stops before the end of the month, so this total is short.')}
            </p>
          )}
          {total.missingSteps > 0 && (
            <p className={styles.note}>
              {t('overview.month.missing', 'Steps without data this month, not counted: {{steps}}', {
                steps: total.missingSteps,
              })}
            </p>
          )}
        </>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  tile: css({
    ...stackedColumn(theme, 0.5),
    padding: theme.spacing(1.5),
    background: theme.colors.background.secondary,
    borderRadius: theme.shape.radius.default,
    minWidth: 0,
  }),
  label: css({
    margin: 0,
    fontSize: theme.typography.h5.fontSize,
    color: theme.colors.text.secondary,
    fontWeight: theme.typography.fontWeightMedium,
  }),
  big: css({ ...headlineFigure(theme), color: theme.colors.text.maxContrast }),
  caption: css({
    margin: 0,
    color: theme.colors.text.secondary,
  }),
  details: css({
    display: 'grid',
    gap: theme.spacing(0.5),
    margin: theme.spacing(1, 0, 0),
    '& > div': { display: 'flex', justifyContent: 'space-between', gap: theme.spacing(1), flexWrap: 'wrap' },
    '& dt': { color: theme.colors.text.secondary },
    '& dd': { margin: 0, fontVariantNumeric: 'tabular-nums', fontWeight: theme.typography.fontWeightMedium },
  }),
  note: css({
    margin: 0,
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  warning: css({
    margin: 0,
    color: theme.colors.warning.text,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
});
