// @grafana/runtime for the gallery: everything from the real package, except PanelRenderer, which only a running
// Grafana provides; here it draws the time series panel's way (field overrides applied, then @grafana/ui's
// TimeSeries), as DashboardView does for the dashboards. take.ts points the app's imports of @grafana/runtime here.
import React from 'react';
import { applyFieldOverrides, type PanelData } from '@grafana/data';
import { TimeSeries, useTheme2 } from '@grafana/ui';
import { fieldConfigRegistry } from './fieldConfigRegistry';

export * from '@grafana/runtime';

interface Props {
  pluginId: string;
  title: string;
  width: number;
  height: number;
  data: PanelData;
  options?: { legend?: object };
}

export function PanelRenderer({ data, width, height, options }: Props) {
  const theme = useTheme2();
  const fieldConfig = { defaults: {}, overrides: [] };
  const frames = applyFieldOverrides({
    data: data.series,
    fieldConfig,
    fieldConfigRegistry: fieldConfigRegistry(fieldConfig),
    replaceVariables: (v: string) => v,
    theme,
    timeZone: 'utc',
  });
  return (
    <TimeSeries
      frames={frames}
      width={width}
      height={height}
      timeRange={data.timeRange}
      timeZone="utc"
      legend={{ showLegend: true, displayMode: 'list' as never, placement: 'bottom', calcs: [], ...options?.legend }}
    >
      {() => null}
    </TimeSeries>
  );
}
