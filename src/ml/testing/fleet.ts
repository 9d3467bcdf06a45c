// A synthetic two-week fleet for tests and screenshots: an idle server, three lightly used web
// servers, a busy database, a cold rack and a drifting PUE; each recommendation rule has something
// real to find in it.
import type { HostSignals, RecommendationInput, SiteConstants } from '../recommendations/types';
import { seededRandom } from './seededRandom';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 10, 2); // a Monday
export const FLEET_HOURS = 24 * 14;

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

export function hourlySeries(f: (i: number, rnd: () => number) => number, seed: number) {
  const rnd = seededRandom(seed);
  const timestamps = Float64Array.from({ length: FLEET_HOURS }, (_, i) => START + i * HOUR);
  const values = Float64Array.from({ length: FLEET_HOURS }, (_, i) => f(i, rnd.uniform));
  return { timestamps, values };
}

/** A host whose power follows its CPU between an idle and a full-load draw. */
export function fleetHost(
  id: string,
  cpu: (i: number, r: () => number) => number,
  idleW: number,
  maxW: number,
  seed: number
): HostSignals {
  const c = hourlySeries(cpu, seed);
  const p = { timestamps: c.timestamps, values: c.values.map((u) => idleW + u * (maxW - idleW)) };
  return { id, cpu: c, powerW: p };
}

const daytime = (base: number) => (i: number, r: () => number) =>
  base + 0.1 * Math.max(0, Math.sin((2 * Math.PI * ((i % 24) - 6)) / 24)) + 0.01 * r();

export function fleetInput(currency = 'BRL'): RecommendationInput {
  return {
    hosts: [
      fleetHost('zombie-01', (_, r) => 0.01 + 0.01 * r(), 180, 400, 1),
      fleetHost('web-01', daytime(0.08), 150, 350, 2),
      fleetHost('web-02', daytime(0.09), 150, 350, 3),
      fleetHost('web-03', daytime(0.07), 150, 350, 4),
      fleetHost('db-01', (_, r) => 0.7 + 0.1 * r(), 200, 500, 5),
    ],
    inletTemperatures: [
      { id: 'rack-A', series: hourlySeries((_, r) => 15.5 + r(), 6) },
      { id: 'rack-B', series: hourlySeries((_, r) => 22 + r(), 7) },
    ],
    facilityPowerW: hourlySeries((i) => 1500 * (1.4 + (0.1 * i) / FLEET_HOURS), 8),
    itPowerW: hourlySeries(() => 1500, 9),
    site: fleetSite(currency),
  };
}
