// Totals of a forecast quantity (facility kWh, tCO2e, money) per calendar day or month of the site: what was
// measured in each period, and measured plus forecast for the periods the forecast reaches. A board reads kWh
// per month this way whatever the zoom, where a per-step series changes with the step Grafana picks.
import { createDataFrame, DataFrame, dateTimeForTimeZone, FieldType } from '@grafana/data';
import { t } from '@grafana/i18n';
import type { Forecast } from '../../ml';
import type { TotalsPeriod } from '../types';
import { AS_TEXT, bandNames, quantityName } from './frameNames';
import { forecastFieldConfig, forecastFrameMeta, ForecastSeriesInput } from './forecastSeries';

type CalendarPeriod = Exclude<TotalsPeriod, 'step'>;

/** Start of the site's day or month that holds `t`. */
export function periodStart(t: number, period: CalendarPeriod, timeZone: string): number {
  return dateTimeForTimeZone(timeZone, t).startOf(period).valueOf();
}

/** Start of the period after the one starting at `start`. */
function nextPeriod(start: number, period: CalendarPeriod, timeZone: string): number {
  return dateTimeForTimeZone(timeZone, start).add(1, period).startOf(period).valueOf();
}

/**
 * The whole periods that cover a time range: from the start of the period holding `from` to the end of the
 * one holding `to` (a range that ends exactly on a boundary, as Grafana's `now+1M/M` does a millisecond
 * before one, takes no extra period).
 */
export function wholePeriods(
  range: { from: number; to: number },
  period: TotalsPeriod,
  timeZone: string
): { from: number; to: number } {
  if (period === 'step') {
    return range;
  }
  const from = periodStart(range.from, period, timeZone);
  const last = periodStart(Math.max(range.from, range.to - 1), period, timeZone);
  return { from, to: nextPeriod(last, period, timeZone) };
}

/** Starts of the periods in [from, to), then `to`: n periods have n + 1 edges. */
export function periodEdges(from: number, to: number, period: CalendarPeriod, timeZone: string): number[] {
  const edges: number[] = [];
  for (let s = periodStart(from, period, timeZone); s < to; s = nextPeriod(s, period, timeZone)) {
    edges.push(s);
  }
  edges.push(to);
  return edges;
}

export interface PeriodSums {
  sums: Float64Array;
  /** Points counted in each period (finite values only). */
  counts: Int32Array;
}

/** Sums the finite values per period: a point at t belongs to the period with edges[i] ≤ t < edges[i + 1]. */
export function sumPerPeriod(
  points: { timestamps: ArrayLike<number>; values: ArrayLike<number> },
  edges: number[]
): PeriodSums {
  const n = Math.max(0, edges.length - 1);
  const sums = new Float64Array(n);
  const counts = new Int32Array(n);
  let p = 0;
  for (let i = 0; i < points.timestamps.length; i++) {
    const ts = points.timestamps[i];
    const v = points.values[i];
    if (ts < edges[0] || !Number.isFinite(v)) {
      continue;
    }
    while (p < n && ts >= edges[p + 1]) {
      p++;
    }
    if (p >= n) {
      break;
    }
    sums[p] += v;
    counts[p]++;
  }
  return { sums, counts };
}

export interface PeriodTotalsInput extends ForecastSeriesInput {
  period: CalendarPeriod;
  timeZone: string;
  /** The whole periods to total (see wholePeriods). */
  range: { from: number; to: number };
  /** Measured values per step, in the shown quantity. */
  history: { timestamps: ArrayLike<number>; values: ArrayLike<number> };
  /** Forecast per step, in the shown quantity, already cut at the end of the range. */
  forecast: Forecast;
}

/**
 * One row per period: `Value` what was measured in it (null when nothing was), `Total` measured plus forecast
 * (the measured total for a period the forecast does not reach), `Lower` and `Upper` the total with the sums of
 * the band's bounds (only where the forecast contributes). The band of a sum of steps is not the sum of the
 * steps' bands; adding the bounds gives a conservative (wider) range, as the Overview page says too.
 */
export function buildPeriodTotalsFrame(input: PeriodTotalsInput): DataFrame {
  const edges = periodEdges(input.range.from, input.range.to, input.period, input.timeZone);
  const measured = sumPerPeriod(input.history, edges);
  const f = input.forecast;
  const mean = sumPerPeriod({ timestamps: f.timestamps, values: f.mean }, edges);
  const lower = sumPerPeriod({ timestamps: f.timestamps, values: f.lower }, edges);
  const upper = sumPerPeriod({ timestamps: f.timestamps, values: f.upper }, edges);
  const n = edges.length - 1;
  const time = edges.slice(0, n);
  const value: Array<number | null> = [];
  const total: Array<number | null> = [];
  const low: Array<number | null> = [];
  const high: Array<number | null> = [];
  for (let i = 0; i < n; i++) {
    const seen = measured.counts[i] > 0;
    const ahead = mean.counts[i] > 0;
    value.push(seen ? measured.sums[i] : null);
    total.push(seen || ahead ? measured.sums[i] + mean.sums[i] : null);
    low.push(ahead ? measured.sums[i] + lower.sums[i] : null);
    high.push(ahead ? measured.sums[i] + upper.sums[i] : null);
  }
  const notices = [...input.notices];
  const firstMeasured = firstFinite(input.history);
  if (firstMeasured !== undefined && firstMeasured - input.stepMs > edges[0]) {
    notices.push({
      severity: 'warning',
      text: t(
        'frames.period.short-history',
        'The history of {{series}} starts at {{start}}: the first period’s total leaves out the time before.',
        { series: input.name, start: new Date(firstMeasured).toISOString(), ...AS_TEXT }
      ),
    });
  }
  const base = quantityName(input.name, input.quantity);
  const band = bandNames(base, input.level);
  const common = forecastFieldConfig(input);
  const bars = { drawStyle: 'bars', barAlignment: 1, lineWidth: 1 };
  return createDataFrame({
    refId: input.refId,
    name: input.name,
    meta: forecastFrameMeta(input, notices, { period: input.period }),
    fields: [
      { name: 'Time', type: FieldType.time, values: time },
      {
        name: 'Value',
        type: FieldType.number,
        values: value,
        labels: input.labels,
        config: {
          ...common,
          displayName: t('frames.period.measured', '{{base}} measured', { base, ...AS_TEXT }),
          custom: { ...bars, fillOpacity: 80 },
        },
      },
      {
        name: 'Total',
        type: FieldType.number,
        values: total,
        labels: input.labels,
        config: {
          ...common,
          displayName: t('frames.period.total', '{{base}} total, measured + forecast', { base, ...AS_TEXT }),
          custom: { ...bars, fillOpacity: 25, lineStyle: { fill: 'dash', dash: [10, 10] } },
        },
      },
      {
        name: 'Lower',
        type: FieldType.number,
        values: low,
        labels: input.labels,
        config: {
          ...common,
          displayName: band.lower,
          custom: { ...bars, hideFrom: { legend: true, tooltip: false, viz: true } },
        },
      },
      {
        name: 'Upper',
        type: FieldType.number,
        values: high,
        labels: input.labels,
        config: {
          ...common,
          displayName: band.upper,
          custom: { ...bars, hideFrom: { legend: true, tooltip: false, viz: true } },
        },
      },
    ],
  });
}

function firstFinite(s: { timestamps: ArrayLike<number>; values: ArrayLike<number> }): number | undefined {
  for (let i = 0; i < s.timestamps.length; i++) {
    if (Number.isFinite(s.values[i])) {
      return s.timestamps[i];
    }
  }
  return undefined;
}
