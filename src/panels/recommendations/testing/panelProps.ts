// Test helper: the props Grafana gives the panel, around the frames under test.
import { DataFrame, DataQueryError, dateTime, LoadingState, PanelProps, TimeRange } from '@grafana/data';
import { DEFAULT_PANEL_OPTIONS, RecommendationsPanelOptions } from '../types';

export const PANEL_FROM = Date.UTC(2026, 10, 9);
export const PANEL_TO = Date.UTC(2026, 10, 16);

export function panelProps(
  series: DataFrame[],
  options: Partial<RecommendationsPanelOptions> = {},
  errors?: DataQueryError[],
  width = 1200
): PanelProps<RecommendationsPanelOptions> {
  const timeRange: TimeRange = {
    from: dateTime(PANEL_FROM),
    to: dateTime(PANEL_TO),
    raw: { from: 'now-7d', to: 'now' },
  };
  return {
    id: 1,
    data: { state: LoadingState.Done, series, errors, timeRange },
    timeRange,
    timeZone: 'utc',
    options: { ...DEFAULT_PANEL_OPTIONS, ...options },
    fieldConfig: { defaults: {}, overrides: [] },
    width,
    height: 800,
    transparent: false,
    title: 'Recommendations',
    renderCounter: 0,
    eventBus: {} as never,
    onOptionsChange: jest.fn(),
    onFieldConfigChange: jest.fn(),
    onChangeTimeRange: jest.fn(),
    replaceVariables: (s: string) => s,
  } as unknown as PanelProps<RecommendationsPanelOptions>;
}
