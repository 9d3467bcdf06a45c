// The signal queries' series (CPU, power, temperature, site meters) as the recommendation rules' input. The
// grouping itself (which labels name a host, CPU in percent, summed site meters) is the ML core's, shared
// with the engine, so that both advise on the same hosts with the same figures.
import { DEFAULT_HOST_LABELS, recommendationInput, RecommendationInput, SiteSignals } from '../../ml';
import type { EcotiSettings } from '../../shared/settings';
import type { UpstreamSeries } from '../frames/toSeries';

/** One list of upstream series per signal query; an upstream series is named by its legend. */
export interface SignalSeries extends SiteSignals {
  cpu: UpstreamSeries[];
  power: UpstreamSeries[];
  inletTemperature: UpstreamSeries[];
  facilityPower: UpstreamSeries[];
  itPower: UpstreamSeries[];
}

export function buildRecommendationInput(signals: SignalSeries, settings: EcotiSettings): RecommendationInput {
  return recommendationInput(signals, settings, DEFAULT_HOST_LABELS);
}
