// What drives the site's power: each driver's share of the model's importance as a bar, and how much of the
// power's variation the model explains on hours it did not train on.
import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { t } from '@grafana/i18n';
import { useStyles2 } from '@grafana/ui';
import { formatFigure } from '../../components/Recommendations';
import type { DriverSummary as Summary } from './readDrivers';
import { testIds } from '../../components/testIds';
import { stackedColumn, stackedList } from '../shared/pageStyles';

/** Features shown: the rest share what is left. */
const SHOWN = 4;

export function DriverSummary({ summaries }: { summaries: Summary[] }) {
  const styles = useStyles2(getStyles);
  const site = summaries[0];
  if (!site || site.features.every((f) => f.share === 0)) {
    return (
      <p className={styles.note}>
        {t('overview.drivers.none', 'Not enough history with utilisation beside the power to tell what drives it yet.')}
      </p>
    );
  }
  const percent = (share: number) => formatFigure({ value: share, unit: 'percentunit', decimals: 0 });
  return (
    <div className={styles.drivers} data-testid={testIds.overview.drivers}>
      <ul className={styles.list}>
        {site.features.slice(0, SHOWN).map((f) => (
          <li key={f.feature} className={styles.item} data-testid={testIds.overview.driver}>
            <div className={styles.head}>
              <span className={styles.name}>{f.feature}</span>
              <span className={styles.share}>{percent(f.share)}</span>
            </div>
            <div className={styles.track} aria-hidden>
              <div className={styles.bar} style={{ width: `${Math.round(f.share * 100)}%` }} />
            </div>
          </li>
        ))}
      </ul>
      {Number.isFinite(site.r2) && (
        <p className={styles.note}>
          {t(
            'overview.drivers.fit',
            'Explains {{r2}} of the variation on hours it did not learn from; typical error {{mae}}.',
            {
              r2: percent(Math.max(0, site.r2)),
              mae: formatFigure({ value: site.mae, unit: site.unit ?? 'watt', decimals: 1 }),
            }
          )}
        </p>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  drivers: css(stackedColumn(theme, 1)),
  list: css(stackedList(theme, 1)),
  item: css(stackedColumn(theme, 0.5)),
  head: css({
    display: 'flex',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
  }),
  name: css({
    overflowWrap: 'anywhere',
  }),
  share: css({
    fontWeight: theme.typography.fontWeightMedium,
    fontVariantNumeric: 'tabular-nums',
  }),
  track: css({
    height: theme.spacing(1),
    background: theme.colors.background.secondary,
    borderRadius: theme.shape.radius.default,
    overflow: 'hidden',
  }),
  bar: css({
    height: '100%',
    background: theme.colors.primary.main,
  }),
  note: css({
    margin: 0,
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
});
