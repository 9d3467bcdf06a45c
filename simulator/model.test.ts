/** @jest-environment ./engine/testing/nodeEnvironment.js */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CounterIntegrator } from './counters';
import { collectFamilies } from './exposition';
import {
  buildDatacenter,
  dailyShape,
  Datacenter,
  hostPower,
  inletTemperature,
  localClock,
  pduPower,
  raplWatts,
  sitePower,
  utilisation,
} from './model';
import { resolveScenario, ScenarioError, ScenarioInput } from './scenario';

const NOW = Date.UTC(2024, 4, 15, 12, 0, 0); // a Wednesday, 09:00 in São Paulo
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function datacenter(input: ScenarioInput = {}): Datacenter {
  return buildDatacenter(resolveScenario(input, NOW));
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function std(xs: number[]): number {
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
}

/** Values of f at every 5 minutes over [from, to). */
function sampled(f: (t: number) => number, from: number, to: number): number[] {
  const out: number[] = [];
  for (let t = from; t < to; t += 300_000) {
    out.push(f(t));
  }
  return out;
}

describe('datacenter simulator model', () => {
  it('gives identical values for the same seed and different ones for another seed', () => {
    const a = datacenter({ seed: 7 });
    const b = datacenter({ seed: 7 });
    const c = datacenter({ seed: 8 });
    const t = NOW - 5 * HOUR + 12_345;
    const host = (dc: Datacenter) => dc.hosts[3];
    expect(utilisation(a, host(a), t)).toBe(utilisation(b, host(b), t));
    expect(hostPower(a, a.racks[0], host(a), t)).toBe(hostPower(b, b.racks[0], host(b), t));
    expect(utilisation(a, host(a), t)).not.toBe(utilisation(c, host(c), t));
  });

  it('has a daily cycle (afternoon busier than night) and quieter weekends', () => {
    const dc = datacenter();
    const host = dc.hosts[1];
    // São Paulo is UTC-3: 16:00 local is 19:00 UTC.
    const weekdays = [13, 14, 15].map((d) => Date.UTC(2024, 4, d));
    const afternoon = mean(
      weekdays.flatMap((d) => sampled((t) => utilisation(dc, host, t), d + 18 * HOUR, d + 20 * HOUR))
    );
    const night = mean(weekdays.flatMap((d) => sampled((t) => utilisation(dc, host, t), d + 6 * HOUR, d + 8 * HOUR)));
    expect(afternoon - night).toBeGreaterThan(0.2);
    const saturday = Date.UTC(2024, 4, 11);
    const weekendAfternoon = mean(sampled((t) => utilisation(dc, host, t), saturday + 18 * HOUR, saturday + 20 * HOUR));
    expect(weekendAfternoon).toBeLessThan(afternoon - 0.1);
    expect(localClock(dc, saturday + 18 * HOUR)).toEqual({ hour: 15, weekend: true });
    expect(dailyShape(4)).toBe(0);
    expect(dailyShape(16)).toBeCloseTo(1, 10);
  });

  it('raises inlet temperature by the configured rise and rack power by roughly 15% during a cooling failure', () => {
    const start = NOW - 6 * HOUR;
    const withFailure = datacenter({
      incidents: [
        {
          kind: 'cooling_failure',
          rack: 'rack-a',
          start: new Date(start).toISOString(),
          duration: '4h',
          inletRiseCelsius: 10,
        },
      ],
    });
    const normal = datacenter();
    const rackF = withFailure.racks[0];
    const rackN = normal.racks[0];
    const during = start + 3 * HOUR;
    const hostF = rackF.hosts[0];
    const hostN = rackN.hosts[0];
    expect(
      inletTemperature(withFailure, rackF, hostF, during) - inletTemperature(normal, rackN, hostN, during)
    ).toBeCloseTo(10 * (1 - Math.exp(-9)), 3);
    const ratio =
      (pduPower(withFailure, rackF, during).a + pduPower(withFailure, rackF, during).b) /
      (pduPower(normal, rackN, during).a + pduPower(normal, rackN, during).b);
    expect(ratio).toBeGreaterThan(1.1);
    expect(ratio).toBeLessThan(1.25);
    // Two hours (six 20-minute time constants) after the end, 10·e⁻⁶ ≈ 0.025 °C of the rise is left.
    expect(
      inletTemperature(withFailure, rackF, hostF, start + 6 * HOUR) -
        inletTemperature(normal, rackN, hostN, start + 6 * HOUR)
    ).toBeCloseTo(10 * Math.exp(-6), 2);
    // Other racks are untouched.
    expect(pduPower(withFailure, withFailure.racks[1], during)).toEqual(pduPower(normal, normal.racks[1], during));
  });

  it('pins one host near full CPU during a runaway job', () => {
    const dc = datacenter({ incidents: [{ kind: 'runaway_job', host: 'srv-b02', start: 'now-2h' }] });
    const host = dc.hosts.find((h) => h.name === 'srv-b02')!;
    const us = sampled((t) => utilisation(dc, host, t), NOW - 2 * HOUR, NOW);
    expect(Math.min(...us)).toBeGreaterThan(0.93);
    expect(hostPower(dc, dc.racks[1], host, NOW - HOUR)).toBeGreaterThan(0.95 * host.maxWatts);
    const before = sampled((t) => utilisation(dc, host, t), NOW - 26 * HOUR, NOW - 24 * HOUR);
    expect(mean(before)).toBeLessThan(0.6);
  });

  it('keeps an idle zombie at about 1% CPU with steady power near idle', () => {
    const dc = datacenter({ incidents: [{ kind: 'idle_zombie', host: 'srv-c03', start: 'origin+0s' }] });
    const rack = dc.racks[2];
    const zombie = rack.hosts[2];
    const week = sampled((t) => utilisation(dc, zombie, t), NOW - 7 * DAY, NOW);
    expect(mean(week)).toBeCloseTo(0.012, 3);
    const watts = sampled((t) => hostPower(dc, rack, zombie, t), NOW - 7 * DAY, NOW);
    expect(mean(watts)).toBeGreaterThan(zombie.idleWatts);
    expect(mean(watts)).toBeLessThan(zombie.idleWatts * 1.05);
    const busy = sampled((t) => hostPower(dc, rack, rack.hosts[0], t), NOW - 7 * DAY, NOW);
    expect(std(watts)).toBeLessThan(std(busy) / 5);
  });

  it('grows the load week over week', () => {
    const dc = datacenter({ growthPerWeek: 0.05, historyWeeks: 4, noise: 0 });
    const host = dc.hosts[0];
    const week = 7 * DAY;
    const first = mean(sampled((t) => utilisation(dc, host, t), dc.scenario.origin, dc.scenario.origin + week));
    const last = mean(
      sampled((t) => utilisation(dc, host, t), dc.scenario.origin + 3 * week, dc.scenario.origin + 4 * week)
    );
    expect(last / first).toBeGreaterThan(1.1);
  });

  it('keeps a PUE near the industry average (facility over IT power)', () => {
    const dc = datacenter();
    const pue = sampled(
      (t) => {
        const s = sitePower(dc, t);
        return s.facility / s.it;
      },
      NOW - 7 * DAY,
      NOW
    );
    expect(mean(pue)).toBeGreaterThan(1.4);
    expect(mean(pue)).toBeLessThan(1.7);
  });

  it('integrates counters consistently: idle + busy = elapsed and joules rise at the RAPL power', () => {
    // A short history keeps the integration cheap under jest's ES5 transform.
    const dc = datacenter({ historyWeeks: 0.2, racks: 3, hostsPerRack: 4, cpusPerHost: 4 });
    const integrator = new CounterIntegrator(dc);
    const t1 = NOW - 2 * HOUR;
    const t2 = t1 + 10 * 60_000;
    const a = collectFamilies(dc, t1, integrator.at(t1));
    const b = collectFamilies(dc, t2, integrator.at(t2));
    const cpu = (fs: typeof a, mode: string) =>
      fs
        .find((f) => f.name === 'node_cpu_seconds')!
        .samples.filter((s) => s.labels.instance === 'srv-a01' && s.labels.cpu === '0' && s.labels.mode === mode)[0]
        .value;
    const total = (fs: typeof a) => ['idle', 'user', 'system', 'iowait'].reduce((s, m) => s + cpu(fs, m), 0);
    expect(total(a)).toBeCloseTo((t1 - dc.scenario.origin) / 1000, 3);
    expect(total(b) - total(a)).toBeCloseTo(600, 3);
    const joules = (fs: typeof a) =>
      fs
        .find((f) => f.name === 'kepler_node_cpu_joules')!
        .samples.find((s) => s.labels.instance === 'srv-a01' && s.labels.zone === 'package')!.value;
    const host = dc.hosts[0];
    const watts = mean(sampled((t) => raplWatts(host, utilisation(dc, host, t)).package, t1, t2));
    expect((joules(b) - joules(a)) / 600).toBeGreaterThan(watts * 0.95);
    expect((joules(b) - joules(a)) / 600).toBeLessThan(watts * 1.05);
    // The same counters whether reached in one jump or step by step.
    expect(joules(collectFamilies(dc, t2, new CounterIntegrator(dc).at(t2)))).toBeCloseTo(joules(b), 6);
  });

  it('resolves the example scenario file: its fleet, idle servers and dated changes', () => {
    const example = resolveScenario(parseYaml(readFileSync(join(__dirname, 'scenario.example.yaml'), 'utf8')), NOW);
    expect(buildDatacenter(example).hosts).toHaveLength(64);
    expect(example.incidents.filter((i) => i.kind === 'idle_zombie')).toHaveLength(16);
    expect(example.changes.map((c) => [c.kind, c.at])).toEqual([
      ['consolidation', NOW - 14 * DAY],
      ['cooling_set_point', NOW - 14 * DAY],
    ]);
    expect(example.recurring).toMatchObject({ every: HOUR, duration: HOUR / 2, from: NOW });
  });

  it('rejects a scenario naming a host that does not exist, with the names it knows', () => {
    expect(() => resolveScenario({ incidents: [{ kind: 'runaway_job', host: 'srv-z99', start: 'now' }] }, NOW)).toThrow(
      /srv-z99.*does not exist.*srv-a01/
    );
    expect(() => resolveScenario({ racks: 0 }, NOW)).toThrow(ScenarioError);
    expect(() =>
      resolveScenario({ incidents: [{ kind: 'runaway_job', host: 'srv-a01', start: 'yesterday' }] }, NOW)
    ).toThrow(/incidents.0.start/);
  });
});
