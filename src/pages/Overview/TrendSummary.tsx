// Which way site power is heading over the last 30 days, with the slope's 95% range.
import React from 'react';
import { css } from '@emotion/css';
import { dateTimeFormat, GrafanaTheme2 } from '@grafana/data';
import { t } from '@grafana/i18n';
import { useStyles2 } from '@grafana/ui';
import { formatFigure } from '../../components/Recommendations';
import type { TrendRow } from './readTrend';
import { testIds } from '../../components/testIds';

/** The overview's trend query is site power in watts; a unit on the frame wins. */
const DEFAULT_UNIT = 'watt';

export function TrendSummary({ rows }: { rows: TrendRow[] }) {
  const styles = useStyles2(getStyles);
  const row = rows[0];
  if (!row) {
    return <p className={styles.note}>{t('overview.trend.none', 'Not enough history for a trend yet.')}</p>;
  }
  const fmt = (value: number) => formatFigure({ value, unit: row.unit ?? DEFAULT_UNIT, decimals: 1 });
  const signed = (value: number) => (value > 0 ? `+${fmt(value)}` : fmt(value));
  const headline =
    row.direction === 'rising'
      ? t('overview.trend.rising', 'Rising')
      : row.direction === 'falling'
        ? t('overview.trend.falling', 'Falling')
        : t('overview.trend.flat', 'No clear trend');
  return (
    <div className={styles.trend} data-testid={testIds.overview.trend}>
      <p className={styles.headline}>{headline}</p>
      <p className={styles.big}>
        {t('overview.trend.per-day', '{{value}} per day', { value: signed(row.slopePerDay) })}
      </p>
      <p className={styles.note}>
        {t('overview.trend.range', '95% range: {{lower}} to {{upper}} per day', {
          lower: signed(row.lower),
          upper: signed(row.upper),
        })}
      </p>
      {row.changepoints > 0 && row.lastChange !== null && (
        <p className={styles.note}>
          {t('overview.trend.changes', 'Change points: {{changes}}; the last on {{date}}', {
            changes: row.changepoints,
            date: dateTimeFormat(row.lastChange, { format: 'YYYY-MM-DD' }),
          })}
        </p>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  trend: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
  }),
  headline: css({
    margin: 0,
    color: theme.colors.text.secondary,
    fontWeight: theme.typography.fontWeightMedium,
  }),
  big: css({
    margin: 0,
    fontSize: theme.typography.h2.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
    fontVariantNumeric: 'tabular-nums',
  }),
  note: css({
    margin: 0,
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
});
