// From upstream series to the frames of one EcoTI query: dispatches on query type and target,
// runs the ML through the task runner, and turns results and per-series problems into frames and
// notices. No I/O here: the data source fetches, this computes.
import { DataFrame, QueryResultMetaNotice } from '@grafana/data';
import { t } from '@grafana/i18n';
import { facilityKWhPerMonth, Forecast, kWhPerMonth, recommend, RecommendationInput, Series } from '../../ml';
import type { EcotiSettings } from '../../shared/settings';
import type { AnomaliesQuery, EcotiQuery, PredictQuery, RecommendationTarget, TrendsQuery } from '../types';
import { isKind } from '../query/queryKind';
import { durationMs, MAX_HORIZON_MS } from '../query/validateQuery';
import type { UpstreamSeries } from '../frames/toSeries';
import { buildForecastFrame } from '../frames/forecastFrame';
import { buildPeriodTotalsFrame } from '../frames/periodTotals';
import { AS_TEXT } from '../frames/frameNames';
import {
  buildAnomalyRegionsFrame,
  buildAnomalyScoreFrame,
  buildTrendFrame,
  LabelledRegion,
  LabelledTrend,
} from '../frames/insightFrames';
import { buildRecommendationFrame } from '../frames/recommendationFrame';
import { buildRecommendationInput, SignalSeries } from './hostSignals';
import type { SeriesResult } from './computeSeries';
import { analyseDrivers } from './analyseDrivers';
import type { DriverInput } from './explainSeries';
import type { TaskRunner } from './taskRunner';

export interface AnalysisInput {
  /** Complete and valid: migrated and checked by the caller. */
  query: EcotiQuery;
  /** Series of the main upstream query (predict, anomalies, trends). */
  series: UpstreamSeries[];
  /** Series per signal (recommendations, optimization). */
  signals?: SignalSeries;
  /** Series per driver query (drivers). */
  drivers?: DriverInput[];
  range: { from: number; to: number };
  /**
   * Set when the range ends in the future: forecasts reach this time (the horizon grows to it, up to the
   * longest horizon served) and stop there, so every forecast point lies inside the range.
   */
  forecastUntil?: number;
  settings: EcotiSettings;
  run: TaskRunner;
  /** For the evidence links of recommendations. */
  evidence: { query: string; upstreamUid: string };
}

export interface AnalysisOutput {
  frames: DataFrame[];
  notices: QueryResultMetaNotice[];
  /** Set when nothing could be computed: Grafana shows it as the query's error. */
  error?: string;
}

export async function analyseQuery(input: AnalysisInput): Promise<AnalysisOutput> {
  const { query } = input;
  if (isKind(query, 'recommendations')) {
    return recommendations(input, query.queryType === 'recommendations' ? query.target : undefined);
  }
  if (input.series.length === 0) {
    return {
      frames: [],
      notices: [],
      error:
        'The upstream query returned no series in this time range. Check the query in Explore, or widen the time range.',
    };
  }
  if (isKind(query, 'predict')) {
    return predict(input, query);
  }
  if (isKind(query, 'anomalies')) {
    return anomalies(input, query);
  }
  if (isKind(query, 'drivers')) {
    return analyseDrivers(query, input.series, input.drivers ?? [], input.settings, input.run);
  }
  return trends(input, query);
}

async function predict(input: AnalysisInput, query: PredictQuery): Promise<AnalysisOutput> {
  const { settings } = input;
  const until = input.forecastUntil;
  const results = await input.run(
    input.series,
    {
      kind: 'predict',
      target: query.target,
      seriesKind: query.seriesKind,
      horizonMs: horizonFor(query, input.series, until),
      level: query.level,
      method: query.method,
    },
    settings
  );
  const frames: DataFrame[] = [];
  const problems = collect(results);
  const notices: QueryResultMetaNotice[] = [];
  results.forEach((r, i) => {
    if (r.kind !== 'predict') {
      return;
    }
    const s = input.series[i];
    const forecast = until === undefined ? r.forecast : forecastUpTo(r.forecast, until);
    const seriesNotices = r.notices.map(info);
    const last = forecast.timestamps[forecast.timestamps.length - 1];
    if (until !== undefined && !(last >= until - r.stepMs)) {
      seriesNotices.push(
        info(
          t(
            'analysis.forecast-short',
            'The forecast of {{series}} ends at {{end}}, before the end of the time range: forecasts reach at most {{days}} days ahead.',
            { series: s.name, end: new Date(last).toISOString(), days: MAX_HORIZON_MS / 86_400_000, ...AS_TEXT }
          )
        )
      );
    }
    if (query.period === 'step') {
      const history = query.includeHistory ? within(r.history, input.range.from, Infinity) : undefined;
      frames.push(
        buildForecastFrame({
          refId: query.refId,
          name: s.name,
          labels: s.labels,
          history,
          forecast,
          factorAt: () => 1,
          unit: r.unit,
          quantity: r.quantity,
          level: query.level,
          colourIndex: i,
          stepMs: r.stepMs,
          notices: seriesNotices,
          executedQuery: s.executedQuery,
        })
      );
    } else {
      // Totals of a site's month are tonnes of CO2e, not kilograms.
      const tonnes = query.target === 'emissions';
      const k = tonnes ? 1 / 1000 : 1;
      frames.push(
        buildPeriodTotalsFrame({
          refId: query.refId,
          name: s.name,
          labels: s.labels,
          period: query.period,
          timeZone: settings.timeZone,
          range: input.range,
          history: scaled(within(r.history, input.range.from, input.range.to), k),
          forecast: tonnes ? scaleForecast(forecast, k) : forecast,
          unit: tonnes ? 'masst' : r.unit,
          quantity: tonnes ? 'tCO2e' : r.quantity,
          level: query.level,
          colourIndex: i,
          stepMs: r.stepMs,
          notices: seriesNotices,
          executedQuery: s.executedQuery,
        })
      );
    }
  });
  if (until === undefined && query.period === 'step' && frames.length > 0 && endsBeforeForecast(results, input)) {
    notices.push(
      info(
        t(
          'analysis.range-ends-before-forecast',
          'The time range ends before the forecast starts: set its end into the future (for example now+1d) to see the forecast.'
        )
      )
    );
  }
  const out = finish(frames, problems);
  return { ...out, notices: [...notices, ...out.notices] };
}

/**
 * The query's horizon, or longer when the range ends in the future: far enough from the earliest last sample
 * of the series to reach the range's end, up to the longest horizon a query may ask for.
 */
function horizonFor(query: PredictQuery, series: UpstreamSeries[], until: number | undefined): number {
  const asked = durationMs(query.horizon);
  if (until === undefined) {
    return asked;
  }
  let start = Infinity;
  for (const s of series) {
    const n = s.timestamps.length;
    if (n > 0) {
      start = Math.min(start, s.timestamps[n - 1]);
    }
  }
  return Number.isFinite(start) ? Math.min(MAX_HORIZON_MS, Math.max(asked, until - start)) : asked;
}

/** The forecast's points up to and including `until`. */
function forecastUpTo(f: Forecast, until: number): Forecast {
  let n = f.timestamps.length;
  while (n > 0 && f.timestamps[n - 1] > until) {
    n--;
  }
  return n === f.timestamps.length
    ? f
    : {
        ...f,
        timestamps: f.timestamps.slice(0, n),
        mean: f.mean.slice(0, n),
        lower: f.lower.slice(0, n),
        upper: f.upper.slice(0, n),
      };
}

function scaleForecast(f: Forecast, k: number): Forecast {
  const times = (a: number[]) => a.map((v) => v * k);
  return { ...f, mean: times(f.mean), lower: times(f.lower), upper: times(f.upper) };
}

function scaled(s: { timestamps: Float64Array; values: Float64Array }, k: number) {
  return k === 1 ? s : { timestamps: s.timestamps, values: s.values.map((v) => v * k) };
}

/** True when every forecast starts after the range's end: a panel would show none of it. */
function endsBeforeForecast(results: SeriesResult[], input: AnalysisInput): boolean {
  return results.every((r) => r.kind !== 'predict' || !(r.forecast.timestamps[0] <= input.range.to));
}

async function anomalies(input: AnalysisInput, query: AnomaliesQuery): Promise<AnalysisOutput> {
  const results = await input.run(input.series, { kind: 'anomalies', sensitivity: query.sensitivity }, input.settings);
  const frames: DataFrame[] = [];
  const regions: LabelledRegion[] = [];
  const problems = collect(results);
  results.forEach((r, i) => {
    if (r.kind !== 'anomalies') {
      return;
    }
    const s = input.series[i];
    const shown = within({ timestamps: s.timestamps, values: r.scores }, input.range.from, input.range.to);
    frames.push(buildAnomalyScoreFrame(query.refId, s.name, s.labels, shown.timestamps, shown.values, i));
    for (const region of r.regions) {
      if (region.end >= input.range.from && region.start <= input.range.to) {
        regions.push({ ...region, series: s.name, labels: s.labels, unit: s.unit });
      }
    }
  });
  frames.push(buildAnomalyRegionsFrame(query.refId, regions));
  return finish(frames, problems);
}

async function trends(input: AnalysisInput, query: TrendsQuery): Promise<AnalysisOutput> {
  // The trend a user asks about is the one in the panel's range.
  const inRange = input.series.map((s) => ({ ...s, ...within(s, input.range.from, input.range.to) }));
  const results = await input.run(inRange, { kind: 'trends' }, input.settings);
  const problems = collect(results);
  const rows: LabelledTrend[] = [];
  results.forEach((r, i) => {
    if (r.kind === 'trends') {
      rows.push({ ...r.trend, series: inRange[i].name, labels: inRange[i].labels, unit: inRange[i].unit });
    }
  });
  return finish(rows.length ? [buildTrendFrame(query.refId, rows)] : [], problems);
}

/** `category` narrows to one category of rules; the optimisation insight runs them all. */
function recommendations(input: AnalysisInput, category?: RecommendationTarget): AnalysisOutput {
  const { query } = input;
  const signals = input.signals;
  if (
    !signals ||
    (signals.cpu.length === 0 &&
      signals.power.length === 0 &&
      signals.inletTemperature.length === 0 &&
      signals.facilityPower.length === 0)
  ) {
    return {
      frames: [buildRecommendationFrame(query.refId, [], input.evidence, input.settings.currency)],
      notices: [],
      error:
        'None of the signal queries (CPU, power, inlet temperature, facility power) returned series. Check them in the query editor.',
    };
  }
  const ruleInput = buildRecommendationInput(signals, input.settings);
  const recs = recommend(ruleInput, category);
  const notices: QueryResultMetaNotice[] = [];
  if (signals.power.length === 0) {
    notices.push(
      info('No power series: idle-server, consolidation and load-shifting rules need power in watts per host.')
    );
  }
  const siteKWh = siteKWhPerMonth(ruleInput);
  if (siteKWh === undefined && recs.length > 0) {
    notices.push(
      info(
        t(
          'analysis.no-site-energy',
          'No facility or IT power series: the share of the site’s energy each recommendation saves is left empty.'
        )
      )
    );
  }
  return {
    frames: [buildRecommendationFrame(query.refId, recs, input.evidence, input.settings.currency, siteKWh)],
    notices,
  };
}

/**
 * The site's facility energy per month, measured: the facility meters' mean power, or the IT meters' × PUE, over
 * the same 730-hour month the rules count savings in, so that savings ÷ this is the share of the site they save.
 */
function siteKWhPerMonth(ruleInput: RecommendationInput): number | undefined {
  const facility = meanWatts(ruleInput.facilityPowerW);
  if (facility !== undefined) {
    return kWhPerMonth(facility);
  }
  const it = meanWatts(ruleInput.itPowerW);
  return it === undefined ? undefined : facilityKWhPerMonth(it, ruleInput.site);
}

function meanWatts(s: Series | undefined): number | undefined {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < (s?.values.length ?? 0); i++) {
    const v = s!.values[i];
    if (Number.isFinite(v)) {
      sum += v;
      n++;
    }
  }
  return n > 0 && sum > 0 ? sum / n : undefined;
}

/** Per-series failures become warnings; the query fails only when every series failed. */
function collect(results: SeriesResult[]): string[] {
  return results.flatMap((r) => (r.kind === 'error' ? [r.message] : []));
}

function finish(frames: DataFrame[], problems: string[]): AnalysisOutput {
  if (frames.length === 0) {
    return {
      frames,
      notices: [],
      error: problems.length ? problems.join('\n') : 'Nothing could be computed for this query.',
    };
  }
  return { frames, notices: problems.map(warning) };
}

function within(s: { timestamps: ArrayLike<number>; values: ArrayLike<number> }, from: number, to: number) {
  let a = 0;
  while (a < s.timestamps.length && s.timestamps[a] < from) {
    a++;
  }
  let b = s.timestamps.length;
  while (b > a && s.timestamps[b - 1] > to) {
    b--;
  }
  return {
    timestamps: Float64Array.from({ length: b - a }, (_, i) => s.timestamps[a + i]),
    values: Float64Array.from({ length: b - a }, (_, i) => s.values[a + i]),
  };
}

const info = (text: string): QueryResultMetaNotice => ({ severity: 'info', text });
const warning = (text: string): QueryResultMetaNotice => ({ severity: 'warning', text });
