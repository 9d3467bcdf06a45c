// A page that renders the plugin's own components with real frames (the ML rules and forecasts run
// on a synthetic fleet), in Grafana's light or dark theme, for screenshots taken by take.ts in
// Debian's Chromium. Grafana itself cannot run here; its UI library and theme do.
import React from 'react';
import { createRoot } from 'react-dom/client';
import { css } from '@emotion/css';
import {
  applyFieldOverrides,
  createTheme,
  DataFrame,
  dateTime,
  FieldType,
  GrafanaTheme2,
  LoadingState,
  PanelProps,
  ThemeContext,
  getDisplayProcessor,
} from '@grafana/data';
import {
  BigValue,
  BigValueColorMode,
  BigValueGraphMode,
  BigValueJustifyMode,
  BigValueTextMode,
  GlobalStyles,
  TimeSeries,
} from '@grafana/ui';
import { RecommendationsPanel } from '../../src/panels/recommendations/RecommendationsPanel';
import { DEFAULT_PANEL_OPTIONS, RecommendationsPanelOptions } from '../../src/panels/recommendations/types';
import { fleetRecommendationFrame } from '../../src/components/Recommendations/testing/fleetRecommendations';
import { analyseQuery } from '../../src/datasource/analysis/analyseQuery';
import { runInline } from '../../src/datasource/analysis/taskRunner';
import { migrateQuery } from '../../src/datasource/query/migrateQuery';
import { UpstreamSeries } from '../../src/datasource/frames/toSeries';
import { resolveSettings } from '../../src/shared/settings';
import { seededRandom } from '../../src/ml/testing';

const params = new URLSearchParams(window.location.search);
const theme = createTheme({ colors: { mode: params.get('theme') === 'light' ? 'light' : 'dark' } });
const view = params.get('view') ?? 'cards';

const HOUR = 3_600_000;
const TO = Date.UTC(2026, 10, 25, 15);
const FROM = TO - 3 * 24 * HOUR;
const timeRange = { from: dateTime(FROM), to: dateTime(TO + 2 * 24 * HOUR), raw: { from: 'now-3d', to: 'now+2d' } };
const settings = resolveSettings({ pue: 1.58, carbonIntensity: 38.5, currency: 'BRL' });

/** IT power of the site: a daily cycle, weekday load, a slow rise and noise, every 15 minutes for two weeks. */
function sitePower(): UpstreamSeries {
  const rnd = seededRandom(7);
  const step = 15 * 60_000;
  const start = TO - 14 * 24 * HOUR;
  const n = (TO - start) / step + 1;
  const timestamps = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = start + i * step;
    const hour = (t / HOUR - 3 + 24) % 24;
    const weekday = new Date(t - 3 * HOUR).getUTCDay() % 6 !== 0;
    timestamps[i] = t;
    values[i] =
      42_000 +
      9_000 * Math.max(0, Math.sin((Math.PI * (hour - 7)) / 13)) * (weekday ? 1 : 0.55) +
      (i / n) * 1500 +
      700 * rnd.normal();
  }
  return { key: '{}', name: 'IT power', labels: {}, unit: 'watt', timestamps, values };
}

async function forecastFrames(target: 'consumption' | 'emissions' | 'costs'): Promise<DataFrame[]> {
  const query = migrateQuery({
    refId: 'A',
    queryType: 'predict',
    target,
    horizon: '48h',
    seriesKind: 'power_w',
  });
  const out = await analyseQuery({
    query,
    series: [sitePower()],
    range: { from: FROM, to: TO },
    settings,
    run: runInline,
    evidence: { query: 'sum(ipmi_dcmi_power_consumption_watts)', upstreamUid: 'prom' },
  });
  return applyFieldOverrides({
    data: out.frames,
    fieldConfig: { defaults: { custom: { spanNulls: true } }, overrides: [] },
    replaceVariables: (v: string) => v,
    theme,
    timeZone: 'utc',
  });
}

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

function Figure({
  value,
  unit,
  width,
  height,
  decimals = 0,
}: {
  value: number;
  unit: string;
  width: number;
  height: number;
  decimals?: number;
}) {
  const display = getDisplayProcessor({ field: { type: FieldType.number, config: { unit, decimals } }, theme });
  return (
    <BigValue
      theme={theme}
      width={width}
      height={height}
      value={{ ...display(value), color: theme.colors.success.text }}
      colorMode={BigValueColorMode.Value}
      graphMode={BigValueGraphMode.None}
      justifyMode={BigValueJustifyMode.Center}
      textMode={BigValueTextMode.Value}
    />
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
  } else {
    const [energy, co2, cost] = await Promise.all([
      forecastFrames('consumption'),
      forecastFrames('emissions'),
      forecastFrames('costs'),
    ]);
    const money = recs.fields
      .find((f) => f.name === 'moneyPerMonth')!
      .values.reduce((a: number, b: number) => a + b, 0);
    const kg = recs.fields.find((f) => f.name === 'kgCO2ePerMonth')!.values.reduce((a: number, b: number) => a + b, 0);
    const kwh = recs.fields.find((f) => f.name === 'kWhPerMonth')!.values.reduce((a: number, b: number) => a + b, 0);
    const chart = (frames: DataFrame[]) => (
      <TimeSeries
        frames={frames}
        width={376}
        height={230}
        timeRange={timeRange}
        timeZone="utc"
        legend={{ showLegend: true, displayMode: 'list' as never, placement: 'bottom', calcs: [] }}
      >
        {() => null}
      </TimeSeries>
    );
    content = (
      <>
        <div className={s.row}>
          <Tile title="Consumo previsto · Predicted consumption (kWh)" width={392} height={290}>
            {chart(energy)}
          </Tile>
          <Tile title="Emissões previstas · Predicted emissions (kgCO2e)" width={392} height={290}>
            {chart(co2)}
          </Tile>
          <Tile title="Custo previsto · Predicted cost (BRL)" width={392} height={290}>
            {chart(cost)}
          </Tile>
        </div>
        <div className={s.row}>
          <Tile title="Economia anual projetada · Projected annual savings" width={290} height={150}>
            <Figure value={money * 12} unit="currencyBRL" width={270} height={100} />
          </Tile>
          <Tile title="Retorno · Payback on BRL 5,000" width={290} height={150}>
            <Figure value={5_000 / money} unit="months" width={270} height={100} decimals={1} />
          </Tile>
          <Tile title="CO2e evitado por ano · CO2e avoided per year" width={290} height={150}>
            <Figure value={kg * 12} unit="masskg" width={270} height={100} />
          </Tile>
          <Tile title="Energia poupada por ano · Energy saved per year" width={290} height={150}>
            <Figure value={kwh * 12} unit="kwatth" width={270} height={100} />
          </Tile>
        </div>
        <div className={s.row}>
          <Tile title="Recomendações automáticas · Automatic recommendations" width={1192} height={520}>
            <RecommendationsPanel {...panelProps(recs, 1172, 480)} />
          </Tile>
        </div>
      </>
    );
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
