// This month's energy and its forecast to month end, drawn by Grafana's own time series panel
// (the data source's frames carry the band and dashed-forecast field config).
import React from 'react';
import { DataFrame, LoadingState } from '@grafana/data';
import { t } from '@grafana/i18n';
import { PanelRenderer } from '@grafana/runtime';
import { makeTimeRange } from '../shared/buildEcotiRequest';
import { useElementWidth } from '../shared/useElementWidth';
import { testIds } from '../../components/testIds';

const HEIGHT = 280;

export function EnergyChart({ frames, from, to }: { frames: DataFrame[]; from: number; to: number }) {
  const { ref, width } = useElementWidth<HTMLDivElement>();
  const timeRange = makeTimeRange(from, to);
  return (
    <div ref={ref} data-testid={testIds.overview.chart}>
      <PanelRenderer
        pluginId="timeseries"
        title={t('overview.chart.title', 'Energy this month, with the forecast to month end')}
        width={width}
        height={HEIGHT}
        data={{ state: LoadingState.Done, series: frames, timeRange }}
        options={{
          legend: { showLegend: true, displayMode: 'list', placement: 'bottom', calcs: [] },
          tooltip: { mode: 'multi', sort: 'none' },
        }}
      />
    </div>
  );
}
