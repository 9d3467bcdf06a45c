// One recommendation as a card: what to do, where, what it saves each month, how sure EcoTI is,
// the evidence (with a link to its query in Explore) and the assumptions behind the figures.
import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { t } from '@grafana/i18n';
import { Badge, Card, ControlledCollapse, LinkButton, useStyles2 } from '@grafana/ui';
import type { RecommendationRow } from './recommendationRows';
import { confidenceLevel, formatConfidence, formatFigure } from './formatFigure';
import { buildExploreUrl } from './buildExploreUrl';
import { categoryLabel } from './labels';
import { testIds } from '../testIds';

export interface RecommendationCardProps {
  row: RecommendationRow;
  /** Range the recommendation was computed on (epoch ms), for the Explore link. */
  range?: { from: number; to: number };
  compact?: boolean;
}

const BADGE_COLOUR = { high: 'green', medium: 'orange', low: 'red' } as const;

export function RecommendationCard({ row, range, compact = false }: RecommendationCardProps) {
  const styles = useStyles2(getStyles);
  const explore =
    row.evidenceQuery && row.upstreamUid && range
      ? buildExploreUrl({ datasourceUid: row.upstreamUid, expr: row.evidenceQuery, from: range.from, to: range.to })
      : undefined;
  const figures = [
    { key: 'money', label: t('cards.figures.money', 'Saved / month'), value: formatFigure(row.moneyPerMonth) },
    { key: 'kwh', label: t('cards.figures.energy', 'Energy / month'), value: formatFigure(row.kWhPerMonth) },
    { key: 'co2e', label: t('cards.figures.emissions', 'CO₂e / month'), value: formatFigure(row.kgCO2ePerMonth) },
  ];
  return (
    // A focusable article, as in the ARIA feed pattern: keyboard users can move card to card and read its name.
    <Card
      noMargin
      isCompact={compact}
      className={styles.card}
      role="article"
      tabIndex={0}
      aria-label={row.title}
      data-testid={testIds.panel.card}
    >
      <Card.Heading>{row.title}</Card.Heading>
      <Card.Meta className={styles.meta}>
        {[
          row.target && (
            <span key="target" title={t('cards.target', 'Target')}>
              {row.target}
            </span>
          ),
          <span key="category">{categoryLabel(row.category)}</span>,
        ].filter(Boolean)}
      </Card.Meta>
      {row.confidence !== null && (
        <Card.Tags className={styles.tags}>
          <Badge
            color={BADGE_COLOUR[confidenceLevel(row.confidence)]}
            text={t('cards.confidence', 'Confidence {{value}}', { value: formatConfidence(row.confidence) })}
          />
        </Card.Tags>
      )}
      <Card.Description className={styles.description}>
        <dl className={compact ? styles.figuresCompact : styles.figures}>
          {figures.map((f) => (
            <div key={f.key} className={styles.figure}>
              <dt className={styles.figureLabel}>{f.label}</dt>
              <dd className={compact ? styles.figureValueCompact : styles.figureValue}>{f.value}</dd>
            </div>
          ))}
        </dl>
        {row.evidence && (
          <p className={styles.text}>
            <span className={styles.term}>{t('cards.evidence', 'Evidence')}: </span>
            {row.evidence}
          </p>
        )}
        {row.action && (
          <p className={styles.text}>
            <span className={styles.term}>{t('cards.action', 'Action')}: </span>
            {row.action}
          </p>
        )}
        {row.assumptions && (
          <ControlledCollapse label={t('cards.assumptions', 'Assumptions')} isOpen={false} className={styles.collapse}>
            <p className={styles.assumptions}>{row.assumptions}</p>
          </ControlledCollapse>
        )}
      </Card.Description>
      {explore && (
        <Card.Actions>
          <LinkButton
            href={explore}
            icon="compass"
            variant="secondary"
            size="sm"
            fill="outline"
            data-testid={testIds.panel.exploreLink}
          >
            {t('cards.explore', 'Open evidence in Explore')}
          </LinkButton>
        </Card.Actions>
      )}
    </Card>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  card: css({
    height: '100%',
    '&:focus-visible': {
      outline: `2px solid ${theme.colors.primary.main}`,
      outlineOffset: 2,
    },
  }),
  // Card's grid gives the tags a column down the whole card; here the badge keeps to the heading's
  // row, and the meta line and the body use the full width (explicit line numbers of Card's grid).
  tags: css({
    gridArea: '1 / 3 / 2 / 4',
    alignSelf: 'start',
    marginLeft: theme.spacing(1),
  }),
  meta: css({
    gridArea: '2 / 2 / 3 / 4',
  }),
  description: css({
    gridArea: '3 / 2 / 4 / 4',
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
  }),
  figures: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 96px), 1fr))',
    gap: theme.spacing(1),
    margin: 0,
  }),
  figuresCompact: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 80px), 1fr))',
    gap: theme.spacing(0.5),
    margin: 0,
  }),
  figure: css({
    display: 'flex',
    flexDirection: 'column-reverse',
    minWidth: 0,
  }),
  figureLabel: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    fontWeight: theme.typography.fontWeightRegular,
  }),
  figureValue: css({
    margin: 0,
    color: theme.colors.text.primary,
    fontSize: theme.typography.h4.fontSize,
    whiteSpace: 'nowrap',
    fontWeight: theme.typography.fontWeightMedium,
    fontVariantNumeric: 'tabular-nums',
    overflowWrap: 'anywhere',
  }),
  figureValueCompact: css({
    margin: 0,
    color: theme.colors.text.primary,
    fontSize: theme.typography.h5.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
    fontVariantNumeric: 'tabular-nums',
    overflowWrap: 'anywhere',
  }),
  text: css({
    margin: 0,
    color: theme.colors.text.primary,
  }),
  term: css({
    fontWeight: theme.typography.fontWeightMedium,
  }),
  collapse: css({
    // Collapse grows to fill a flex column by default; here it keeps to its content.
    flex: 'none',
    marginBottom: 0,
    backgroundColor: 'transparent',
  }),
  assumptions: css({
    margin: 0,
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
});
