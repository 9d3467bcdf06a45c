// The preview of a predicted-threshold alert: each upstream series read as the engine will read it (counters
// turned into watts per step), forecast by the ML core over the lead time, and the time until its forecast
// crosses the threshold. Numbers only; the page draws them.
import {
  counterReadingWatts,
  EcotiMlError,
  forecast,
  type Forecast,
  timeToThreshold,
  type ThresholdBound,
} from '../../ml';
import { labelKey, type UpstreamSeries } from '../../datasource/frames/toSeries';
import type { PredictedDirection, PredictedKind } from '../../alerting/predictedAlertRule';
import { counterUnitOf } from '../../shared/predictedAlertContract';

/** Series previewed at most: each is a forecast in the viewer's browser. The engine forecasts them all. */
export const MAX_PREVIEW_SERIES = 20;
/** Longest forecast previewed, in steps (as the data source's own limit). */
export const MAX_PREVIEW_STEPS = 5000;

export interface PreviewInput {
  kind: PredictedKind;
  threshold: number;
  direction: PredictedDirection;
  leadMs: number;
}

export interface PreviewedSeries {
  key: string;
  name: string;
  labels: Record<string, string>;
  /** The series as the engine models it (W for counters), over the training window. */
  history: { timestamps: Float64Array; values: Float64Array };
  forecast: Forecast;
  stepMs: number;
  /** Seconds until each bound crosses; 0 already past, +Infinity not within the lead time. */
  crossing: Record<ThresholdBound, number>;
}

export interface Preview {
  series: PreviewedSeries[];
  /** Series that could not be forecast, with why. */
  failed: Array<{ name: string; message: string }>;
  /** Series left out beyond MAX_PREVIEW_SERIES. */
  skipped: number;
}

/** The unit the engine forecasts a kind in, as a Grafana unit id. */
export function kindUnit(kind: PredictedKind): 'watt' | 'percentunit' | 'celsius' {
  return kind === 'utilisation' ? 'percentunit' : kind === 'temperature' ? 'celsius' : 'watt';
}

export function previewForecast(upstream: UpstreamSeries[], input: PreviewInput): Preview {
  const out: Preview = { series: [], failed: [], skipped: Math.max(0, upstream.length - MAX_PREVIEW_SERIES) };
  for (const s of upstream.slice(0, MAX_PREVIEW_SERIES)) {
    try {
      out.series.push(previewOne(s, input));
    } catch (e) {
      if (!(e instanceof EcotiMlError)) {
        throw e;
      }
      out.failed.push({ name: s.name, message: e.message });
    }
  }
  // Soonest crossing first: the series the alert would fire for lead the list.
  out.series.sort((a, b) => a.crossing.mean - b.crossing.mean || a.name.localeCompare(b.name));
  return out;
}

function previewOne(s: UpstreamSeries, input: PreviewInput): PreviewedSeries {
  const history = modelValues(s, input.kind);
  const last = lastFinite(history);
  if (!last || history.timestamps.length < 2) {
    throw new EcotiMlError('EMPTY_SERIES', 'needs at least two readings in the training window to forecast.');
  }
  const stepMs =
    (history.timestamps[history.timestamps.length - 1] - history.timestamps[0]) / (history.timestamps.length - 1);
  const steps = Math.min(MAX_PREVIEW_STEPS, Math.max(1, Math.ceil(input.leadMs / stepMs)));
  const f = forecast(history, { horizon: steps });
  return {
    key: s.key,
    // The series as the alert will label it: its labels, Prometheus style; the upstream's name when it has none.
    name: labelKey(s.labels) || s.name,
    labels: s.labels,
    history,
    forecast: f,
    stepMs,
    crossing: timeToThreshold(f, last, input.threshold, input.direction),
  };
}

/** As the engine's toModelValue: a counter's reading becomes the average power since the previous reading. */
function modelValues(s: UpstreamSeries, kind: PredictedKind): { timestamps: Float64Array; values: Float64Array } {
  const unit = counterUnitOf(kind);
  if (unit === undefined) {
    return { timestamps: s.timestamps, values: s.values };
  }
  const n = Math.max(0, s.values.length - 1);
  const timestamps = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 1; i < s.values.length; i++) {
    timestamps[i - 1] = s.timestamps[i];
    values[i - 1] = counterReadingWatts(s.values[i - 1], s.timestamps[i - 1], s.values[i], s.timestamps[i], unit);
  }
  return { timestamps, values };
}

function lastFinite(h: { timestamps: Float64Array; values: Float64Array }): { t: number; value: number } | undefined {
  for (let i = h.values.length - 1; i >= 0; i--) {
    if (Number.isFinite(h.values[i])) {
      return { t: h.timestamps[i], value: h.values[i] };
    }
  }
  return undefined;
}
