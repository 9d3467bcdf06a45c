/** @jest-environment ./engine/testing/nodeEnvironment.js */
import { recommend } from '../src/ml';
import { DEFAULT_SETTINGS } from '../src/shared/settings';
import { DEMO_IDLE_POWERED_OFF, demoScenario } from './demoScenario';
import { loadScenario } from './loadScenario';
import { buildDatacenter, cpuBusy, Datacenter, poweredOn, readSite, utilisation } from './model';
import { resolveScenario } from './scenario';

const NOW = Date.UTC(2024, 4, 15, 12, 0, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Every 15 minutes: the windows' means to well under a tenth of a percent, in a fraction of the time.
const STEP = 15 * 60_000;
const demo = buildDatacenter(resolveScenario(demoScenario(), NOW));

/** What the board's before/after stats compute over [from, to): mean facility watts per busy CPU core. */
function wattsPerBusyCore(dc: Datacenter, from: number, to: number) {
  let facility = 0;
  let it = 0;
  let busy = 0;
  let n = 0;
  for (let t = from; t < to; t += STEP) {
    const site = readSite(dc, t);
    facility += site.facility;
    it += site.it;
    n++;
    for (const h of dc.hosts) {
      if (poweredOn(h, t)) {
        const u = utilisation(dc, h, t);
        h.cpuShares.forEach((_, c) => (busy += cpuBusy(h, u, c)));
      }
    }
  }
  return { perCore: facility / busy, pue: facility / it, facilityWatts: facility / n };
}

const BEFORE = [NOW - 37 * DAY, NOW - 30 * DAY] as const;
const AFTER = [NOW - 7 * DAY, NOW] as const;
const before = wattsPerBusyCore(demo, ...BEFORE);
const after = wattsPerBusyCore(demo, ...AFTER);

describe('the demo site', () => {
  it('has 64 servers in 4 racks, 16 of them idle, 10 powered off 14 days ago', () => {
    expect(demo.hosts).toHaveLength(64);
    expect(demo.racks.map((r) => r.hosts.length)).toEqual([16, 16, 16, 16]);
    const idle = demo.scenario.incidents.filter((i) => i.kind === 'idle_zombie').map((i) => 'host' in i && i.host);
    expect(idle).toHaveLength(16);
    // Spread over the racks, as forgotten servers are.
    expect(new Set(idle.map((h) => String(h).slice(4, 5))).size).toBe(4);
    const off = demo.hosts.filter((h) => !poweredOn(h, NOW));
    expect(off).toHaveLength(DEMO_IDLE_POWERED_OFF);
    expect(off.every((h) => idle.includes(h.name) && h.poweredOffAt === NOW - 14 * DAY)).toBe(true);
  });

  it('reads like a real room: PUE near the industry average, about 17 kW at the meter after the change', () => {
    expect(before.pue).toBeGreaterThan(1.6);
    expect(before.pue).toBeLessThan(1.7);
    expect(after.pue).toBeGreaterThan(1.55);
    expect(after.pue).toBeLessThan(before.pue - 0.03);
    expect(after.facilityWatts).toBeGreaterThan(16_000);
    expect(after.facilityWatts).toBeLessThan(19_000);
  });

  it('cuts facility watts per busy CPU core by about 14% between the 30-day-baseline windows, 12 points of it from the change', () => {
    const withChange = after.perCore / before.perCore - 1;
    const unchanged = buildDatacenter({ ...demo.scenario, changes: [] });
    const growthOnly =
      wattsPerBusyCore(unchanged, ...AFTER).perCore / wattsPerBusyCore(unchanged, ...BEFORE).perCore - 1;
    expect(withChange).toBeGreaterThan(-0.155);
    expect(withChange).toBeLessThan(-0.13);
    // Load growth (1 %/week) alone spreads the idle draw over more work.
    expect(growthOnly).toBeGreaterThan(-0.035);
    expect(growthOnly).toBeLessThan(-0.015);
  });

  it('leaves the recommendation rules idle servers, an over-provisioned rack and cold air: payback in 1–3 years of 50,000 BRL', () => {
    const from = NOW - 14 * DAY;
    const series = new Map<string, { t: number[]; cpu: number[]; watts: number[]; inlet: number[] }>();
    const site = { t: [] as number[], facility: [] as number[], it: [] as number[] };
    for (let t = from; t < NOW; t += 15 * 60_000) {
      const reading = readSite(demo, t);
      site.t.push(t);
      site.facility.push(reading.facility);
      site.it.push(reading.it);
      for (const h of reading.racks.flatMap((r) => r.hosts)) {
        const s = series.get(h.host.name) ?? { t: [], cpu: [], watts: [], inlet: [] };
        s.t.push(t);
        s.cpu.push(h.utilisation);
        s.watts.push(h.watts);
        s.inlet.push(h.inletCelsius);
        series.set(h.host.name, s);
      }
    }
    const of = (t: number[], v: number[]) => ({ timestamps: Float64Array.from(t), values: Float64Array.from(v) });
    const { pue, carbonIntensity, currency, timeZone, tariff } = DEFAULT_SETTINGS;
    const found = recommend({
      hosts: [...series].map(([id, s]) => ({ id, cpu: of(s.t, s.cpu), powerW: of(s.t, s.watts) })),
      inletTemperatures: [...series].map(([id, s]) => ({ id, series: of(s.t, s.inlet) })),
      facilityPowerW: of(site.t, site.facility),
      itPowerW: of(site.t, site.it),
      site: { pue, carbonIntensity, currency, timeZone, tariff },
    });
    const rule = (name: string) => found.filter((r) => r.rule === name);
    const stillIdle = demo.scenario.incidents
      .flatMap((i) => (i.kind === 'idle_zombie' ? [i.host] : []))
      .filter((h) =>
        poweredOn(
          demo.hosts.find((x) => x.name === h)!,
          NOW
        )
      );
    expect(
      rule('idle-server')
        .map((r) => r.target)
        .sort()
    ).toEqual(stillIdle.sort());
    const consolidation = rule('consolidation');
    expect(consolidation).toHaveLength(1);
    expect(consolidation[0].target.split(', ').every((h) => h.startsWith('srv-c'))).toBe(true);
    // Only the rack whose set point was left alone is still too cold.
    const cold = rule('cooling-set-point').map((r) => r.target);
    expect(cold.length).toBeGreaterThan(4);
    expect(cold.every((h) => h.startsWith('srv-d'))).toBe(true);
    const monthly = found.reduce((s, r) => s + r.moneyPerMonth, 0);
    expect(50_000 / monthly).toBeGreaterThan(12);
    expect(50_000 / monthly).toBeLessThan(36);
  });

  it('keeps its story at another fleet size (--racks 6 --hosts-per-rack 20)', () => {
    const big = buildDatacenter(loadScenario({ demo: true, racks: '6', 'hosts-per-rack': '20' }, NOW));
    expect(big.hosts).toHaveLength(120);
    expect(big.scenario.incidents.filter((i) => i.kind === 'idle_zombie')).toHaveLength(30);
    const cooling = big.scenario.changes.find((c) => c.kind === 'cooling_set_point');
    expect(cooling && 'racks' in cooling && cooling.racks).toEqual(['rack-a', 'rack-b', 'rack-c', 'rack-d', 'rack-e']);
    const change = wattsPerBusyCore(big, ...AFTER).perCore / wattsPerBusyCore(big, ...BEFORE).perCore - 1;
    expect(change).toBeLessThan(-0.1);
    expect(change).toBeGreaterThan(-0.2);
  });
});
