// The line of totals above the cards: how many recommendations, and what they save each month.
import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { t } from '@grafana/i18n';
import { useStyles2 } from '@grafana/ui';
import type { SavingsTotals } from './summariseSavings';
import { formatFigure, NO_VALUE } from './formatFigure';
import { testIds } from '../testIds';

export interface SavingsSummaryProps {
  totals: SavingsTotals;
  /** Recommendations the view's options hide; said so that totals are not mistaken for the whole. */
  hidden?: number;
  /** Heading level text; defaults to "Savings available". */
  label?: string;
}

export function SavingsSummary({ totals, hidden = 0, label }: SavingsSummaryProps) {
  const styles = useStyles2(getStyles);
  const money = totals.moneyPerMonth.length ? totals.moneyPerMonth.map((f) => formatFigure(f)).join(' + ') : NO_VALUE;
  const items = [
    { key: 'count', label: t('cards.summary.count', 'Recommendations'), value: String(totals.count) },
    { key: 'money', label: t('cards.summary.money', 'Saved / month'), value: money },
    { key: 'kwh', label: t('cards.summary.energy', 'Energy / month'), value: formatFigure(totals.kWhPerMonth) },
    { key: 'co2e', label: t('cards.summary.emissions', 'CO₂e / month'), value: formatFigure(totals.kgCO2ePerMonth) },
  ];
  return (
    <section
      className={styles.summary}
      aria-label={label ?? t('cards.summary.label', 'Savings available')}
      data-testid={testIds.panel.summary}
    >
      <dl className={styles.list}>
        {items.map((item) => (
          <div key={item.key} className={styles.item}>
            <dt className={styles.label}>{item.label}</dt>
            <dd className={styles.value}>{item.value}</dd>
          </div>
        ))}
      </dl>
      {hidden > 0 && (
        <p className={styles.hidden}>{t('cards.summary.hidden', 'Hidden by the options: {{hidden}}', { hidden })}</p>
      )}
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  summary: css({
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: theme.spacing(1, 2),
    padding: theme.spacing(1, 1.5),
    marginBottom: theme.spacing(1.5),
    background: theme.colors.background.secondary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
  }),
  list: css({
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1, 3),
    margin: 0,
  }),
  item: css({
    display: 'flex',
    flexDirection: 'column-reverse',
  }),
  label: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    fontWeight: theme.typography.fontWeightRegular,
  }),
  value: css({
    margin: 0,
    fontSize: theme.typography.h4.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
    fontVariantNumeric: 'tabular-nums',
  }),
  hidden: css({
    margin: 0,
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
});
