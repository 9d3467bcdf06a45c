// Derives what a `predict` query forecasts from an upstream series: its power in watts (a power reading as
// it is, a counter as its average power per step, as the engine models both), and the per-step factor from
// the ML core that turns that power into facility energy, emissions or cost, the engine's arithmetic too.
import { counterToEnergy, dominantStep, EnergyTarget, perWattFactor, Series, stepPower } from '../../ml';
import type { EcotiSettings } from '../../shared/settings';
import { currencyUnit } from '../../shared/currencyUnit';
import type { UpstreamSeries } from '../frames/toSeries';
import type { PredictTarget } from '../types';
import { isCounterShaped, resolveSeriesKind, SeriesKind } from './seriesKind';

export interface DerivedSeries {
  series: Series;
  /** Grafana unit id of the derived values. */
  unit?: string;
  /** Word put after the series name in legends, e.g. "kWh". */
  quantity: string;
  /** Converts a value of `series` at time t into the target (1 for raw; see perWattFactor for energy). */
  factorAt: (t: number) => number;
  /** Unit of the target after the factor. */
  targetUnit?: string;
  targetQuantity: string;
  notices: string[];
}

/** Thrown when a series cannot give the requested target; the message says what to change. */
export class TargetError extends Error {}

export function deriveTarget(
  s: UpstreamSeries,
  target: PredictTarget,
  kind: SeriesKind,
  settings: EcotiSettings
): DerivedSeries {
  const notices: string[] = [];
  const { resolved, how } = resolveSeriesKind(s, kind);
  if (target === 'raw') {
    if (resolved.kind === 'counter' || (resolved.kind === 'gauge' && isCounterShaped(s))) {
      notices.push(
        `${s.name} looks like a counter (it only goes up): forecasting its raw value says little. Wrap it in rate() or choose the target "consumption".`
      );
    }
    return {
      series: s,
      unit: s.unit,
      quantity: '',
      factorAt: () => 1,
      targetUnit: s.unit,
      targetQuantity: '',
      notices,
    };
  }
  if (resolved.kind === 'gauge') {
    throw new TargetError(
      `${s.name}: cannot tell whether this is power or an energy counter (${how}). Set "Series kind" in the query (e.g. power in W, energy counter in J), or give the field a unit.`
    );
  }
  if (resolved.kind === 'power' && isCounterShaped(s)) {
    throw new TargetError(
      `${s.name} looks like an energy counter (it only goes up) but is read as power (${how}). Set "Series kind" to an energy counter, or query rate() of it.`
    );
  }
  let power: Series;
  if (resolved.kind === 'power') {
    power = { timestamps: s.timestamps, values: scale(s.values, resolved.wattsPerUnit) };
  } else {
    const energy = counterToEnergy(s, resolved.unit);
    notices.push(...energy.notes.map((n) => `${s.name}: ${n}`));
    if (energy.resets > 0) {
      notices.push(`${s.name}: ${energy.resets} counter reset(s) handled`);
    }
    power = stepPower(energy);
  }
  const stepMs = dominantStep(power.timestamps);
  if (!(stepMs > 0)) {
    throw new TargetError(`${s.name}: needs at least two points to forecast.`);
  }
  const base = {
    series: power,
    unit: 'watt',
    quantity: 'W',
    factorAt: perWattFactor(target, settings, stepMs),
    notices,
  };
  return { ...base, ...TARGET_UNITS[target](settings) };
}

const TARGET_UNITS: Record<EnergyTarget, (s: EcotiSettings) => { targetUnit: string; targetQuantity: string }> = {
  consumption: () => ({ targetUnit: 'kwatth', targetQuantity: 'kWh' }),
  emissions: () => ({ targetUnit: 'masskg', targetQuantity: 'kgCO2e' }),
  costs: (s) => ({ targetUnit: currencyUnit(s.currency), targetQuantity: s.currency }),
};

function scale(values: ArrayLike<number>, factor: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    out[i] = values[i] * factor;
  }
  return out;
}
