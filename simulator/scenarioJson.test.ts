/** @jest-environment ./engine/testing/nodeEnvironment.js */
import { CounterIntegrator } from './counters';
import { demoScenario } from './demoScenario';
import { collectFamilies, renderPrometheusText } from './exposition';
import { buildDatacenter } from './model';
import { resolveScenario } from './scenario';
import { scenarioFromJson, scenarioFromResolved, scenarioToJson } from './scenarioJson';

const NOW = Date.UTC(2024, 4, 15, 12, 3, 17);

describe('resolved scenario JSON', () => {
  // A short history keeps the counter integration cheap; the changes and past incidents lie before it.
  const resolved = resolveScenario({ ...demoScenario(), historyWeeks: 0.02 }, NOW);

  it('round-trips the demo site: idle servers, changes, open-ended incidents and the schedule', () => {
    const back = scenarioFromJson(scenarioToJson(resolved));
    expect(back).toEqual(resolved);
    expect(back.incidents.some((i) => i.end === Infinity)).toBe(true);
    expect(back.recurring).toEqual({ ...resolved.recurring, every: 3_600_000, duration: 1_800_000 });
  });

  it('makes serve export what the backfill wrote, at any instant after it', () => {
    const t = NOW + 2 * 3_600_000 + 45_000;
    const render = (s: typeof resolved) => {
      const dc = buildDatacenter(s);
      return renderPrometheusText(collectFamilies(dc, t, new CounterIntegrator(dc).at(t)));
    };
    expect(render(scenarioFromJson(scenarioToJson(resolved)))).toBe(render(resolved));
  });

  it('refuses a resolved file that names a host its fleet does not have, or lacks its origin', () => {
    const doc = JSON.parse(scenarioToJson(resolved));
    doc.changes[0].hosts.push('srv-z09');
    expect(() => scenarioFromResolved(doc)).toThrow(/consolidation names host "srv-z09"/);
    expect(() => scenarioFromResolved({ resolved: true })).toThrow(/origin/);
  });
});
