// This month's energy and its forecast to month end, drawn by Grafana's own time series panel
// (the data source's frames carry the band and dashed-forecast field config).
import React from 'react';
import { DataFrame } from '@grafana/data';
import { t } from '@grafana/i18n';
import { TimeSeriesChart } from '../shared/TimeSeriesChart';
import { testIds } from '../../components/testIds';

export function EnergyChart({ frames, from, to }: { frames: DataFrame[]; from: number; to: number }) {
  return (
    <TimeSeriesChart
      title={t('overview.chart.title', 'Energy this month, with the forecast to month end')}
      frames={frames}
      from={from}
      to={to}
      height={280}
      testId={testIds.overview.chart}
    />
  );
}
