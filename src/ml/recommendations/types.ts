// The shapes recommendation rules take and give, shared by the data source, the engine and the panel.
import type { Series } from '../types';
import type { Tariff } from '../energy/tariff';
import type { RecommendationMessages } from './messages';

/** What the site's meters and bills say (the app's settings). */
export interface SiteConstants {
  pue: number;
  /** gCO2e per kWh. */
  carbonIntensity: number;
  currency: string;
  timeZone: string;
  tariff: Tariff;
}

export interface HostSignals {
  id: string;
  labels?: Record<string, string>;
  /** CPU utilisation, fraction 0..1. */
  cpu?: Series;
  /** Measured power in watts (IPMI/DCMI, Redfish, PDU outlet). */
  powerW?: Series;
}

export interface RecommendationInput {
  hosts: HostSignals[];
  /** Inlet (cold-aisle) temperatures in °C, one series per sensor or rack. */
  inletTemperatures?: Array<{ id: string; series: Series }>;
  /** Whole-site power (W) and IT power (W), for PUE. */
  facilityPowerW?: Series;
  itPowerW?: Series;
  site: SiteConstants;
}

export type RecommendationCategory = 'energy' | 'infrastructure';

export interface Recommendation {
  /** Stable id (rule + target), so a dashboard can link to it. */
  id: string;
  rule: 'idle-server' | 'consolidation' | 'load-shifting' | 'cooling-set-point' | 'pue-drift';
  category: RecommendationCategory;
  title: string;
  /** The host, rack or site the action applies to. */
  target: string;
  /** What in the data shows it, in words. */
  evidence: string;
  kWhPerMonth: number;
  kgCO2ePerMonth: number;
  moneyPerMonth: number;
  currency: string;
  /** 0..1: how sure the rule is, from the amount and clarity of the evidence. */
  confidence: number;
  action: string;
  /** The power model, hours and prices behind the estimates. */
  assumptions: string;
  /** Series the evidence comes from (label sets), for links to Explore. */
  evidenceSeries: string[];
  /**
   * The title, evidence, action, assumptions (and a target in words) as message keys with typed values, for the
   * viewer's language and number format; the string fields above are their English rendering. Every rule sets
   * it; optional so that recommendations made elsewhere still type-check (readers then show the strings).
   */
  messages?: RecommendationMessages;
}
