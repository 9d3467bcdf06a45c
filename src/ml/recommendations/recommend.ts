// Runs every recommendation rule on a site's signals and ranks the findings by money saved.
import { consolidationRule } from './rules/consolidation';
import { coolingSetPointRule } from './rules/coolingSetPoint';
import { idleServerRule } from './rules/idleServers';
import { loadShiftingRule } from './rules/loadShifting';
import { pueDriftRule } from './rules/pueDrift';
import type { Recommendation, RecommendationCategory, RecommendationInput } from './types';

export function recommend(input: RecommendationInput, category?: RecommendationCategory): Recommendation[] {
  const idle = idleServerRule(input.hosts, input.site);
  // A host already advised off as idle is not also counted in a consolidation plan.
  const idleIds = new Set(idle.map((r) => r.target));
  const busyHosts = input.hosts.filter((h) => !idleIds.has(h.id));
  const all = [
    ...idle,
    ...consolidationRule(busyHosts, input.site),
    ...loadShiftingRule(input.hosts, input.site),
    ...coolingSetPointRule(input),
    ...pueDriftRule(input),
  ];
  return all.filter((r) => !category || r.category === category).sort((a, b) => b.moneyPerMonth - a.moneyPerMonth);
}
