// Overview: this month's energy, emissions and cost so far and forecast to month end, the savings
// open recommendations offer, the last 7 days' top anomalies, the trend of site power and what drives it.
import React, { useMemo, useState } from 'react';
import { css } from '@emotion/css';
import { DataSourceApi, GrafanaTheme2 } from '@grafana/data';
import { t } from '@grafana/i18n';
import { Alert, useStyles2 } from '@grafana/ui';
import type { StoredEcotiQuery } from '../../datasource/types';
import { DEFAULT_SETTINGS, EcotiSettings } from '../../shared/settings';
import { EcotiDataSourcePage } from '../shared/EcotiDataSourcePage';
import { useEcotiRequests } from '../shared/useEcotiRequests';
import { monthWindow, MONTH_QUERIES, overviewRequests } from './overviewRequests';
import { monthTotal } from './monthToDate';
import { topAnomalies } from './readAnomalies';
import { readTrends } from './readTrend';
import { readDrivers } from './readDrivers';
import { commonError } from './overviewState';
import { OverviewSection } from './OverviewSection';
import { MonthFigure } from './MonthFigure';
import { SavingsFigure } from './SavingsFigure';
import { AnomalyList } from './AnomalyList';
import { TrendSummary } from './TrendSummary';
import { DriverSummary } from './DriverSummary';
import { EnergyChart } from './EnergyChart';
import { testIds } from '../../components/testIds';
import { stackedColumn } from '../shared/pageStyles';

export interface OverviewPageProps {
  /** The app's settings (jsonData, resolved): the site's time zone decides where the month starts. */
  settings?: EcotiSettings;
  /** Fixed "now" (epoch ms) for tests and screenshots; the page's mount time otherwise. */
  now?: number;
}

export function OverviewPage({ settings = DEFAULT_SETTINGS, now }: OverviewPageProps) {
  return (
    <EcotiDataSourcePage testIds={testIds.overview}>
      {(ds) => <OverviewBody ds={ds} settings={settings} now={now} />}
    </EcotiDataSourcePage>
  );
}

function OverviewBody({
  ds,
  settings,
  now: fixedNow,
}: {
  ds: DataSourceApi<StoredEcotiQuery>;
  settings: EcotiSettings;
  now?: number;
}) {
  const styles = useStyles2(getStyles);
  const [now] = useState(() => fixedNow ?? Date.now());
  const win = useMemo(() => monthWindow(now, settings.timeZone), [now, settings.timeZone]);
  const requests = useMemo(() => overviewRequests(win, { uid: ds.uid, type: ds.type }), [win, ds]);
  const states = useEcotiRequests(ds, requests);
  const shared = commonError(Object.values(states));
  const month = states.month;
  const framesOf = (refId: string) => (month.status === 'done' ? month.frames.filter((f) => f.refId === refId) : []);
  const figures = [
    { key: MONTH_QUERIES.energy, label: t('overview.month.energy', 'Energy') },
    { key: MONTH_QUERIES.emissions, label: t('overview.month.emissions', 'Emissions (CO₂e)') },
    { key: MONTH_QUERIES.cost, label: t('overview.month.cost', 'Cost') },
  ];
  return (
    <div className={styles.page}>
      {shared && (
        <Alert severity="error" title={t('overview.all-failed', 'EcoTI AI could not answer')}>
          {shared}
        </Alert>
      )}
      <OverviewSection title={t('overview.month.title', 'This month')} state={month} hideError={Boolean(shared)}>
        {() => (
          <>
            <div className={styles.tiles}>
              {figures.map((f) => (
                <MonthFigure key={f.key} label={f.label} total={monthTotal(framesOf(f.key), win)} />
              ))}
            </div>
            {framesOf(MONTH_QUERIES.energy).length > 0 && (
              <EnergyChart frames={framesOf(MONTH_QUERIES.energy)} from={win.monthStart} to={win.monthEnd} />
            )}
          </>
        )}
      </OverviewSection>
      <div className={styles.columns}>
        <OverviewSection
          title={t('overview.savings.title', 'Savings available')}
          state={states.savings}
          hideError={Boolean(shared)}
        >
          {({ frames, error }) => <SavingsFigure frames={frames} error={error} />}
        </OverviewSection>
        <OverviewSection
          title={t('overview.trend.title', 'Site power trend, last 30 days')}
          state={states.trend}
          hideError={Boolean(shared)}
        >
          {({ frames }) => <TrendSummary rows={readTrends(frames)} />}
        </OverviewSection>
        <OverviewSection
          title={t('overview.drivers.title', 'What drives consumption')}
          state={states.drivers}
          hideError={Boolean(shared)}
        >
          {({ frames }) => <DriverSummary summaries={readDrivers(frames)} />}
        </OverviewSection>
        <OverviewSection
          title={t('overview.anomalies.title', 'Top anomalies, last 7 days')}
          state={states.anomalies}
          hideError={Boolean(shared)}
          testId={testIds.overview.anomalies}
        >
          {({ frames }) => <AnomalyList rows={topAnomalies(frames)} />}
        </OverviewSection>
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css(stackedColumn(theme, 2)),
  tiles: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 240px), 1fr))',
    gap: theme.spacing(1.5),
  }),
  columns: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 320px), 1fr))',
    gap: theme.spacing(2),
    alignItems: 'start',
  }),
});
