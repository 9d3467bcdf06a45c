// Derives what a `predict` query forecasts from an upstream series: facility energy per step
// (consumption), and the per-timestamp factors that turn it into emissions or cost.
import { Series } from '../../ml';
import { powerToEnergy } from '../../ml/energy/powerToEnergy';
import { counterToEnergy } from '../../ml/energy/counterToEnergy';
import { isPeak } from '../../ml/energy/tariff';
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
  /** Converts a forecast of `series` into the target at time t (1 for consumption and raw). */
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
  const energy =
    resolved.kind === 'power'
      ? powerToEnergy({ timestamps: s.timestamps, values: scale(s.values, resolved.wattsPerUnit) })
      : counterToEnergy(s, resolved.unit);
  notices.push(...energy.notes.map((n) => `${s.name}: ${n}`));
  if ('resets' in energy && (energy as { resets: number }).resets > 0) {
    notices.push(`${s.name}: ${(energy as { resets: number }).resets} counter reset(s) handled`);
  }
  // IT energy at the meter × PUE = what the site's utility meter sees.
  const facility = scale(energy.kWhPerStep, settings.pue);
  const series = { timestamps: energy.timestamps, values: facility };
  const base = { series, unit: 'kwatth', quantity: 'kWh', notices };
  switch (target) {
    case 'consumption':
      return { ...base, factorAt: () => 1, targetUnit: 'kwatth', targetQuantity: 'kWh' };
    case 'emissions': {
      const kgPerKWh = settings.carbonIntensity / 1000;
      return { ...base, factorAt: () => kgPerKWh, targetUnit: 'masskg', targetQuantity: 'kgCO2e' };
    }
    case 'costs':
      return {
        ...base,
        factorAt: tariffPrice(settings),
        targetUnit: currencyUnit(settings.currency),
        targetQuantity: settings.currency,
      };
  }
}

/** Price per kWh at a timestamp, looked up once per quarter hour (the tariff never changes faster). */
export function tariffPrice(settings: EcotiSettings): (t: number) => number {
  const cache = new Map<number, number>();
  return (t: number) => {
    const bucket = Math.floor(t / 900_000);
    let price = cache.get(bucket);
    if (price === undefined) {
      price = isPeak(t, settings.tariff, settings.timeZone)
        ? settings.tariff.peakPricePerKWh
        : settings.tariff.offPeakPricePerKWh;
      cache.set(bucket, price);
    }
    return price;
  };
}

function scale(values: ArrayLike<number>, factor: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    out[i] = values[i] * factor;
  }
  return out;
}
