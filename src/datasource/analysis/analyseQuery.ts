// From upstream series to the frames of one EcoTI query: dispatches on query type and target,
// runs the ML through the task runner, and turns results and per-series problems into frames and
// notices. No I/O here: the data source fetches, this computes.
import { DataFrame, QueryResultMetaNotice } from '@grafana/data';
import { t } from '@grafana/i18n';
import { facilityKWhPerMonth, kWhPerMonth, recommend, RecommendationInput, Series } from '../../ml';
import type { AnomaliesQuery, RecommendationTarget, TrendsQuery } from '../types';
import { isKind } from '../query/queryKind';
import {
  buildAnomalyRegionsFrame,
  buildAnomalyScoreFrame,
  buildTrendFrame,
  LabelledRegion,
  LabelledTrend,
} from '../frames/insightFrames';
import { buildRecommendationFrame } from '../frames/recommendationFrame';
import { buildRecommendationInput } from './hostSignals';
import { analyseDrivers } from './analyseDrivers';
import { AnalysisInput, AnalysisOutput, collect, finish, info, within } from './analysisResult';
import { predict } from './predictQuery';

export type { AnalysisInput, AnalysisOutput } from './analysisResult';

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
