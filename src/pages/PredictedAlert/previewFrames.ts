// The preview's chart: each series' recent history, dashed forecast and band (the data source's own forecast
// frame, so it reads as in dashboards), and the threshold as a red line across the whole range.
import { createDataFrame, type DataFrame, FieldType } from '@grafana/data';
import { t } from '@grafana/i18n';
import { buildForecastFrame } from '../../datasource/frames/forecastFrame';
import type { PredictedKind } from '../../alerting/predictedAlertRule';
import { kindUnit, type Preview } from './previewForecast';

const DAY = 86_400_000;
/** Series drawn at most: the list below the chart names them all. */
export const MAX_DRAWN_SERIES = 8;

export function previewFrames(preview: Preview, kind: PredictedKind, threshold: number, leadMs: number): DataFrame[] {
  const unit = kindUnit(kind);
  const drawn = preview.series.slice(0, MAX_DRAWN_SERIES);
  const frames = drawn.map((s, i) => {
    const h = s.history;
    const end = h.timestamps[h.timestamps.length - 1];
    // Enough history to judge the forecast by: twice the lead time, a day at least.
    const start = end - Math.max(2 * leadMs, DAY);
    let first = 0;
    while (first < h.timestamps.length && h.timestamps[first] < start) {
      first++;
    }
    return buildForecastFrame({
      refId: 'preview',
      name: s.name,
      labels: s.labels,
      history: { timestamps: h.timestamps.subarray(first), values: h.values.subarray(first) },
      forecast: s.forecast,
      factorAt: () => 1,
      unit,
      quantity: '',
      level: 0.95,
      colourIndex: i,
      stepMs: s.stepMs,
      notices: [],
    });
  });
  const times = frames.flatMap((f) => {
    const values = f.fields[0].values as number[];
    return values.length ? [values[0], values[values.length - 1]] : [];
  });
  if (times.length) {
    frames.push(thresholdFrame(Math.min(...times), Math.max(...times), threshold, unit));
  }
  return frames;
}

function thresholdFrame(from: number, to: number, threshold: number, unit: string): DataFrame {
  return createDataFrame({
    refId: 'threshold',
    name: 'threshold',
    fields: [
      { name: 'Time', type: FieldType.time, values: [from, to] },
      {
        name: 'Threshold',
        type: FieldType.number,
        values: [threshold, threshold],
        config: {
          unit,
          displayName: t('predicted.chart.threshold', 'Threshold'),
          color: { mode: 'fixed', fixedColor: 'red' },
          custom: { lineStyle: { fill: 'dash', dash: [4, 4] }, lineWidth: 2, showPoints: 'never' },
        },
      },
    ],
  });
}
