// Feeds the recommendation rules (src/ml/recommendations) from the engine's histories, through the ML core's
// grouping that the data source uses too: hosts by the configured host labels, CPU as a fraction, inlet
// sensors by rack, site and IT power summed over their meters. Takes only what it reads of a target (its
// series' states), so that it does not depend on the engine that calls it.
import { EngineConfig } from './config';
import { NamedSeries, Recommendation, RecommendationInput, recommendationInput, Tariff } from './ml';
import { SeriesState } from './series';

type Roles = EngineConfig['recommendations'];

/** What the rules read of a target: its series. */
export interface RoleTarget {
  states: ReadonlyMap<string, SeriesState>;
}

/** A target's series with history, named by their label key when no host label names them. */
function signal(rt: RoleTarget | undefined): NamedSeries[] {
  if (!rt) {
    return [];
  }
  const out: NamedSeries[] = [];
  for (const s of rt.states.values()) {
    if (s.history.length > 0) {
      out.push({ labels: s.labels, name: s.key, ...s.history.toSeries() });
    }
  }
  return out;
}

/** The targets the rules read: each configured role's target name, unset roles left out. */
export function roleTargetNames(roles: Roles): string[] {
  return [
    roles.cpuTarget,
    roles.powerTarget,
    roles.inletTemperatureTarget,
    roles.facilityPowerTarget,
    roles.itPowerTarget,
  ].filter((n): n is string => !!n);
}

export function buildRecommendationInput(
  find: (name?: string) => RoleTarget | undefined,
  roles: Roles,
  site: EngineConfig['site']
): RecommendationInput {
  return recommendationInput(
    {
      cpu: signal(find(roles.cpuTarget)),
      power: signal(find(roles.powerTarget)),
      inletTemperature: signal(find(roles.inletTemperatureTarget)),
      facilityPower: signal(find(roles.facilityPowerTarget)),
      itPower: signal(find(roles.itPowerTarget)),
    },
    { ...site, tariff: site.tariff as Tariff },
    roles.hostLabels
  );
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
