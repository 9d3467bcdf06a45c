// The simulated datacenter's description: one typed, validated scenario with its defaults in one place,
// and the resolution of relative incident times ("now-3h", "origin+10d") into absolute instants.
import { z } from 'zod';
import { parseDuration } from '../engine/duration';

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;

/** "2024-05-01T12:00:00Z", "now-3h", "now+30m", "origin+10d14h" (resolved against a fixed now and origin). */
const timeSpec = z.string().refine((s) => parseTimeSpec(s) !== undefined, {
  message: 'expected an ISO date, "now±<duration>" or "origin+<duration>"',
});
const duration = z
  .string()
  .refine((s) => parseDuration(s) !== undefined, { message: 'expected a duration like 90m or 4h' });

const incidentSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('cooling_failure'),
    rack: z.string(),
    start: timeSpec,
    /** Omitted: the failure is still going on. */
    duration: duration.optional(),
    /** Inlet temperature rise once the failure is fully developed. */
    inletRiseCelsius: z.number().positive().default(11),
  }),
  z.object({ kind: z.literal('runaway_job'), host: z.string(), start: timeSpec, duration: duration.optional() }),
  /** A server whose workload was moved away but which was left powered on. */
  z.object({ kind: z.literal('idle_zombie'), host: z.string(), start: timeSpec.default('origin+0s') }),
]);

export const scenarioSchema = z
  .object({
    seed: z.number().int().default(42),
    site: z.string().default('sp-01'),
    /** Local time of the site for daily/weekly cycles (São Paulo: UTC-3, no DST since 2019). */
    utcOffsetHours: z.number().min(-14).max(14).default(-3),
    /** Counters start at zero here; growth is measured from here. Default: the hour `historyWeeks` before now. */
    origin: timeSpec.optional(),
    historyWeeks: z.number().positive().default(3),
    racks: z.number().int().min(1).max(26).default(3),
    hostsPerRack: z.number().int().min(1).max(40).default(4),
    cpusPerHost: z.number().int().min(1).max(256).default(4),
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
    incidents: z.array(incidentSchema).default([]),
  })
  .refine((s) => s.maxWatts > s.idleWatts, { message: 'maxWatts must exceed idleWatts', path: ['maxWatts'] });

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type IncidentSpec = Scenario['incidents'][number];

export type Incident =
  | { kind: 'cooling_failure'; rack: string; start: number; end: number; inletRiseCelsius: number }
  | { kind: 'runaway_job'; host: string; start: number; end: number }
  | { kind: 'idle_zombie'; host: string; start: number; end: number };

/** A scenario with every time absolute (ms epoch); what the exporter and the backfill writer both run. */
export interface ResolvedScenario extends Omit<Scenario, 'origin' | 'incidents'> {
  origin: number;
  incidents: Incident[];
}

/** The demo scenario: zombies all along, a runaway job since 3 h ago, a cooling failure in 30 minutes. */
export const DEMO_INCIDENTS: ScenarioInput['incidents'] = [
  { kind: 'idle_zombie', host: 'srv-c03', start: 'origin+0s' },
  { kind: 'idle_zombie', host: 'srv-c04', start: 'origin+2d' },
  { kind: 'runaway_job', host: 'srv-b02', start: 'now-3h', duration: '12h' },
  { kind: 'cooling_failure', rack: 'rack-a', start: 'now+30m', duration: '2h' },
];

export class ScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioError';
  }
}

/** Validates a scenario and fixes its times; throws ScenarioError naming every bad field. */
export function resolveScenario(input: unknown, now: number): ResolvedScenario {
  const parsed = scenarioSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ScenarioError(`invalid simulator scenario:\n${lines.join('\n')}`);
  }
  const s = parsed.data;
  const defaultOrigin = Math.floor(now / HOUR) * HOUR - Math.round(s.historyWeeks * WEEK);
  const origin = s.origin ? resolveTime(s.origin, now, defaultOrigin) : defaultOrigin;
  const hosts = new Set(hostNames(s.racks, s.hostsPerRack));
  const racks = new Set(rackNames(s.racks));
  const incidents = s.incidents.map((spec): Incident => {
    const start = resolveTime(spec.start, now, origin);
    if (spec.kind === 'cooling_failure') {
      if (!racks.has(spec.rack)) {
        throw new ScenarioError(
          `cooling_failure names rack "${spec.rack}", which does not exist (racks: ${[...racks].join(', ')})`
        );
      }
      return {
        kind: spec.kind,
        rack: spec.rack,
        start,
        end: endOf(start, spec.duration),
        inletRiseCelsius: spec.inletRiseCelsius,
      };
    }
    if (!hosts.has(spec.host)) {
      throw new ScenarioError(
        `${spec.kind} names host "${spec.host}", which does not exist (e.g. ${[...hosts].slice(0, 3).join(', ')})`
      );
    }
    const end = spec.kind === 'runaway_job' ? endOf(start, spec.duration) : Infinity;
    return { kind: spec.kind, host: spec.host, start, end };
  });
  return { ...s, origin, incidents };
}

function endOf(start: number, d: string | undefined): number {
  return d === undefined ? Infinity : start + (parseDuration(d) as number);
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

type ParsedTime = { kind: 'absolute'; t: number } | { kind: 'now' | 'origin'; offset: number };

function parseTimeSpec(s: string): ParsedTime | undefined {
  const rel = /^(now|origin)\s*([+-])\s*(\S+)$/.exec(s.trim());
  if (rel) {
    const d = parseDuration(rel[3]);
    if (d === undefined || (rel[1] === 'origin' && rel[2] === '-')) {
      return undefined;
    }
    return { kind: rel[1] as 'now' | 'origin', offset: rel[2] === '-' ? -d : d };
  }
  if (s.trim() === 'now') {
    return { kind: 'now', offset: 0 };
  }
  const t = Date.parse(s);
  return Number.isFinite(t) && /^\d{4}-\d\d-\d\d/.test(s) ? { kind: 'absolute', t } : undefined;
}

function resolveTime(s: string, now: number, origin: number): number {
  const p = parseTimeSpec(s) as ParsedTime;
  if (p.kind === 'absolute') {
    return p.t;
  }
  return (p.kind === 'now' ? now : origin) + p.offset;
}

/** JSON form of a resolved scenario (Infinity is not JSON): what `backfill --write-scenario` saves for `serve`. */
export function scenarioToJson(s: ResolvedScenario): string {
  return JSON.stringify(
    {
      resolved: true,
      ...s,
      origin: new Date(s.origin).toISOString(),
      incidents: s.incidents.map((i) => ({
        ...i,
        start: new Date(i.start).toISOString(),
        end: Number.isFinite(i.end) ? new Date(i.end).toISOString() : null,
      })),
    },
    null,
    2
  );
}

/** Whether a parsed scenario document is one scenarioToJson wrote (times already absolute). */
export function isResolvedScenario(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && (raw as { resolved?: unknown }).resolved === true;
}

/** Reads what scenarioToJson wrote. */
export function scenarioFromJson(text: string): ResolvedScenario {
  return scenarioFromResolved(JSON.parse(text));
}

export function scenarioFromResolved(raw: {
  origin: string;
  incidents?: Array<{ kind: string; start: string; end: string | null }>;
}): ResolvedScenario {
  const incidents = (raw.incidents ?? []).map((i) => {
    if (!['cooling_failure', 'runaway_job', 'idle_zombie'].includes(i.kind)) {
      throw new ScenarioError(`unknown incident kind "${i.kind}" in resolved scenario`);
    }
    const start = Date.parse(i.start);
    const end = i.end === null ? Infinity : Date.parse(i.end);
    return { ...i, start, end } as Incident;
  });
  // Re-validate the shared fields through the schema (times are already absolute).
  const base = resolveScenario({ ...raw, incidents: [] }, Date.parse(raw.origin));
  return { ...base, origin: Date.parse(raw.origin), incidents };
}
