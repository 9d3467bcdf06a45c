import { recommend } from './recommend';
import { HostSignals, RecommendationInput, SiteConstants } from './types';
import { seededRandom } from '../testing/seededRandom';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 10, 2); // a Monday
const HOURS = 24 * 14;

const site: SiteConstants = {
  pue: 1.5,
  carbonIntensity: 38.5,
  currency: 'BRL',
  timeZone: 'America/Sao_Paulo',
  tariff: {
    peakPricePerKWh: 2.1,
    offPeakPricePerKWh: 0.55,
    peakStartHour: 18,
    peakEndHour: 21,
    peakWeekdaysOnly: true,
  },
};

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
  const p = { timestamps: c.timestamps, values: c.values.map((u, i) => idleW + u * (maxW - idleW) + (i % 2)) };
  return { id, cpu: c, powerW: p };
}

const daytime = (base: number) => (i: number, r: () => number) =>
  base + 0.1 * Math.max(0, Math.sin((2 * Math.PI * ((i % 24) - 6)) / 24)) + 0.01 * r();

function fleet(): RecommendationInput {
  return {
    hosts: [
      host('zombie-01', (_, r) => 0.01 + 0.01 * r(), 180, 400, 1),
      host('web-01', daytime(0.08), 150, 350, 2),
      host('web-02', daytime(0.09), 150, 350, 3),
      host('web-03', daytime(0.07), 150, 350, 4),
      host('db-01', (i, r) => 0.7 + 0.1 * r(), 200, 500, 5),
    ],
    inletTemperatures: [
      { id: 'rack-A', series: hourly((_, r) => 15.5 + r(), 6) },
      { id: 'rack-B', series: hourly((_, r) => 22 + r(), 7) },
    ],
    facilityPowerW: hourly((i) => 1500 * (1.4 + (0.1 * i) / HOURS), 8),
    itPowerW: hourly(() => 1500, 9),
    site,
  };
}

describe('recommend', () => {
  const recs = recommend(fleet());
  const byRule = (rule: string) => recs.filter((r) => r.rule === rule);

  it('flags the zombie server, and only it, as idle, with its full draw saved', () => {
    const idle = byRule('idle-server');
    expect(idle.map((r) => r.target)).toEqual(['zombie-01']);
    // ~182 W × 730 h × PUE 1.5 / 1000 ≈ 199 kWh/month.
    expect(idle[0].kWhPerMonth).toBeGreaterThan(190);
    expect(idle[0].kWhPerMonth).toBeLessThan(210);
    expect(idle[0].kgCO2ePerMonth).toBeCloseTo((idle[0].kWhPerMonth * 38.5) / 1000, 6);
    expect(idle[0].assumptions).toMatch(/PUE 1.5/);
    expect(idle[0].confidence).toBeGreaterThan(0.8);
  });

  it('proposes consolidating the three lightly used web servers, not the busy database', () => {
    const c = byRule('consolidation');
    expect(c).toHaveLength(1);
    expect(c[0].target.split(', ').sort()).toEqual(['web-01', 'web-02', 'web-03']);
    expect(c[0].title).toMatch(/onto 1/);
    expect(c[0].moneyPerMonth).toBeGreaterThan(0);
  });

  it('advises raising the set point only where inlet air is below 18 °C', () => {
    const c = byRule('cooling-set-point');
    expect(c.map((r) => r.target)).toEqual(['rack-A']);
    expect(c[0].evidence).toMatch(/ASHRAE/);
  });

  it('sees the PUE drift from 1.40 to 1.50', () => {
    const p = byRule('pue-drift');
    expect(p).toHaveLength(1);
    expect(p[0].title).toMatch(/1\.4\d → 1\.(4|5)\d/);
    // About 0.09 PUE × 1500 W × 730 h ≈ 99 kWh/month.
    expect(p[0].kWhPerMonth).toBeGreaterThan(60);
    expect(p[0].kWhPerMonth).toBeLessThan(130);
  });

  it('prices load shifting by the peak/off-peak difference, with no kWh claimed', () => {
    const s = byRule('load-shifting');
    expect(s).toHaveLength(1);
    expect(s[0].kWhPerMonth).toBe(0);
    expect(s[0].moneyPerMonth).toBeGreaterThan(0);
  });

  it('ranks by money and filters by category', () => {
    const money = recs.map((r) => r.moneyPerMonth);
    expect(money).toEqual([...money].sort((a, b) => b - a));
    expect(recommend(fleet(), 'infrastructure').every((r) => r.category === 'infrastructure')).toBe(true);
    expect(
      recommend(fleet(), 'energy')
        .map((r) => r.rule)
        .sort()
    ).toEqual(['cooling-set-point', 'load-shifting', 'pue-drift']);
  });

  it('finds nothing to say about an empty or busy site', () => {
    expect(recommend({ hosts: [], site })).toEqual([]);
    const busy = {
      hosts: [host('db-01', () => 0.8, 200, 500, 1)],
      site: { ...site, tariff: { ...site.tariff, peakPricePerKWh: 0.55 } },
    };
    expect(recommend(busy)).toEqual([]);
  });
});
