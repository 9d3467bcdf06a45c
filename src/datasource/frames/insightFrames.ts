// Frames for `insights` queries: anomaly score series, anomaly regions (a table that is also a
// valid annotation event frame: time, timeEnd, text, tags) and the trend table.
// Column and legend names are in the viewer's language (@grafana/i18n); field names stay the contract.
import { createDataFrame, DataFrame, FieldType, Labels } from '@grafana/data';
import { t } from '@grafana/i18n';
import type { AnomalyRegion, Trend } from '../../ml';
import { AS_TEXT } from './frameNames';
import { seriesColourConfig } from './palette';
import { buildTableFrame, hiddenColumn, numberColumn, seriesColumn, textColumn, timeColumn } from './tableFrame';

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
          color: seriesColourConfig(colourIndex),
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
  const unit = sorted[0]?.unit;
  return buildTableFrame({ refId, name: ANOMALY_REGIONS_FRAME }, sorted, [
    timeColumn('time', t('frames.anomaly.start', 'Start'), (r) => r.start),
    timeColumn('timeEnd', t('frames.anomaly.end', 'End'), (r) => r.end),
    seriesColumn((r) => r.series),
    numberColumn('score', t('frames.anomaly.score-column', 'Score'), (r) => r.score, {
      unit: 'percentunit',
      decimals: 2,
    }),
    numberColumn('expected', t('frames.anomaly.expected', 'Expected'), (r) => r.expected, { unit }),
    numberColumn('actual', t('frames.anomaly.actual', 'Actual'), (r) => r.actual, { unit }),
    // Annotation text says what was expected, so an SRE reading a panel knows the size of the surprise.
    textColumn('text', t('frames.anomaly.why', 'Why'), (r) => `${r.series}: ${r.reason}`),
    hiddenColumn(
      'tags',
      (r) => ['ecoti', 'anomaly', ...Object.entries(r.labels).map(([k, v]) => `${k}:${v}`)],
      FieldType.other
    ),
  ]);
}

export interface LabelledTrend extends Trend {
  series: string;
  labels: Labels;
  unit?: string;
}

export function buildTrendFrame(refId: string, trends: LabelledTrend[]): DataFrame {
  const unit = trends[0]?.unit;
  return buildTableFrame({ refId, name: 'Trends' }, trends, [
    seriesColumn((tr) => tr.series),
    numberColumn('slopePerDay', t('frames.trend.slope', 'Slope per day'), (tr) => tr.slopePerDay, { unit }),
    numberColumn('lower', t('frames.trend.slope-lower', 'Slope lower 95%'), (tr) => tr.lower, { unit }),
    numberColumn('upper', t('frames.trend.slope-upper', 'Slope upper 95%'), (tr) => tr.upper, { unit }),
    // A count: without a unit of its own, a panel's default unit (watts on a power dashboard) would be drawn on it.
    numberColumn('changepoints', t('frames.trend.change-points', 'Change points'), (tr) => tr.changepoints.length, {
      unit: 'none',
      decimals: 0,
    }),
    timeColumn('lastChange', t('frames.trend.last-change', 'Last change'), (tr) => tr.changepoints.at(-1) ?? null),
  ]);
}
