// From upstream series to the frames of one EcoTI query: dispatches on query type and target,
// runs the ML through the task runner, and turns results and per-series problems into frames and
// notices. No I/O here: the data source fetches, this computes.
import { DataFrame, QueryResultMetaNotice } from '@grafana/data';
import { recommend } from '../../ml';
import type { EcotiSettings } from '../../shared/settings';
import type { AnomaliesQuery, EcotiQuery, PredictQuery, RecommendationTarget, TrendsQuery } from '../types';
import { isKind } from '../query/queryKind';
import { durationMs } from '../query/validateQuery';
import type { UpstreamSeries } from '../frames/toSeries';
import { buildForecastFrame } from '../frames/forecastFrame';
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
import type { TaskRunner } from './taskRunner';

export interface AnalysisInput {
  /** Complete and valid: migrated and checked by the caller. */
  query: EcotiQuery;
  /** Series of the main upstream query (predict, anomalies, trends). */
  series: UpstreamSeries[];
  /** Series per signal (recommendations, optimization). */
  signals?: SignalSeries;
  range: { from: number; to: number };
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
  return trends(input, query);
}

async function predict(input: AnalysisInput, query: PredictQuery): Promise<AnalysisOutput> {
  const { settings } = input;
  const results = await input.run(
    input.series,
    {
      kind: 'predict',
      target: query.target,
      seriesKind: query.seriesKind,
      horizonMs: durationMs(query.horizon),
      level: query.level,
      method: query.method,
    },
    settings
  );
  const frames: DataFrame[] = [];
  const problems = collect(results);
  results.forEach((r, i) => {
    if (r.kind !== 'predict') {
      return;
    }
    const s = input.series[i];
    const history = query.includeHistory ? within(r.history, input.range.from, Infinity) : undefined;
    frames.push(
      buildForecastFrame({
        refId: query.refId,
        name: s.name,
        labels: s.labels,
        history,
        forecast: r.forecast,
        factorAt: () => 1,
        unit: r.unit,
        quantity: r.quantity,
        level: query.level,
        colourIndex: i,
        stepMs: r.stepMs,
        notices: r.notices.map(info),
        executedQuery: s.executedQuery,
      })
    );
  });
  return finish(frames, problems);
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
  const recs = recommend(buildRecommendationInput(signals, input.settings), category);
  const notices: QueryResultMetaNotice[] = [];
  if (signals.power.length === 0) {
    notices.push(
      info('No power series: idle-server, consolidation and load-shifting rules need power in watts per host.')
    );
  }
  return { frames: [buildRecommendationFrame(query.refId, recs, input.evidence, input.settings.currency)], notices };
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
