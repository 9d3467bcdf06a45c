// Builds the frame of one forecast: history, dashed mean and a filled prediction band, with the
// field config a stock time-series panel needs to draw them without overrides.
import { createDataFrame, DataFrame, FieldType } from '@grafana/data';
import { forecastFrameNames } from './frameNames';
import { forecastFieldConfig, forecastFrameMeta, ForecastSeriesInput } from './forecastSeries';

export interface ForecastFrameInput extends ForecastSeriesInput {
  /** History to draw (already limited to the panel's range), or none. */
  history?: { timestamps: ArrayLike<number>; values: ArrayLike<number> };
  /** Converts forecast and history values into the shown quantity at time t (tariff, carbon). */
  factorAt: (t: number) => number;
}

export function buildForecastFrame(input: ForecastFrameInput): DataFrame {
  const { forecast: f, history, factorAt } = input;
  const h = history?.timestamps.length ?? 0;
  const n = h + f.timestamps.length;
  const time = new Array<number>(n);
  const actual = new Array<number | null>(n).fill(null);
  const mean = new Array<number | null>(n).fill(null);
  const lower = new Array<number | null>(n).fill(null);
  const upper = new Array<number | null>(n).fill(null);
  for (let i = 0; i < h; i++) {
    const t = history!.timestamps[i];
    const v = history!.values[i];
    time[i] = t;
    actual[i] = Number.isFinite(v) ? v * factorAt(t) : null;
  }
  // Start the forecast and band at the last observed point so the lines join.
  if (h > 0 && actual[h - 1] !== null) {
    mean[h - 1] = lower[h - 1] = upper[h - 1] = actual[h - 1];
  }
  for (let i = 0; i < f.timestamps.length; i++) {
    const t = f.timestamps[i];
    const k = factorAt(t);
    time[h + i] = t;
    mean[h + i] = f.mean[i] * k;
    lower[h + i] = f.lower[i] * k;
    upper[h + i] = f.upper[i] * k;
  }
  const names = forecastFrameNames(input.name, input.quantity, input.level);
  const labels = input.labels;
  const common = forecastFieldConfig(input);
  return createDataFrame({
    refId: input.refId,
    name: input.name,
    meta: forecastFrameMeta(input, input.notices, { seasonalities: f.seasonalities }),
    fields: [
      { name: 'Time', type: FieldType.time, values: time, config: { interval: input.stepMs } },
      {
        name: 'Value',
        type: FieldType.number,
        values: actual,
        labels,
        config: { ...common, displayName: names.actual },
      },
      {
        name: 'Forecast',
        type: FieldType.number,
        values: mean,
        labels,
        config: {
          ...common,
          displayName: names.mean,
          custom: { lineStyle: { fill: 'dash', dash: [10, 10] }, lineWidth: 2 },
        },
      },
      {
        name: 'Lower',
        type: FieldType.number,
        values: lower,
        labels,
        config: {
          ...common,
          displayName: names.lower,
          custom: { lineWidth: 0, hideFrom: { legend: true, tooltip: false, viz: false } },
        },
      },
      {
        name: 'Upper',
        type: FieldType.number,
        values: upper,
        labels,
        config: {
          ...common,
          displayName: names.upper,
          custom: {
            lineWidth: 0,
            fillBelowTo: names.lower,
            fillOpacity: 20,
            hideFrom: { legend: true, tooltip: false, viz: false },
          },
        },
      },
    ],
  });
}
