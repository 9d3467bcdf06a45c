// Test fixture: real recommendation frames, made by running the ML rules on a synthetic two-week
// fleet (an idle server, three lightly used web servers, a busy database, a cold rack, PUE drift)
// and the data source's own frame builder. Imported by tests only.
import type { DataFrame } from '@grafana/data';
import { recommend, type Recommendation, type RecommendationCategory } from '../../../ml';
import { fleetInput, fleetSite } from '../../../ml/testing';
import { buildRecommendationFrame } from '../../../datasource/frames/recommendationFrame';

export { fleetInput, fleetSite };

export const FLEET_EVIDENCE = { query: 'ipmi_dcmi_power_consumption_watts', upstreamUid: 'prom-uid' };

export function fleetRecommendations(category?: RecommendationCategory, currency = 'BRL'): Recommendation[] {
  return recommend(fleetInput(currency), category);
}

/** The frame the data source returns for a recommendations query on the fleet. */
export function fleetRecommendationFrame(refId = 'A', category?: RecommendationCategory, currency = 'BRL'): DataFrame {
  return buildRecommendationFrame(refId, fleetRecommendations(category, currency), FLEET_EVIDENCE, currency);
}
