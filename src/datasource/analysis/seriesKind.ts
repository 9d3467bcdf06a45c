// Decides what an upstream series measures (power, an energy counter, or something else), from the
// query's explicit choice, the field's unit, or the metric's name, as collectors name them.
import { looksLikeCounter, type EnergyCounterUnit } from '../../ml';
import type { UpstreamSeries } from '../frames/toSeries';

/** What the user may choose in the query editor. */
export const SERIES_KINDS = ['auto', 'power_w', 'power_uw', 'energy_j', 'energy_uj', 'energy_kwh', 'gauge'] as const;
export type SeriesKind = (typeof SERIES_KINDS)[number];

export type ResolvedKind =
  { kind: 'power'; wattsPerUnit: number } | { kind: 'counter'; unit: EnergyCounterUnit } | { kind: 'gauge' };

const BY_UNIT: Record<string, ResolvedKind> = {
  watt: { kind: 'power', wattsPerUnit: 1 },
  kwatt: { kind: 'power', wattsPerUnit: 1000 },
  mwatt: { kind: 'power', wattsPerUnit: 1e-3 },
  joule: { kind: 'counter', unit: 'J' },
  watth: { kind: 'counter', unit: 'Wh' },
  kwatth: { kind: 'counter', unit: 'kWh' },
};

/** Name patterns of real collectors (Kepler, Scaphandre, IPMI, node_exporter, RAPL). */
const BY_NAME: Array<[RegExp, ResolvedKind]> = [
  [/microjoules/i, { kind: 'counter', unit: 'uJ' }],
  [/microwatts/i, { kind: 'power', wattsPerUnit: 1e-6 }],
  [/joules?(_total)?\b/i, { kind: 'counter', unit: 'J' }],
  [/kwh|kilowatt_?hours?/i, { kind: 'counter', unit: 'kWh' }],
  [/watts?\b|power/i, { kind: 'power', wattsPerUnit: 1 }],
];

const EXPLICIT: Record<Exclude<SeriesKind, 'auto'>, ResolvedKind> = {
  power_w: { kind: 'power', wattsPerUnit: 1 },
  power_uw: { kind: 'power', wattsPerUnit: 1e-6 },
  energy_j: { kind: 'counter', unit: 'J' },
  energy_uj: { kind: 'counter', unit: 'uJ' },
  energy_kwh: { kind: 'counter', unit: 'kWh' },
  gauge: { kind: 'gauge' },
};

export function resolveSeriesKind(
  series: UpstreamSeries,
  requested: SeriesKind = 'auto'
): { resolved: ResolvedKind; how: string } {
  if (requested !== 'auto') {
    return { resolved: EXPLICIT[requested], how: 'set in the query' };
  }
  if (series.unit && BY_UNIT[series.unit]) {
    return { resolved: BY_UNIT[series.unit], how: `unit ${series.unit}` };
  }
  // rate(x_joules_total[5m]) is power in watts, not a counter: a wrapping function changes the kind.
  const metric = series.labels.__name__ ?? series.name;
  const ratedCounter =
    /rate\(|irate\(|increase\(/.test(series.executedQuery ?? '') && /joule/i.test(series.executedQuery ?? '');
  if (ratedCounter) {
    return { resolved: { kind: 'power', wattsPerUnit: 1 }, how: 'rate() of a joules counter' };
  }
  for (const [pattern, kind] of BY_NAME) {
    if (pattern.test(metric) || pattern.test(series.executedQuery ?? '')) {
      return { resolved: kind, how: `name ${metric}` };
    }
  }
  return { resolved: { kind: 'gauge' }, how: 'no unit or known metric name' };
}

/** A series that only goes up (with rare resets) is a counter, whatever the query says. */
export function isCounterShaped(series: UpstreamSeries): boolean {
  return looksLikeCounter(series.values);
}
