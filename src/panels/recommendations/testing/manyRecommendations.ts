// Test fixture: a recommendations table of thousands of rows (a large fleet), built from the demo
// fleet's real findings with distinct targets and savings, through the data source's frame builder.
import type { DataFrame } from '@grafana/data';
import type { Recommendation } from '../../../ml';
import { FLEET_EVIDENCE, fleetRecommendations } from '../../../components/Recommendations/testing/fleetRecommendations';
import { buildRecommendationFrame } from '../../../datasource/frames/recommendationFrame';

export function manyRecommendations(count: number): Recommendation[] {
  const fleet = fleetRecommendations();
  return Array.from({ length: count }, (_, i) => {
    const r = fleet[i % fleet.length];
    // A permutation of 1..count, so that every sort order is strict and the input is not sorted.
    const rank = ((i * 7919) % count) + 1;
    return {
      ...r,
      id: `${r.rule}:host-${i}`,
      target: `host-${i}`,
      title: `${r.title} (host-${i})`,
      // Written by hand from the fleet's findings: their strings, not the rules' messages, are what they say.
      messages: undefined,
      moneyPerMonth: rank,
      kWhPerMonth: count + 1 - rank,
      kgCO2ePerMonth: rank / 10,
    };
  });
}

export function manyRecommendationsFrame(count: number): DataFrame {
  return buildRecommendationFrame('A', manyRecommendations(count), FLEET_EVIDENCE, 'BRL');
}
