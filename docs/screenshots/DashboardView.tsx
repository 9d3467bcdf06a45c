// A shipped dashboard drawn from its JSON: panels placed by gridPos on Grafana's 24-column grid, each panel type drawn
// by the @grafana/ui component Grafana's own panel uses, with the frames the acceptance test's run produced.
import React from 'react';
import { css } from '@emotion/css';
import {
  applyFieldOverrides,
  DataFrame,
  dataFrameFromJSON,
  dateTime,
  FieldConfigSource,
  getFieldDisplayValues,
  GrafanaTheme2,
  LoadingState,
  PanelProps,
  ReduceDataOptions,
  TimeRange,
} from '@grafana/data';
import {
  BigValue,
  BigValueColorMode,
  BigValueGraphMode,
  BigValueJustifyMode,
  BigValueTextMode,
  Table,
  TimeSeries,
  useStyles2,
  useTheme2,
} from '@grafana/ui';
import { RecommendationsPanel } from '../../src/panels/recommendations/RecommendationsPanel';
import { fakeTemplateSrv } from '../../src/datasource/testing/fakeUpstream';
import { DEFAULT_PANEL_OPTIONS, RecommendationsPanelOptions } from '../../src/panels/recommendations/types';
import { fieldConfigRegistry } from './fieldConfigRegistry';
import type { SavedDashboards } from '../../integration/support/savedDashboards';

type SavedDashboard = SavedDashboards['dashboards'][string];
type SavedPanel = SavedDashboard['panels'][number];

// Grafana's grid: 24 columns, 30 px rows with 8 px gaps.
export const DASHBOARD_WIDTH = 1600;
const ROW = 30;
const GAP = 8;
const HEADER = 32;

const noVariables = (v: string) => v;

function panelFrames(saved: SavedPanel, theme: GrafanaTheme2, timeZone: string): DataFrame[] {
  const fieldConfig = (saved.panel.fieldConfig ?? { defaults: {}, overrides: [] }) as FieldConfigSource;
  return applyFieldOverrides({
    data: saved.frames.map((f) => dataFrameFromJSON(f)),
    fieldConfig,
    fieldConfigRegistry: fieldConfigRegistry(fieldConfig),
    replaceVariables: noVariables,
    theme,
    timeZone,
  });
}

function rangeOf(saved: SavedPanel): TimeRange {
  const from = dateTime(saved.range.from);
  const to = dateTime(saved.range.to);
  return { from, to, raw: { from, to } };
}

function StatBody({ saved, width, height, timeZone }: PanelBodyProps) {
  const theme = useTheme2();
  const options = (saved.panel.options ?? {}) as {
    reduceOptions: ReduceDataOptions;
    colorMode?: BigValueColorMode;
    textMode?: BigValueTextMode;
    justifyMode?: BigValueJustifyMode;
    orientation?: string;
  };
  const values = getFieldDisplayValues({
    data: panelFrames(saved, theme, timeZone),
    fieldConfig: (saved.panel.fieldConfig ?? { defaults: {}, overrides: [] }) as FieldConfigSource,
    reduceOptions: options.reduceOptions,
    replaceVariables: noVariables,
    theme,
    timeZone,
  });
  const horizontal = options.orientation === 'horizontal';
  const w = horizontal ? width : Math.floor(width / Math.max(1, values.length));
  const h = horizontal ? Math.floor(height / Math.max(1, values.length)) : height;
  return (
    <div style={{ display: 'flex', flexDirection: horizontal ? 'column' : 'row' }}>
      {values.map((v, i) => (
        <BigValue
          key={i}
          theme={theme}
          width={w}
          height={h}
          value={v.display}
          colorMode={options.colorMode ?? BigValueColorMode.Value}
          graphMode={BigValueGraphMode.None}
          textMode={options.textMode ?? BigValueTextMode.Auto}
          justifyMode={options.justifyMode ?? BigValueJustifyMode.Auto}
        />
      ))}
    </div>
  );
}

function TimeSeriesBody({ saved, width, height, timeZone }: PanelBodyProps) {
  const theme = useTheme2();
  const legend = (saved.panel.options as { legend?: object } | undefined)?.legend ?? {};
  return (
    <TimeSeries
      frames={panelFrames(saved, theme, timeZone)}
      width={width}
      height={height}
      timeRange={rangeOf(saved)}
      timeZone={timeZone}
      legend={{ showLegend: true, displayMode: 'list' as never, placement: 'bottom', calcs: [], ...legend }}
    >
      {() => null}
    </TimeSeries>
  );
}

function TableBody({ saved, width, height, timeZone }: PanelBodyProps) {
  const theme = useTheme2();
  const [frame] = panelFrames(saved, theme, timeZone);
  return frame ? <Table data={frame} width={width} height={height} /> : null;
}

function RecommendationsBody({ saved, width, height, timeZone }: PanelBodyProps) {
  const theme = useTheme2();
  const timeRange = rangeOf(saved);
  const props: PanelProps<RecommendationsPanelOptions> = {
    id: saved.panel.id,
    data: { series: panelFrames(saved, theme, timeZone), state: LoadingState.Done, timeRange },
    timeRange,
    timeZone,
    options: { ...DEFAULT_PANEL_OPTIONS, ...(saved.panel.options as Partial<RecommendationsPanelOptions>) },
    fieldConfig: { defaults: {}, overrides: [] },
    transparent: false,
    width,
    height,
    renderCounter: 0,
    title: saved.panel.title,
    eventBus: undefined as never,
    onOptionsChange: () => {},
    onFieldConfigChange: () => {},
    replaceVariables: noVariables,
    onChangeTimeRange: () => {},
  };
  return <RecommendationsPanel {...props} />;
}

/** Grafana's alert list reads Grafana's own alerting, which does not run here; the placeholder says so. */
const ALERT_LIST_PLACEHOLDER: Record<string, string> = {
  'en-US': "Lists Grafana's alerts (the EcoTI rules); Grafana alerting does not run in this screenshot.",
  'pt-BR':
    'Lista os alertas do Grafana (as regras EcoTI); o sistema de alertas do Grafana não roda nesta captura de tela.',
};

function AlertListBody({ language }: PanelBodyProps) {
  const s = useStyles2(getStyles);
  return <p className={s.placeholder}>{ALERT_LIST_PLACEHOLDER[language] ?? ALERT_LIST_PLACEHOLDER['en-US']}</p>;
}

interface PanelBodyProps {
  saved: SavedPanel;
  width: number;
  height: number;
  timeZone: string;
  language: string;
}

const BODIES: Record<string, (p: PanelBodyProps) => React.ReactElement | null> = {
  timeseries: TimeSeriesBody,
  stat: StatBody,
  table: TableBody,
  alertlist: AlertListBody,
  'renault-ecoti-recommendations-panel': RecommendationsBody,
};

export function DashboardView({ dashboard, timeZone }: { dashboard: SavedDashboard; timeZone: string }) {
  const s = useStyles2(getStyles);
  const column = (DASHBOARD_WIDTH + GAP) / 24;
  const bottom = Math.max(...dashboard.panels.map((p) => p.panel.gridPos.y + p.panel.gridPos.h));
  // Grafana shows titles with the dashboard's variables in their text format; these are the values the run used,
  // substituted by the template service it ran with.
  const templateSrv = fakeTemplateSrv(dashboard.variables);
  return (
    <div className={s.grid} style={{ width: DASHBOARD_WIDTH, height: bottom * (ROW + GAP) - GAP }}>
      {dashboard.panels.map((saved) => {
        const { x, y, w, h } = saved.panel.gridPos;
        const width = Math.round(w * column - GAP);
        const height = h * (ROW + GAP) - GAP;
        const Body = BODIES[saved.panel.type];
        const title = templateSrv.replace(saved.panel.title, undefined, 'text');
        return (
          <section
            key={saved.panel.id}
            className={s.panel}
            style={{ left: Math.round(x * column), top: y * (ROW + GAP), width, height }}
            aria-label={title}
          >
            <h2 className={s.title}>{title}</h2>
            {Body ? (
              <Body
                saved={saved}
                width={width - 16}
                height={height - HEADER - 8}
                timeZone={timeZone}
                language={dashboard.language}
              />
            ) : null}
          </section>
        );
      })}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  grid: css({ position: 'relative' }),
  panel: css({
    position: 'absolute',
    background: theme.colors.background.primary,
    border: `1px solid ${theme.components.panel.borderColor}`,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(0, 1, 1, 1),
    overflow: 'hidden',
  }),
  title: css({
    ...theme.typography.h6,
    height: HEADER,
    lineHeight: `${HEADER}px`,
    margin: 0,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  }),
  placeholder: css({ color: theme.colors.text.secondary, margin: theme.spacing(1, 0) }),
});
