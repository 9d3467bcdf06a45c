// The scenario a CLI command runs: a file (YAML/JSON, or the resolved JSON a backfill saved), the demo site
// under it with --demo, and the fleet options on top.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { DEMO_FLEET, demoScenario } from './demoScenario';
import { resolveScenario, ResolvedScenario, ScenarioError } from './scenario';
import { isResolvedScenario, scenarioFromResolved } from './scenarioJson';

export interface ScenarioOptions {
  scenario?: string;
  demo?: boolean;
  seed?: string;
  racks?: string;
  'hosts-per-rack'?: string;
  'cpus-per-host'?: string;
}

const FLEET_OPTIONS = [
  ['seed', 'seed'],
  ['racks', 'racks'],
  ['hosts-per-rack', 'hostsPerRack'],
  ['cpus-per-host', 'cpusPerHost'],
] as const;

/**
 * Resolves the scenario at `now`. `minHistoryDays` makes the history (where counters start) at least that
 * long unless the scenario fixes its origin or historyWeeks itself.
 */
export function loadScenario(values: ScenarioOptions, now: number, minHistoryDays = 0): ResolvedScenario {
  let raw: Record<string, unknown> = {};
  if (values.scenario) {
    raw = (parseYaml(readFileSync(values.scenario, 'utf8')) as Record<string, unknown> | null) ?? {};
    if (isResolvedScenario(raw)) {
      if (values.demo || FLEET_OPTIONS.some(([opt]) => values[opt] !== undefined)) {
        throw new ScenarioError(`${values.scenario} is a resolved scenario: --demo and fleet options cannot change it`);
      }
      return scenarioFromResolved(raw);
    }
  }
  const overrides: Record<string, number> = {};
  for (const [opt, field] of FLEET_OPTIONS) {
    const text = values[opt];
    if (text !== undefined) {
      const n = Number(text);
      if (!Number.isInteger(n)) {
        throw new ScenarioError(`--${opt} must be a whole number, got "${text}"`);
      }
      overrides[field] = n;
    }
  }
  if (values.demo) {
    const pick = (field: keyof typeof DEMO_FLEET) => overrides[field] ?? (raw[field] as number) ?? DEMO_FLEET[field];
    const demo = demoScenario({ racks: pick('racks'), hostsPerRack: pick('hostsPerRack'), seed: pick('seed') });
    const incidents = [...(demo.incidents ?? []), ...((raw.incidents as unknown[]) ?? [])];
    const changes = [...(demo.changes ?? []), ...((raw.changes as unknown[]) ?? [])];
    raw = { ...demo, ...raw, incidents, changes };
  }
  raw = { ...raw, ...overrides };
  const weeks = minHistoryDays / 7;
  if (raw.origin === undefined && raw.historyWeeks === undefined && weeks > 3) {
    raw.historyWeeks = weeks;
  }
  return resolveScenario(raw, now);
}
