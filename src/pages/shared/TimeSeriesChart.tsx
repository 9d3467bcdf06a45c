// Frames drawn by Grafana's own time series panel inside a page, as wide as the page allows, with the legend
// below and one tooltip for all series (the frames carry their colours, units and band config).
import React from 'react';
import { DataFrame, LoadingState } from '@grafana/data';
import { PanelRenderer } from '@grafana/runtime';
import { makeTimeRange } from './buildEcotiRequest';
import { useElementWidth } from './useElementWidth';

interface Props {
  title: string;
  frames: DataFrame[];
  from: number;
  to: number;
  height: number;
  testId: string;
}

export function TimeSeriesChart({ title, frames, from, to, height, testId }: Props) {
  const { ref, width } = useElementWidth<HTMLDivElement>();
  return (
    <div ref={ref} data-testid={testId}>
      <PanelRenderer
        pluginId="timeseries"
        title={title}
        width={width}
        height={height}
        data={{ state: LoadingState.Done, series: frames, timeRange: makeTimeRange(from, to) }}
        options={{
          legend: { showLegend: true, displayMode: 'list', placement: 'bottom', calcs: [] },
          tooltip: { mode: 'multi', sort: 'none' },
        }}
      />
    </div>
  );
}
