// The resolved scenario as JSON: what `backfill --write-scenario` saves so that `serve` continues that history
// (same origin, idle servers, changes, incident times and schedule).
import { z } from 'zod';
import { formatDuration, parseDuration } from '../engine/duration';
import {
  checkNames,
  describeIssues,
  durationText,
  LIVE_INCIDENT_KINDS,
  ResolvedScenario,
  ScenarioError,
  siteFields,
} from './scenario';

const instant = z
  .string()
  .refine((s) => Number.isFinite(Date.parse(s)), { message: 'expected an ISO date' })
  .transform((s) => Date.parse(s));
const endInstant = instant.nullable().transform((t) => t ?? Infinity);
const trigger = z.enum(['scenario', 'schedule', 'api']).default('scenario');

const resolvedSchema = z.object({
  resolved: z.literal(true),
  ...siteFields,
  origin: instant,
  incidents: z
    .array(
      z.discriminatedUnion('kind', [
        z.object({
          kind: z.literal('cooling_failure'),
          rack: z.string(),
          start: instant,
          end: endInstant,
          inletRiseCelsius: z.number().positive(),
          trigger,
        }),
        z.object({ kind: z.literal('runaway_job'), host: z.string(), start: instant, end: endInstant, trigger }),
        z.object({ kind: z.literal('idle_zombie'), host: z.string(), start: instant, end: endInstant, trigger }),
      ])
    )
    .default([]),
  changes: z
    .array(
      z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('consolidation'), at: instant, hosts: z.array(z.string()) }),
        z.object({
          kind: z.literal('cooling_set_point'),
          at: instant,
          racks: z.array(z.string()),
          supplySetPointCelsius: z.number().min(10).max(27),
        }),
      ])
    )
    .default([]),
  recurring: z
    .object({
      every: durationText.transform((d) => parseDuration(d)!),
      duration: durationText.transform((d) => parseDuration(d)!),
      from: instant,
      kinds: z.array(z.enum(LIVE_INCIDENT_KINDS)).min(1),
      racks: z.array(z.string()).min(1),
      inletRiseCelsius: z.number().positive(),
    })
    .optional(),
});

const iso = (t: number) => new Date(t).toISOString();

/** JSON form of a resolved scenario (instants as ISO dates, an open end as null). */
export function scenarioToJson(s: ResolvedScenario): string {
  const { recurring, ...rest } = s;
  return JSON.stringify(
    {
      resolved: true,
      ...rest,
      origin: iso(s.origin),
      incidents: s.incidents.map((i) => ({
        ...i,
        start: iso(i.start),
        end: Number.isFinite(i.end) ? iso(i.end) : null,
      })),
      changes: s.changes.map((c) => ({ ...c, at: iso(c.at) })),
      ...(recurring && {
        recurring: {
          ...recurring,
          every: formatDuration(recurring.every),
          duration: formatDuration(recurring.duration),
          from: iso(recurring.from),
        },
      }),
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

/** Validates a resolved scenario document; throws ScenarioError naming every bad field. */
export function scenarioFromResolved(raw: unknown): ResolvedScenario {
  const parsed = resolvedSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ScenarioError(describeIssues(parsed.error.issues));
  }
  const { resolved: _resolved, ...s } = parsed.data;
  if (!(s.maxWatts > s.idleWatts)) {
    throw new ScenarioError('invalid simulator scenario:\n  maxWatts: maxWatts must exceed idleWatts');
  }
  checkNames(s);
  return s;
}
