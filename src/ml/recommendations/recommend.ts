// Runs every recommendation rule on a site's signals and ranks the findings by money saved.
import { consolidationRule } from './rules/consolidation';
import { coolingSetPointRule } from './rules/coolingSetPoint';
import { idleServerRule } from './rules/idleServers';
import { loadShiftingRule } from './rules/loadShifting';
import { pueDriftRule } from './rules/pueDrift';
import type { Recommendation, RecommendationCategory, RecommendationInput } from './types';
import { readRecommendationInput } from './readRecommendationInput';
import { EcotiMlError } from '../types';

/**
 * Every rule's findings on a site's signals, most money saved first. Throws EcotiMlError when the
 * input is malformed (see `readRecommendationInput`), and OUT_OF_RANGE when a finding's figures do not
 * fit in a double (power readings near 1e308 W: a unit mistake), naming the rule and its target.
 */
export function recommend(given: RecommendationInput, category?: RecommendationCategory): Recommendation[] {
  const input = readRecommendationInput(given, category);
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
  all.forEach(checkFigures);
  return all.filter((r) => !category || r.category === category).sort((a, b) => b.moneyPerMonth - a.moneyPerMonth);
}

function checkFigures(r: Recommendation): void {
  const figures = { kWhPerMonth: r.kWhPerMonth, kgCO2ePerMonth: r.kgCO2ePerMonth, moneyPerMonth: r.moneyPerMonth };
  for (const [name, value] of Object.entries(figures)) {
    if (!Number.isFinite(value)) {
      throw new EcotiMlError(
        'OUT_OF_RANGE',
        `The ${r.rule} finding for ${r.target} has ${name} ${value}: its readings are beyond what the estimate can hold; check the series' units.`
      );
    }
  }
}
