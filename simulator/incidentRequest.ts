// An on-demand incident (POST /incidents, `simulator incident`): the request's shape, its validation against the
// running fleet, and the incident it starts now. Rack and kind take short forms: rack-b, b or r2; cooling, runaway.
import { z } from 'zod';
import { parseDuration } from '../engine/duration';
import { hashUniform } from './noise';
import type { Datacenter, Rack } from './model';
import type { Incident } from './scenario';

const MIN_DURATION_MS = 60_000;
const MAX_DURATION_MS = 24 * 3_600_000;

// A Map, not an object: a kind such as "toString" or "__proto__" must not find Object.prototype's members.
export const KIND_ALIASES: ReadonlyMap<string, 'cooling_failure' | 'runaway_job'> = new Map([
  ['cooling_failure', 'cooling_failure'],
  ['cooling', 'cooling_failure'],
  ['runaway_job', 'runaway_job'],
  ['runaway', 'runaway_job'],
]);

const requestSchema = z
  .object({
    kind: z.string(),
    rack: z.string().max(64).optional(),
    host: z.string().max(64).optional(),
    duration: z.string().max(32).default('20m'),
    inletRiseCelsius: z.number().positive().max(30).optional(),
  })
  .strict();

export type IncidentRequest = z.input<typeof requestSchema>;

export type IncidentRequestResult = { ok: true; incident: Incident } | { ok: false; error: string };

/** "rack-b", "b" and "r2" all name the second rack. */
export function findRack(dc: Datacenter, text: string): Rack | undefined {
  const t = text.trim().toLowerCase();
  const numbered = /^r(\d+)$/.exec(t);
  if (numbered) {
    return dc.racks[Number(numbered[1]) - 1];
  }
  return dc.racks.find((r) => r.name === t || r.name === `rack-${t}`);
}

/** The incident a request starts at `now`, or why the request is refused (in words for a 400). */
export function incidentFromRequest(dc: Datacenter, body: unknown, now: number): IncidentRequestResult {
  const parsed = requestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `${issue.path.join('.') || 'body'}: ${issue.message}` };
  }
  const req = parsed.data;
  const kind = KIND_ALIASES.get(req.kind);
  if (!kind) {
    return { ok: false, error: `kind "${req.kind}" is not one of ${[...KIND_ALIASES.keys()].join(', ')}` };
  }
  const ms = parseDuration(req.duration);
  if (ms === undefined || ms < MIN_DURATION_MS || ms > MAX_DURATION_MS) {
    return { ok: false, error: `duration "${req.duration}" must be between 1m and 24h (e.g. 20m)` };
  }
  const host = req.host === undefined ? undefined : dc.hosts.find((h) => h.name === req.host);
  if (req.host !== undefined && (!host || host.poweredOffAt <= now)) {
    return { ok: false, error: `host "${req.host}" is not a running server of this site` };
  }
  const rack = req.rack === undefined ? undefined : findRack(dc, req.rack);
  if (req.rack !== undefined && !rack) {
    return { ok: false, error: `rack "${req.rack}" does not exist (racks: ${dc.racks.map((r) => r.name).join(', ')})` };
  }
  if (host && rack && host.rack !== rack.name) {
    return { ok: false, error: `host ${host.name} is in ${host.rack}, not ${rack.name}` };
  }
  const end = now + ms;
  if (kind === 'cooling_failure') {
    const target = rack ?? dc.racks.find((r) => r.name === host?.rack);
    if (!target) {
      return { ok: false, error: 'a cooling failure needs a rack (or a host in it)' };
    }
    const rise = req.inletRiseCelsius ?? 11;
    return { ok: true, incident: { kind, rack: target.name, start: now, end, inletRiseCelsius: rise, trigger: 'api' } };
  }
  if (req.inletRiseCelsius !== undefined) {
    return { ok: false, error: 'inletRiseCelsius applies to cooling failures only' };
  }
  const candidates = host ? [host] : (rack?.jobHosts ?? []);
  if (candidates.length === 0) {
    return {
      ok: false,
      error: rack ? `${rack.name} has no busy server to run away` : 'a runaway job needs a host or a rack',
    };
  }
  const pick =
    candidates[Math.floor(hashUniform(dc.scenario.seed, 0x7a11, Math.floor(now / 1000)) * candidates.length)];
  return { ok: true, incident: { kind, host: pick.name, start: now, end, trigger: 'api' } };
}
