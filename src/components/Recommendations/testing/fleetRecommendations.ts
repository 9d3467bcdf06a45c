// Test fixture: real recommendation frames, made by running the ML rules on a synthetic two-week
// fleet (an idle server, three lightly used web servers, a busy database, a cold rack, PUE drift)
// and the data source's own frame builder. Imported by tests only.
import type { DataFrame } from '@grafana/data';
import {
  recommend,
  type HostSignals,
  type Recommendation,
  type RecommendationCategory,
  type RecommendationInput,
  type SiteConstants,
} from '../../../ml';
import { seededRandom } from '../../../ml/testing/seededRandom';
import { buildRecommendationFrame } from '../../../datasource/frames/recommendationFrame';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 10, 2); // a Monday
const HOURS = 24 * 14;

export const FLEET_EVIDENCE = { query: 'ipmi_dcmi_power_consumption_watts', upstreamUid: 'prom-uid' };

export function fleetSite(currency = 'BRL'): SiteConstants {
  return {
    pue: 1.5,
    carbonIntensity: 38.5,
    currency,
    timeZone: 'America/Sao_Paulo',
    tariff: {
      peakPricePerKWh: 2.1,
      offPeakPricePerKWh: 0.55,
      peakStartHour: 18,
      peakEndHour: 21,
      peakWeekdaysOnly: true,
    },
  };
}

function hourly(f: (i: number, rnd: () => number) => number, seed: number) {
  const rnd = seededRandom(seed);
  const timestamps = Float64Array.from({ length: HOURS }, (_, i) => START + i * HOUR);
  const values = Float64Array.from({ length: HOURS }, (_, i) => f(i, rnd.uniform));
  return { timestamps, values };
}

function host(
  id: string,
  cpu: (i: number, r: () => number) => number,
  idleW: number,
  maxW: number,
  seed: number
): HostSignals {
  const c = hourly(cpu, seed);
  return { id, cpu: c, powerW: { timestamps: c.timestamps, values: c.values.map((u) => idleW + u * (maxW - idleW)) } };
}

const daytime = (base: number) => (i: number, r: () => number) =>
  base + 0.1 * Math.max(0, Math.sin((2 * Math.PI * ((i % 24) - 6)) / 24)) + 0.01 * r();

export function fleetInput(currency = 'BRL'): RecommendationInput {
  return {
    hosts: [
      host('zombie-01', (_, r) => 0.01 + 0.01 * r(), 180, 400, 1),
      host('web-01', daytime(0.08), 150, 350, 2),
      host('web-02', daytime(0.09), 150, 350, 3),
      host('web-03', daytime(0.07), 150, 350, 4),
      host('db-01', (_, r) => 0.7 + 0.1 * r(), 200, 500, 5),
    ],
    inletTemperatures: [
      { id: 'rack-A', series: hourly((_, r) => 15.5 + r(), 6) },
      { id: 'rack-B', series: hourly((_, r) => 22 + r(), 7) },
    ],
    facilityPowerW: hourly((i) => 1500 * (1.4 + (0.1 * i) / HOURS), 8),
    itPowerW: hourly(() => 1500, 9),
    site: fleetSite(currency),
  };
}

export function fleetRecommendations(category?: RecommendationCategory, currency = 'BRL'): Recommendation[] {
  return recommend(fleetInput(currency), category);
}

/** The frame the data source returns for a recommendations query on the fleet. */
export function fleetRecommendationFrame(refId = 'A', category?: RecommendationCategory, currency = 'BRL'): DataFrame {
  return buildRecommendationFrame(refId, fleetRecommendations(category, currency), FLEET_EVIDENCE, currency);
}
