import { recommend } from './recommend';
import { fleetHost, fleetInput, fleetSite } from '../testing/fleet';

const site = fleetSite();
const fleet = fleetInput;
const host = fleetHost;

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

  it('refuses malformed input with an EcotiMlError naming the part, not a TypeError', () => {
    const cases: Array<[unknown, string, RegExp]> = [
      [null, 'BAD_INPUT', /must be an object with hosts and site/],
      [{ ...fleet(), hosts: 'web-01' }, 'BAD_INPUT', /hosts must be an array/],
      [
        { ...fleet(), hosts: [{ id: 'x', cpu: { timestamps: [1], values: null } }] },
        'BAD_INPUT',
        /Host x's CPU series/,
      ],
      [{ ...fleet(), site: { ...site, pue: 0.5 } }, 'BAD_OPTION', /PUE/],
      [{ ...fleet(), site: { ...site, timeZone: 'Mars/Olympus' } }, 'BAD_OPTION', /time zone/],
    ];
    for (const [input, code, message] of cases) {
      expect(() => recommend(input as never)).toThrow(
        expect.objectContaining({ code, message: expect.stringMatching(message) })
      );
    }
    expect(() => recommend(fleet(), 'toString' as never)).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
  });

  it('reads null, strings and bigints among a series’ values as missing, and still finds the idle server', () => {
    const input = fleet();
    const power = Array.from(input.hosts[0].powerW!.values) as unknown[];
    power[3] = null;
    power[4] = '180';
    power[5] = BigInt(180);
    input.hosts[0].powerW = { timestamps: input.hosts[0].powerW!.timestamps, values: power as number[] };
    expect(
      recommend(input)
        .filter((r) => r.rule === 'idle-server')
        .map((r) => r.target)
    ).toEqual(['zombie-01']);
  });
});
