// What drives one power series: its driver series picked by host and put on its timestamps, the ML core's
// driver model fitted, and power at a planned utilisation. Pure numbers, no Grafana imports: runs in the worker.
import {
  DriverImportance,
  DriverModelDiagnostics,
  fitDriverModel,
  hostName,
  predictPowerAt,
  utilisationFraction,
} from '../../ml';
import type { EcotiSettings } from '../../shared/settings';
import type { UpstreamSeries } from '../frames/toSeries';
import { deriveTarget } from './energyTargets';
import { resolveSeriesKind } from './seriesKind';

/** The series one driver query returned. */
export interface DriverInput {
  name: string;
  /** Utilisation (0–1 or 0–100 %), read as a fraction: what a planned utilisation sets. */
  utilisation: boolean;
  series: UpstreamSeries[];
}

export interface PlannedPowerResult {
  /** Percent, 0–100. */
  utilisationPercent: number;
  /** Mean power over the week after the data at that utilisation, in `unit`. */
  power: number;
  /** Recent mean power (the last 24 hours of data), for comparison. */
  recentPower: number;
  heldAtMedian: string[];
  outsideRange: string[];
}

export interface ExplainedSeries {
  importance: DriverImportance[];
  diagnostics: DriverModelDiagnostics;
  /** Grafana unit of the power (and of the errors). */
  unit: string;
  planned?: PlannedPowerResult;
  notices: string[];
}

const DAY_MS = 86_400_000;

/**
 * Throws the ML core's EcotiMlError when the series cannot be modelled (no driver matched, too few complete
 * hours); the caller turns it into this series' message.
 */
export function explainSeries(
  series: UpstreamSeries,
  drivers: DriverInput[],
  plannedUtilisation: number | undefined,
  settings: EcotiSettings
): ExplainedSeries {
  const notices: string[] = [];
  const { power, unit } = powerOf(series, settings, notices);
  const host = hostName(series.labels);
  const inputs: Record<string, { timestamps: Float64Array; values: Float64Array }> = {};
  const utilisationNames: string[] = [];
  for (const d of drivers) {
    const match = pickDriverSeries(d.series, host);
    if (!match) {
      notices.push(
        d.series.length === 0
          ? `${series.name}: the ${d.name} query returned no series; modelled without it.`
          : `${series.name}: none of the ${d.series.length} ${d.name} series is for host ${host ?? '(no host label)'}; modelled without it.`
      );
      continue;
    }
    const aligned = onTimestamps(match, power.timestamps);
    inputs[d.name] = d.utilisation
      ? { timestamps: aligned.timestamps, values: Float64Array.from(utilisationFraction(aligned).values) }
      : aligned;
    if (d.utilisation) {
      utilisationNames.push(d.name);
    }
  }
  const model = fitDriverModel({ power, drivers: inputs, options: { timeZone: settings.timeZone } });
  let planned: PlannedPowerResult | undefined;
  if (plannedUtilisation !== undefined) {
    if (utilisationNames.length === 0) {
      notices.push(
        `${series.name}: no utilisation driver to plan; mark a driver as utilisation to see power at ${plannedUtilisation}%.`
      );
    } else {
      const plan = predictPowerAt(
        model,
        Object.fromEntries(utilisationNames.map((name) => [name, plannedUtilisation / 100]))
      );
      planned = {
        utilisationPercent: plannedUtilisation,
        power: plan.mean,
        recentPower: recentMean(power, DAY_MS),
        heldAtMedian: plan.heldAtMedian,
        outsideRange: plan.outsideRange,
      };
    }
  }
  return { importance: model.importance, diagnostics: model.diagnostics, unit, planned, notices };
}

/**
 * The driver series for a host: the one with the same host name, or the only series when the query returned
 * one (a site-wide driver such as the mean inlet temperature, used for every host).
 */
export function pickDriverSeries(candidates: UpstreamSeries[], host: string | undefined): UpstreamSeries | undefined {
  if (candidates.length === 1) {
    return candidates[0];
  }
  return host === undefined ? undefined : candidates.find((c) => hostName(c.labels) === host);
}

/** `s` on `timestamps`: its value at each of them, NaN where it has none (Prometheus omits stale samples). */
export function onTimestamps(
  s: { timestamps: ArrayLike<number>; values: ArrayLike<number> },
  timestamps: Float64Array
): { timestamps: Float64Array; values: Float64Array } {
  const at = new Map<number, number>();
  for (let i = 0; i < s.timestamps.length; i++) {
    at.set(s.timestamps[i], s.values[i]);
  }
  return { timestamps, values: Float64Array.from(timestamps, (t) => at.get(t) ?? NaN) };
}

/** Power in watts for an energy counter (its average power per step), the values as they are otherwise. */
function powerOf(series: UpstreamSeries, settings: EcotiSettings, notices: string[]) {
  const { resolved } = resolveSeriesKind(series);
  if (resolved.kind === 'counter') {
    const derived = deriveTarget(series, 'consumption', 'auto', settings);
    notices.push(...derived.notices);
    const s = derived.series;
    return {
      power: { timestamps: Float64Array.from(s.timestamps), values: Float64Array.from(s.values) },
      unit: 'watt',
    };
  }
  const factor = resolved.kind === 'power' ? resolved.wattsPerUnit : 1;
  return {
    power: { timestamps: series.timestamps, values: Float64Array.from(series.values, (v) => v * factor) },
    unit: resolved.kind === 'power' ? 'watt' : (series.unit ?? 'watt'),
  };
}

function recentMean(s: { timestamps: Float64Array; values: Float64Array }, spanMs: number): number {
  const n = s.timestamps.length;
  let sum = 0;
  let count = 0;
  for (let i = n - 1; i >= 0 && s.timestamps[i] > s.timestamps[n - 1] - spanMs; i--) {
    if (Number.isFinite(s.values[i])) {
      sum += s.values[i];
      count++;
    }
  }
  return count ? sum / count : NaN;
}
