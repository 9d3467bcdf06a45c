// Feeds the recommendation rules (src/ml/recommendations) from the engine's histories: hosts matched across
// the CPU and power targets by a label, plus inlet temperatures and site power for the cooling and PUE rules.
import { EngineConfig } from './config';
import { TargetRuntime } from './engine';
import { Recommendation, RecommendationInput, Series, Tariff } from './ml';
import { SeriesState } from './series';

type Roles = EngineConfig['recommendations'];

function states(rt: TargetRuntime | undefined): SeriesState[] {
  return rt ? [...rt.states.values()].filter((s) => s.history.length > 0) : [];
}

/** Sum of series on the same grid (one target's series share step and window); NaN where any is missing. */
export function sumSeries(series: Series[]): Series | undefined {
  if (series.length === 0) {
    return undefined;
  }
  const byT = new Map<number, number>();
  for (const s of series) {
    for (let i = 0; i < s.timestamps.length; i++) {
      byT.set(s.timestamps[i], (byT.get(s.timestamps[i]) ?? 0) + s.values[i]);
    }
  }
  const timestamps = Float64Array.from([...byT.keys()].sort((a, b) => a - b));
  // Points not present in every series would be partial sums: drop them.
  const full = timestamps.filter((t) => series.every((s) => hasTime(s, t)));
  return { timestamps: full, values: Float64Array.from(full, (t) => byT.get(t) as number) };
}

function hasTime(s: Series, t: number): boolean {
  const n = s.timestamps.length;
  if (n === 0) {
    return false;
  }
  const step = n > 1 ? s.timestamps[1] - s.timestamps[0] : 1;
  const i = Math.round((t - s.timestamps[0]) / step);
  return i >= 0 && i < n && s.timestamps[i] === t;
}

export function buildRecommendationInput(
  find: (name?: string) => TargetRuntime | undefined,
  roles: Roles,
  site: EngineConfig['site']
): RecommendationInput {
  const hostId = (s: SeriesState) => s.labels[roles.hostLabel] ?? s.key;
  const hosts = new Map<string, RecommendationInput['hosts'][number]>();
  const host = (s: SeriesState) => {
    const id = hostId(s);
    let h = hosts.get(id);
    if (!h) {
      h = { id, labels: s.labels };
      hosts.set(id, h);
    }
    return h;
  };
  for (const s of states(find(roles.cpuTarget))) {
    host(s).cpu = s.history.toSeries();
  }
  for (const s of states(find(roles.powerTarget))) {
    host(s).powerW = s.history.toSeries();
  }
  const inlet = states(find(roles.inletTemperatureTarget)).map((s) => ({
    id: hostId(s),
    series: s.history.toSeries() as Series,
  }));
  return {
    hosts: [...hosts.values()],
    inletTemperatures: inlet.length ? inlet : undefined,
    facilityPowerW: sumSeries(states(find(roles.facilityPowerTarget)).map((s) => s.history.toSeries())),
    itPowerW: sumSeries(states(find(roles.itPowerTarget)).map((s) => s.history.toSeries())),
    site: {
      pue: site.pue,
      carbonIntensity: site.carbonIntensity,
      currency: site.currency,
      timeZone: site.timeZone,
      tariff: site.tariff as Tariff,
    },
  };
}

/** ecoti_recommendation_savings samples: one per recommendation and unit (kWh, kgCO2e, money; all per month). */
export function savingsSamples(recs: Recommendation[]): Array<{ labels: Record<string, string>; value: number }> {
  return recs.flatMap((r) => {
    const base = { id: r.id, rule: r.rule, category: r.category, resource: r.target };
    return [
      { labels: { ...base, unit: 'kwh_per_month' }, value: r.kWhPerMonth },
      { labels: { ...base, unit: 'kgco2e_per_month' }, value: r.kgCO2ePerMonth },
      { labels: { ...base, unit: `${r.currency.toLowerCase()}_per_month` }, value: r.moneyPerMonth },
    ];
  });
}
