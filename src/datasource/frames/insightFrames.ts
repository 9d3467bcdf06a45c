// Frames for `insights` queries: anomaly score series, anomaly regions (a table that is also a
// valid annotation event frame: time, timeEnd, text, tags) and the trend table.
// Column and legend names are in the viewer's language (@grafana/i18n); field names stay the contract.
import { createDataFrame, DataFrame, FieldType, Labels } from '@grafana/data';
import { t } from '@grafana/i18n';
import type { AnomalyRegion, Trend } from '../../ml';
import { AS_TEXT } from './frameNames';
import { seriesColour } from './palette';

export function buildAnomalyScoreFrame(
  refId: string,
  name: string,
  labels: Labels,
  timestamps: ArrayLike<number>,
  scores: ArrayLike<number>,
  colourIndex: number
): DataFrame {
  return createDataFrame({
    refId,
    name: `${name} anomaly score`,
    fields: [
      { name: 'Time', type: FieldType.time, values: Array.from(timestamps) },
      {
        name: 'Anomaly score',
        type: FieldType.number,
        values: Array.from(scores),
        labels,
        config: {
          displayName: t('frames.anomaly.score', '{{series}} anomaly score', { series: name, ...AS_TEXT }),
          unit: 'percentunit',
          min: 0,
          max: 1,
          decimals: 2,
          color: { mode: 'fixed', fixedColor: seriesColour(colourIndex) },
        },
      },
    ],
  });
}

export interface LabelledRegion extends AnomalyRegion {
  series: string;
  labels: Labels;
  unit?: string;
}

/** Name of the regions table, by which annotations and tables pick it out. */
export const ANOMALY_REGIONS_FRAME = 'Anomalies';

export function buildAnomalyRegionsFrame(refId: string, regions: LabelledRegion[]): DataFrame {
  const sorted = [...regions].sort((a, b) => b.score - a.score || a.start - b.start);
  return createDataFrame({
    refId,
    name: ANOMALY_REGIONS_FRAME,
    meta: { preferredVisualisationType: 'table' },
    fields: [
      {
        name: 'time',
        type: FieldType.time,
        values: sorted.map((r) => r.start),
        config: { displayName: t('frames.anomaly.start', 'Start') },
      },
      {
        name: 'timeEnd',
        type: FieldType.time,
        values: sorted.map((r) => r.end),
        config: { displayName: t('frames.anomaly.end', 'End') },
      },
      {
        name: 'series',
        type: FieldType.string,
        values: sorted.map((r) => r.series),
        config: { displayName: t('frames.series', 'Series') },
      },
      {
        name: 'score',
        type: FieldType.number,
        values: sorted.map((r) => r.score),
        config: { displayName: t('frames.anomaly.score-column', 'Score'), unit: 'percentunit', decimals: 2 },
      },
      {
        name: 'expected',
        type: FieldType.number,
        values: sorted.map((r) => r.expected),
        config: { displayName: t('frames.anomaly.expected', 'Expected'), unit: sorted[0]?.unit },
      },
      {
        name: 'actual',
        type: FieldType.number,
        values: sorted.map((r) => r.actual),
        config: { displayName: t('frames.anomaly.actual', 'Actual'), unit: sorted[0]?.unit },
      },
      // Annotation text says what was expected, so an SRE reading a panel knows the size of the surprise.
      {
        name: 'text',
        type: FieldType.string,
        values: sorted.map((r) => `${r.series}: ${r.reason}`),
        config: { displayName: t('frames.anomaly.why', 'Why') },
      },
      {
        name: 'tags',
        type: FieldType.other,
        values: sorted.map((r) => ['ecoti', 'anomaly', ...Object.entries(r.labels).map(([k, v]) => `${k}:${v}`)]),
        config: { custom: { hidden: true } },
      },
    ],
  });
}

export interface LabelledTrend extends Trend {
  series: string;
  labels: Labels;
  unit?: string;
}

export function buildTrendFrame(refId: string, trends: LabelledTrend[]): DataFrame {
  return createDataFrame({
    refId,
    name: 'Trends',
    meta: { preferredVisualisationType: 'table' },
    fields: [
      {
        name: 'series',
        type: FieldType.string,
        values: trends.map((tr) => tr.series),
        config: { displayName: t('frames.series', 'Series') },
      },
      {
        name: 'slopePerDay',
        type: FieldType.number,
        values: trends.map((tr) => tr.slopePerDay),
        config: { displayName: t('frames.trend.slope', 'Slope per day'), unit: trends[0]?.unit },
      },
      {
        name: 'lower',
        type: FieldType.number,
        values: trends.map((tr) => tr.lower),
        config: { displayName: t('frames.trend.slope-lower', 'Slope lower 95%'), unit: trends[0]?.unit },
      },
      {
        name: 'upper',
        type: FieldType.number,
        values: trends.map((tr) => tr.upper),
        config: { displayName: t('frames.trend.slope-upper', 'Slope upper 95%'), unit: trends[0]?.unit },
      },
      {
        name: 'changepoints',
        type: FieldType.number,
        values: trends.map((tr) => tr.changepoints.length),
        // A count: without a unit of its own, a panel's default unit (watts on a power dashboard) would be drawn on it.
        config: { displayName: t('frames.trend.change-points', 'Change points'), unit: 'none', decimals: 0 },
      },
      {
        name: 'lastChange',
        type: FieldType.time,
        values: trends.map((tr) => (tr.changepoints.length ? tr.changepoints[tr.changepoints.length - 1] : null)),
        config: { displayName: t('frames.trend.last-change', 'Last change') },
      },
    ],
  });
}
