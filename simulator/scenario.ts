// The simulated datacenter's description: one typed, validated scenario with its defaults in one place, and
// its resolution into absolute instants ("now-3h", "origin+10d") and explicit host lists (idle servers picked
// by the seed), which is what the exporter and the backfill writer both run.
import { z } from 'zod';
import { parseDuration } from '../engine/duration';
import { hashUniform, streamId } from './noise';
import { parseTimeSpec, resolveTime } from './timeSpec';

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;

const timeSpec = z.string().refine((s) => parseTimeSpec(s) !== undefined, {
  message: 'expected an ISO date, "now±<duration>" or "origin+<duration>"',
});
export const durationText = z
  .string()
  .refine((s) => (parseDuration(s) ?? 0) > 0, { message: 'expected a duration like 90m or 4h' });

export const LIVE_INCIDENT_KINDS = ['cooling_failure', 'runaway_job'] as const;
export type LiveIncidentKind = (typeof LIVE_INCIDENT_KINDS)[number];

const incidentSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('cooling_failure'),
    rack: z.string(),
    start: timeSpec,
    /** Omitted: the failure is still going on. */
    duration: durationText.optional(),
    /** Inlet temperature rise once the failure is fully developed. */
    inletRiseCelsius: z.number().positive().default(11),
  }),
  z.object({ kind: z.literal('runaway_job'), host: z.string(), start: timeSpec, duration: durationText.optional() }),
  /** A server whose workload was moved away but which was left powered on. */
  z.object({ kind: z.literal('idle_zombie'), host: z.string(), start: timeSpec.default('origin+0s') }),
]);

/** Dated improvements the site made: they show in the history as a step down in facility power. */
const changeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('consolidation'),
    at: timeSpec,
    /** Hosts powered off for good; or `idleServers`: that many of the idle servers, in the order listed. */
    hosts: z.array(z.string()).optional(),
    idleServers: z.number().int().positive().optional(),
  }),
  z.object({
    kind: z.literal('cooling_set_point'),
    at: timeSpec,
    /** Racks whose cooling unit gets the new supply set point; default all. */
    racks: z.array(z.string()).optional(),
    supplySetPointCelsius: z.number().min(10).max(27),
  }),
]);

/** An incident every `every`, rotating over the racks (each rack alternates through the kinds). */
const recurringSchema = z.object({
  every: durationText.default('1h'),
  duration: durationText.default('30m'),
  /** First occurrence. Default: the scenario's now, so the history stays clean and live values get them. */
  from: timeSpec.default('now'),
  kinds: z
    .array(z.enum(LIVE_INCIDENT_KINDS))
    .min(1)
    .default([...LIVE_INCIDENT_KINDS]),
  racks: z.array(z.string()).min(1).optional(),
  inletRiseCelsius: z.number().positive().default(11),
});

/** Fleet and physics: the same fields in a scenario file and in its resolved form. */
export const siteFields = {
  seed: z.number().int().default(42),
  site: z
    .string()
    .regex(/^[\w.-]+$/)
    .default('sp-01'),
  /** Local time of the site for daily/weekly cycles (São Paulo: UTC-3, no DST since 2019). */
  utcOffsetHours: z.number().min(-14).max(14).default(-3),
  historyWeeks: z.number().positive().max(104).default(3),
  racks: z.number().int().min(1).max(26).default(4),
  hostsPerRack: z.number().int().min(1).max(64).default(16),
  /** CPUs exported per host (node_cpu_seconds_total series); real servers have more, the history stays small. */
  cpusPerHost: z.number().int().min(1).max(256).default(2),
  idleWatts: z.number().positive().default(110),
  maxWatts: z.number().positive().default(380),
  /** Network gear per rack, on the PDUs but not on any host's BMC. */
  switchWatts: z.number().nonnegative().default(150),
  baseUtilisation: z.number().min(0).max(1).default(0.2),
  dailyAmplitude: z.number().min(0).max(1).default(0.3),
  weekendFactor: z.number().min(0).max(1).default(0.55),
  growthPerWeek: z.number().min(-0.5).max(0.5).default(0.01),
  /** Standard deviation of the slow utilisation drift (30-minute scale). */
  noise: z.number().nonnegative().default(0.03),
  /** Per-rack multipliers of the load (cycled over the racks): < 1 is an over-provisioned rack. */
  rackLoadFactors: z.array(z.number().min(0).max(4)).min(1).default([1]),
  /** Share of the servers left idle ("zombies"), picked by the seed; resolved into idle_zombie incidents. */
  idleShare: z.number().min(0).max(0.9).default(0),
  /** Supply air set point of every rack's cooling unit until a cooling_set_point change. */
  supplySetPointCelsius: z.number().min(10).max(27).default(20),
  /**
   * Power budget of each rack (cycled over the racks), exported as datacenter_rack_capacity_watts as a capacity
   * sheet exporter would: the engine's thresholdFrom reads it. 4.6 kW: the demo's busiest rack peaks near 4.4 kW.
   */
  rackCapacityWatts: z.array(z.number().positive()).min(1).default([4600]),
};

export const scenarioSchema = z
  .object({
    ...siteFields,
    /** Counters start at zero here; growth is measured from here. Default: the hour `historyWeeks` before now. */
    origin: timeSpec.optional(),
    incidents: z.array(incidentSchema).default([]),
    changes: z.array(changeSchema).default([]),
    recurring: recurringSchema.optional(),
  })
  .refine((s) => s.maxWatts > s.idleWatts, { message: 'maxWatts must exceed idleWatts', path: ['maxWatts'] });

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;

/** Who started an incident: the scenario file, the recurring schedule, or POST /incidents. */
export type IncidentTrigger = 'scenario' | 'schedule' | 'api';

export type Incident = { start: number; end: number; trigger: IncidentTrigger } & (
  | { kind: 'cooling_failure'; rack: string; inletRiseCelsius: number }
  | { kind: 'runaway_job'; host: string }
  | { kind: 'idle_zombie'; host: string }
);

export type Change =
  | { kind: 'consolidation'; at: number; hosts: string[] }
  | { kind: 'cooling_set_point'; at: number; racks: string[]; supplySetPointCelsius: number };

export interface RecurringIncidents {
  every: number;
  duration: number;
  from: number;
  kinds: LiveIncidentKind[];
  racks: string[];
  inletRiseCelsius: number;
}

type SiteFields = Omit<Scenario, 'origin' | 'incidents' | 'changes' | 'recurring'>;

/** A scenario with every time absolute (ms epoch) and every host named. */
export interface ResolvedScenario extends SiteFields {
  origin: number;
  incidents: Incident[];
  changes: Change[];
  recurring?: RecurringIncidents;
}

export class ScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioError';
  }
}

/** Validates a scenario and fixes its times and hosts; throws ScenarioError naming every bad field. */
export function resolveScenario(input: unknown, now: number): ResolvedScenario {
  const parsed = scenarioSchema.safeParse(input ?? {});
  if (!parsed.success) {
    throw new ScenarioError(describeIssues(parsed.error.issues));
  }
  const { origin: originSpec, incidents: incidentSpecs, changes: changeSpecs, recurring, ...fields } = parsed.data;
  const defaultOrigin = Math.floor(now / HOUR) * HOUR - Math.round(fields.historyWeeks * WEEK);
  const origin = originSpec ? resolveTime(originSpec, now, defaultOrigin) : defaultOrigin;
  const at = (s: string) => resolveTime(s, now, origin);
  const incidents = incidentSpecs.map((spec): Incident => {
    const { duration, ...rest } = { duration: undefined, ...spec };
    const start = at(spec.start);
    const end = duration !== undefined ? start + parseDuration(duration)! : Infinity;
    return { ...rest, start, end, trigger: 'scenario' } as Incident;
  });
  const named = new Set(incidents.flatMap((i) => (i.kind === 'idle_zombie' ? [i.host] : [])));
  for (const host of pickIdleHosts(fields.seed, hostNames(fields.racks, fields.hostsPerRack), fields.idleShare)) {
    if (!named.has(host)) {
      incidents.push({ kind: 'idle_zombie', host, start: origin, end: Infinity, trigger: 'scenario' });
    }
  }
  const idle = incidents.flatMap((i) => (i.kind === 'idle_zombie' ? [i.host] : []));
  const changes = changeSpecs.map((c): Change => {
    if (c.kind === 'cooling_set_point') {
      return { ...c, at: at(c.at), racks: c.racks ?? rackNames(fields.racks) };
    }
    if ((c.hosts === undefined) === (c.idleServers === undefined)) {
      throw new ScenarioError('a consolidation change needs either hosts or idleServers (how many idle servers)');
    }
    if (c.idleServers !== undefined && c.idleServers > idle.length) {
      throw new ScenarioError(
        `consolidation powers off ${c.idleServers} idle servers; the scenario has ${idle.length}`
      );
    }
    return { kind: c.kind, at: at(c.at), hosts: c.hosts ?? idle.slice(0, c.idleServers) };
  });
  const resolved: ResolvedScenario = { ...fields, origin, incidents, changes };
  if (recurring) {
    const every = parseDuration(recurring.every)!;
    const duration = parseDuration(recurring.duration)!;
    if (duration >= every) {
      throw new ScenarioError(
        `recurring.duration (${recurring.duration}) must be shorter than every (${recurring.every})`
      );
    }
    const racks = recurring.racks ?? rackNames(fields.racks);
    resolved.recurring = { ...recurring, every, duration, from: at(recurring.from), racks };
  }
  checkNames(resolved);
  return resolved;
}

export function describeIssues(issues: Array<{ path: PropertyKey[]; message: string }>): string {
  const lines = issues.map((i) => `  ${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
  return `invalid simulator scenario:\n${lines.join('\n')}`;
}

/** Every host and rack a scenario names exists in its fleet. */
export function checkNames(s: ResolvedScenario): void {
  const hosts = new Set(hostNames(s.racks, s.hostsPerRack));
  const racks = new Set(rackNames(s.racks));
  const rack = (r: string, what: string) => {
    if (!racks.has(r)) {
      throw new ScenarioError(`${what} names rack "${r}", which does not exist (racks: ${[...racks].join(', ')})`);
    }
  };
  const host = (h: string, what: string) => {
    if (!hosts.has(h)) {
      throw new ScenarioError(
        `${what} names host "${h}", which does not exist (e.g. ${[...hosts].slice(0, 3).join(', ')})`
      );
    }
  };
  for (const i of s.incidents) {
    i.kind === 'cooling_failure' ? rack(i.rack, i.kind) : host(i.host, i.kind);
  }
  for (const c of s.changes) {
    c.kind === 'consolidation' ? c.hosts.forEach((h) => host(h, c.kind)) : c.racks.forEach((r) => rack(r, c.kind));
  }
  s.recurring?.racks.forEach((r) => rack(r, 'recurring'));
}

/** The idle servers: a `share` of the hosts, in the seed's order (spread over the racks, stable per host). */
export function pickIdleHosts(seed: number, hosts: string[], share: number): string[] {
  const count = Math.round(share * hosts.length);
  const rank = (h: string) => hashUniform(seed, streamId(h), 0x1d1e);
  return [...hosts].sort((a, b) => rank(a) - rank(b)).slice(0, count);
}

/** Rack names: rack-a, rack-b, ... */
export function rackNames(racks: number): string[] {
  return Array.from({ length: racks }, (_, i) => `rack-${String.fromCharCode(97 + i)}`);
}

/** Host names: srv-a01 is the first server of rack-a. */
export function hostNames(racks: number, hostsPerRack: number): string[] {
  return rackNames(racks).flatMap((r) =>
    Array.from({ length: hostsPerRack }, (_, j) => `srv-${r.slice(5)}${String(j + 1).padStart(2, '0')}`)
  );
}
