/** @jest-environment ./engine/testing/nodeEnvironment.js */
import fc from 'fast-check';
import { CounterIntegrator } from './counters';
import { demoScenario } from './demoScenario';
import { collectFamilies } from './exposition';
import { activeIncidents, scheduledAt } from './incidents';
import { buildDatacenter, Datacenter, readSite } from './model';
import { resolveScenario } from './scenario';

const NOW = Date.UTC(2024, 4, 15, 12, 7, 31);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const demo = buildDatacenter(resolveScenario(demoScenario(), NOW));
// The same site without its schedule: the baseline an incident's effect is measured against.
const calm = buildDatacenter({ ...demo.scenario, recurring: undefined });

/** Whether an incident visibly acts at t: an inlet 4 °C warmer than calm, or a host pinned above 90% CPU. */
function visibleAt(dc: Datacenter, t: number): string | undefined {
  const now = readSite(dc, t);
  const base = readSite(calm, t);
  for (let r = 0; r < now.racks.length; r++) {
    for (let h = 0; h < now.racks[r].hosts.length; h++) {
      const a = now.racks[r].hosts[h];
      const b = base.racks[r].hosts[h];
      if (a.inletCelsius - b.inletCelsius > 4) {
        return `cooling ${a.host.rack}`;
      }
      if (a.utilisation > 0.9 && b.utilisation < 0.8) {
        return `runaway ${a.host.name}`;
      }
    }
  }
  return undefined;
}

/** The exported ground truth at t: datacenter_incident_active samples. */
function exportedIncidents(dc: Datacenter, t: number) {
  // Counters are not what this looks at: an integrator from a minute before t keeps the call cheap.
  const counters = new CounterIntegrator({ ...dc, scenario: { ...dc.scenario, origin: t - MINUTE } }).at(t);
  return collectFamilies(dc, t, counters).find((f) => f.name === 'datacenter_incident_active')!.samples;
}

describe('recurring incidents', () => {
  it('any demo, started at any time after the backfill, sees an incident act and be exported within the hour', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 * DAY }), (offset) => {
        const start = NOW + offset;
        let seen: string | undefined;
        for (let t = start; t <= start + HOUR && !seen; t += 5 * MINUTE) {
          const effect = visibleAt(demo, t);
          const exported = exportedIncidents(demo, t).filter((s) => s.labels.trigger === 'schedule');
          if (effect && exported.length === 1) {
            const where =
              exported[0].labels.kind === 'cooling_failure' ? exported[0].labels.rack : exported[0].labels.host;
            expect(effect).toContain(where);
            seen = effect;
          }
        }
        expect(seen).toBeDefined();
      }),
      { numRuns: 40, seed: 9 }
    );
  });

  it('takes the racks in turn, each alternating cooling failures and runaway jobs', () => {
    const from = demo.scenario.recurring!.from;
    const firstEight = Array.from({ length: 8 }, (_, k) => scheduledAt(demo, from + k * HOUR + MINUTE)!);
    const rackOf = (i: (typeof firstEight)[number]) =>
      i.kind === 'cooling_failure' ? i.rack : demo.hosts.find((h) => h.name === i.host)!.rack;
    expect(firstEight.map(rackOf)).toEqual([
      'rack-a',
      'rack-b',
      'rack-c',
      'rack-d',
      'rack-a',
      'rack-b',
      'rack-c',
      'rack-d',
    ]);
    expect(firstEight.map((i) => i.kind)).toEqual([
      ...Array(4).fill('cooling_failure'),
      ...Array(4).fill('runaway_job'),
    ]);
    // Runaway jobs run on servers that work: never an idle or powered-off one.
    const idle = new Set(demo.scenario.incidents.flatMap((i) => (i.kind === 'idle_zombie' ? [i.host] : [])));
    for (const i of firstEight) {
      if (i.kind === 'runaway_job') {
        expect(idle.has(i.host)).toBe(false);
      }
    }
    // Half an hour on, half an hour off.
    expect(scheduledAt(demo, from + 29 * MINUTE)).toBeDefined();
    expect(scheduledAt(demo, from + 31 * MINUTE)).toBeUndefined();
  });

  it('leaves the backfilled history to its scripted incidents', () => {
    const from = demo.scenario.recurring!.from;
    expect(from).toBe(NOW);
    for (let t = NOW - 3 * DAY; t < NOW; t += 7 * MINUTE) {
      expect(activeIncidents(demo, t).filter((i) => i.trigger === 'schedule')).toEqual([]);
    }
    // The demo's past cooling failure, five days ago, is in the history and in its ground truth.
    const past = exportedIncidents(demo, NOW - 5 * DAY + HOUR);
    expect(past.map((s) => [s.labels.kind, s.labels.rack, s.labels.trigger])).toEqual([
      ['cooling_failure', 'rack-b', 'scenario'],
    ]);
  });

  it('warms a rack on the schedule as a scripted failure does, and lets it cool after', () => {
    const from = demo.scenario.recurring!.from;
    const rackA = (dc: Datacenter, t: number) => readSite(dc, t).racks[0].hosts[0].inletCelsius;
    // 30 minutes of an 11 °C rise with a 20-minute time constant: 11·(1 − e^−1.5) ≈ 8.5 °C.
    expect(rackA(demo, from + 30 * MINUTE) - rackA(calm, from + 30 * MINUTE)).toBeCloseTo(11 * (1 - Math.exp(-1.5)), 1);
    // An hour later, e^−3 of it is left; by the next turn of rack-a (4 h on) nothing is.
    expect(rackA(demo, from + 90 * MINUTE) - rackA(calm, from + 90 * MINUTE)).toBeCloseTo(
      11 * (1 - Math.exp(-1.5)) * Math.exp(-3),
      1
    );
    expect(rackA(demo, from + 4 * HOUR) - rackA(calm, from + 4 * HOUR)).toBeCloseTo(0, 2);
  });
});
