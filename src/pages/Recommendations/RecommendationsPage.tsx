// Every open recommendation as cards, grouped by category, with the totals overall and per group.
import React, { useId, useMemo, useState } from 'react';
import { css } from '@emotion/css';
import { DataSourceApi, GrafanaTheme2 } from '@grafana/data';
import { t } from '@grafana/i18n';
import { Alert, LoadingPlaceholder, RadioButtonGroup, useStyles2 } from '@grafana/ui';
import {
  categoryLabel,
  CategoryGroup,
  groupByCategory,
  RecommendationGrid,
  RecommendationsEmpty,
  recommendationsView,
  SavingsSummary,
  SORT_KEYS,
  sortLabel,
  SortKey,
} from '../../components/Recommendations';
import type { StoredEcotiQuery } from '../../datasource/types';
import { EcotiDataSourcePage } from '../shared/EcotiDataSourcePage';
import { useEcotiRequests } from '../shared/useEcotiRequests';
import { recommendationsRequest } from './recommendationsRequest';
import { testIds } from '../../components/testIds';

export interface RecommendationsPageProps {
  /** Fixed "now" (epoch ms) for tests and screenshots; the page's mount time otherwise. */
  now?: number;
}

export function RecommendationsPage({ now }: RecommendationsPageProps) {
  return (
    <EcotiDataSourcePage testIds={testIds.recommendations}>
      {(ds) => <RecommendationsBody ds={ds} now={now} />}
    </EcotiDataSourcePage>
  );
}

function RecommendationsBody({ ds, now: fixedNow }: { ds: DataSourceApi<StoredEcotiQuery>; now?: number }) {
  const styles = useStyles2(getStyles);
  const [now] = useState(() => fixedNow ?? Date.now());
  const [sortBy, setSortBy] = useState<SortKey>('money');
  const requests = useMemo(
    () => ({ recommendations: recommendationsRequest(now, { uid: ds.uid, type: ds.type }) }),
    [now, ds]
  );
  const state = useEcotiRequests(ds, requests).recommendations;
  if (state.status === 'loading') {
    return <LoadingPlaceholder text={t('recommendations-page.loading', 'Analysing the last 7 days…')} />;
  }
  const range = {
    from: requests.recommendations.range.from.valueOf(),
    to: requests.recommendations.range.to.valueOf(),
  };
  const view = recommendationsView(state.frames, state.error ? [{ message: state.error }] : undefined, {
    sortBy,
    categories: [],
    minConfidence: 0,
  });
  if (view.kind === 'empty') {
    return view.reason.status === 'query-error' ? (
      <Alert
        severity="error"
        title={t('recommendations-page.error', 'Could not compute the recommendations')}
        data-testid={testIds.recommendations.error}
      >
        {view.reason.message}
      </Alert>
    ) : (
      <RecommendationsEmpty reason={view.reason} />
    );
  }
  return (
    <div className={styles.page}>
      <SavingsSummary totals={view.totals} label={t('recommendations-page.total', 'All open recommendations')} />
      <div className={styles.toolbar}>
        <span id="ecoti-sort-label" className={styles.toolbarLabel}>
          {t('recommendations-page.sort', 'Sort by')}
        </span>
        <RadioButtonGroup
          aria-labelledby="ecoti-sort-label"
          options={SORT_KEYS.map((value) => ({ value, label: sortLabel(value) }))}
          value={sortBy}
          onChange={setSortBy}
          size="sm"
        />
      </div>
      {groupByCategory(view.rows).map((group) => (
        <CategorySection key={group.category} group={group} range={range} />
      ))}
    </div>
  );
}

function CategorySection({ group, range }: { group: CategoryGroup; range: { from: number; to: number } }) {
  const styles = useStyles2(getStyles);
  const headingId = useId();
  const label = categoryLabel(group.category);
  return (
    <section className={styles.group} aria-labelledby={headingId} data-testid={testIds.recommendations.group}>
      <h2 id={headingId} className={styles.groupTitle}>
        {label}
      </h2>
      <SavingsSummary
        totals={group.totals}
        label={t('recommendations-page.group-total', '{{category}}: totals', { category: label })}
      />
      <RecommendationGrid rows={group.rows} range={range} aria-label={label} />
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
  }),
  toolbar: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    flexWrap: 'wrap',
  }),
  toolbarLabel: css({
    color: theme.colors.text.secondary,
  }),
  group: css({
    display: 'flex',
    flexDirection: 'column',
  }),
  groupTitle: css({
    margin: theme.spacing(0, 0, 1),
    fontSize: theme.typography.h3.fontSize,
  }),
});
