// The most surprising moments of the last days: when, which series, how surprising, and why.
import React from 'react';
import { css } from '@emotion/css';
import { dateTimeFormat, GrafanaTheme2 } from '@grafana/data';
import { t } from '@grafana/i18n';
import { useStyles2 } from '@grafana/ui';
import { formatFigure } from '../../components/Recommendations';
import type { AnomalyRow } from './readAnomalies';
import { testIds } from '../../components/testIds';
import { stackedList } from '../shared/pageStyles';

export function AnomalyList({ rows }: { rows: AnomalyRow[] }) {
  const styles = useStyles2(getStyles);
  if (rows.length === 0) {
    return <p className={styles.note}>{t('overview.anomalies.none', 'No anomalies in the last 7 days.')}</p>;
  }
  return (
    <ol className={styles.list}>
      {rows.map((r) => (
        <li key={`${r.series}-${r.start}`} className={styles.item} data-testid={testIds.overview.anomaly}>
          <div className={styles.head}>
            <span className={styles.series}>{r.series}</span>
            <span className={styles.score}>
              {t('overview.anomalies.score', 'score {{score}}', {
                score: formatFigure({ value: r.score, unit: 'percentunit', decimals: 0 }),
              })}
            </span>
          </div>
          <time className={styles.when} dateTime={new Date(r.start).toISOString()}>
            {dateTimeFormat(r.start, { format: 'YYYY-MM-DD HH:mm' })}
          </time>
          <p className={styles.text}>{r.text}</p>
        </li>
      ))}
    </ol>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css(stackedList(theme, 1)),
  item: css({
    padding: theme.spacing(1),
    borderLeft: `3px solid ${theme.colors.warning.main}`,
    background: theme.colors.background.secondary,
    borderRadius: theme.shape.radius.default,
  }),
  head: css({
    display: 'flex',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    flexWrap: 'wrap',
  }),
  series: css({
    fontWeight: theme.typography.fontWeightMedium,
    overflowWrap: 'anywhere',
  }),
  score: css({
    color: theme.colors.warning.text,
    fontVariantNumeric: 'tabular-nums',
  }),
  when: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  text: css({
    margin: 0,
  }),
  note: css({
    margin: 0,
    color: theme.colors.text.secondary,
  }),
});
