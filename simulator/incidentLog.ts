// Incidents started through the API, one JSON line each, replayed when the simulator restarts: counters are
// integrals of every incident, so forgetting one would step them back (which rate() reads as a reset).
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Datacenter } from './model';
import { Incident, ScenarioError } from './scenario';

const instant = z.string().refine((s) => Number.isFinite(Date.parse(s)));
const lineSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('cooling_failure'),
    rack: z.string(),
    start: instant,
    end: instant,
    inletRiseCelsius: z.number().positive(),
  }),
  z.object({ kind: z.literal('runaway_job'), host: z.string(), start: instant, end: instant }),
]);

/** The incidents a log holds (none when it does not exist yet); throws ScenarioError naming a bad line. */
export function readIncidentLog(path: string, dc: Datacenter): Incident[] {
  if (!existsSync(path)) {
    return [];
  }
  const lines = readFileSync(path, 'utf8').split('\n');
  return lines.flatMap((text, i): Incident[] => {
    if (text.trim() === '') {
      return [];
    }
    let parsed: z.infer<typeof lineSchema>;
    try {
      parsed = lineSchema.parse(JSON.parse(text));
    } catch (e) {
      throw new ScenarioError(`${path}:${i + 1} is not an incident: ${(e as Error).message.split('\n')[0]}`);
    }
    const known =
      parsed.kind === 'cooling_failure'
        ? dc.racks.some((r) => r.name === parsed.rack)
        : dc.hosts.some((h) => h.name === parsed.host);
    if (!known) {
      throw new ScenarioError(
        `${path}:${i + 1} names a ${parsed.kind === 'cooling_failure' ? 'rack' : 'host'} this fleet does not have`
      );
    }
    return [{ ...parsed, start: Date.parse(parsed.start), end: Date.parse(parsed.end), trigger: 'api' }];
  });
}

/** Appends one incident (before it takes effect, so what acts is always on disk). */
export function appendIncidentLog(path: string, incident: Incident): void {
  const { trigger: _trigger, ...rest } = incident;
  appendFileSync(
    path,
    `${JSON.stringify({ ...rest, start: new Date(incident.start).toISOString(), end: new Date(incident.end).toISOString() })}\n`
  );
}
