// A page for screenshots taken by take.ts in Debian's Chromium, in Grafana's light or dark theme: the shipped
// dashboards drawn from their JSON with the frames the acceptance test's pipeline produced (dashboards.json, written
// by take.ts), the recommendation cards on a synthetic fleet, and the Predicted alerts page opened from a rack panel
// (take.ts fills in the threshold and clicks, the ML core forecasts in the page). A dashboard run in pt-BR (the board
// as a Brazilian viewer opens it) gets the cards panel's Portuguese too, and take.ts gives its page the pt-BR locale.
// Grafana itself cannot run here; its UI library and theme do.
import React from 'react';
import { createRoot } from 'react-dom/client';
import { css } from '@emotion/css';
import { createTheme, DataFrame, dateTime, GrafanaTheme2, LoadingState, PanelProps, ThemeContext } from '@grafana/data';
import { GlobalStyles } from '@grafana/ui';
import { RecommendationsPanel } from '../../src/panels/recommendations/RecommendationsPanel';
import { DEFAULT_PANEL_OPTIONS, RecommendationsPanelOptions } from '../../src/panels/recommendations/types';
import { fleetRecommendationFrame } from '../../src/components/Recommendations/testing/fleetRecommendations';
import type { SavedDashboards } from '../../integration/support/savedDashboards';
import { loadPortuguese } from '../../src/locales/testing/portuguese';
import panelJson from '../../src/panels/recommendations/plugin.json';
import panelPortuguese from '../../src/panels/recommendations/locales/pt-BR/renault-ecoti-recommendations-panel.json';
import { DashboardView } from './DashboardView';
import { PredictedAlertView } from './PredictedAlertView';

const params = new URLSearchParams(window.location.search);
const theme = createTheme({ colors: { mode: params.get('theme') === 'light' ? 'light' : 'dark' } });
const view = params.get('view') ?? 'cards';
const TO = Date.UTC(2026, 10, 25, 15);
const timeRange = { from: dateTime(TO - 3 * 86_400_000), to: dateTime(TO), raw: { from: 'now-3d', to: 'now' } };

function panelProps(
  frame: DataFrame,
  width: number,
  height: number,
  options: Partial<RecommendationsPanelOptions> = {}
): PanelProps<RecommendationsPanelOptions> {
  return {
    id: 1,
    data: { series: [frame], state: LoadingState.Done, timeRange },
    timeRange,
    timeZone: 'browser',
    options: { ...DEFAULT_PANEL_OPTIONS, ...options },
    fieldConfig: { defaults: {}, overrides: [] },
    transparent: false,
    width,
    height,
    renderCounter: 0,
    title: 'Recommendations',
    eventBus: undefined as never,
    onOptionsChange: () => {},
    onFieldConfigChange: () => {},
    replaceVariables: (v: string) => v,
    onChangeTimeRange: () => {},
  };
}

function Tile({
  title,
  children,
  width,
  height,
}: {
  title: string;
  children: React.ReactNode;
  width: number;
  height: number;
}) {
  const s = getStyles(theme);
  return (
    <section className={s.tile} style={{ width, height }} aria-label={title}>
      <h2 className={s.title}>{title}</h2>
      <div className={s.body}>{children}</div>
    </section>
  );
}

async function main() {
  const root = createRoot(document.getElementById('root')!);
  const recs = fleetRecommendationFrame();
  const s = getStyles(theme);
  let content: React.ReactNode;
  if (view === 'cards') {
    content = (
      <div className={s.row}>
        <Tile title="EcoTI recommendations" width={1180} height={720}>
          <RecommendationsPanel {...panelProps(recs, 1160, 680)} />
        </Tile>
      </div>
    );
  } else if (view === 'cards-narrow') {
    content = (
      <Tile title="EcoTI recommendations (phone)" width={360} height={900}>
        <RecommendationsPanel {...panelProps(recs, 340, 860)} />
      </Tile>
    );
  } else if (view === 'predicted-alert') {
    content = <PredictedAlertView />;
  } else {
    const saved: SavedDashboards = await (await fetch('dashboards.json')).json();
    const dashboard = saved.dashboards[view];
    if (dashboard.language === 'pt-BR') {
      // The frames carry the data source's texts in Portuguese already; the cards panel translates its own.
      await loadPortuguese(panelJson.id, panelPortuguese);
    }
    content = <DashboardView dashboard={dashboard} timeZone={saved.timeZone} />;
  }
  root.render(
    <ThemeContext.Provider value={theme}>
      <GlobalStyles />
      <main className={s.page} data-ready="true">
        {content}
      </main>
    </ThemeContext.Provider>
  );
}

const getStyles = (t: GrafanaTheme2) => ({
  page: css({ padding: t.spacing(1), background: t.colors.background.canvas, display: 'inline-block' }),
  row: css({ display: 'flex', gap: t.spacing(1), marginBottom: t.spacing(1) }),
  tile: css({
    background: t.colors.background.primary,
    border: `1px solid ${t.colors.border.weak}`,
    borderRadius: t.shape.radius.default,
    padding: t.spacing(1),
    display: 'flex',
    flexDirection: 'column',
    overflow: 'hidden',
  }),
  title: css({ ...t.typography.h6, margin: 0, marginBottom: t.spacing(1) }),
  body: css({ flex: 1, minHeight: 0 }),
});

main();
