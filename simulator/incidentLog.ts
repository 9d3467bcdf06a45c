// Incidents started through the API, one JSON line each, replayed when the simulator restarts: counters are
// integrals of every incident, so forgetting one would step them back (which rate() reads as a reset).
import { appendFileSync, closeSync, existsSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { z } from 'zod';
import type { Datacenter } from './model';
import type { Incident } from './scenario';

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

/** What a log holds: its incidents, and a warning naming the file and line of each line skipped. */
export interface IncidentLogContents {
  incidents: Incident[];
  skipped: string[];
}

/**
 * The incidents a log holds (none when it does not exist yet). A line that is not an incident of this fleet (a
 * hand edit, a write cut short, a fleet made smaller) is skipped with a warning: one bad line must not keep a
 * demo from starting, nor cost the incidents on the other lines.
 */
export function readIncidentLog(path: string, dc: Datacenter): IncidentLogContents {
  if (!existsSync(path)) {
    return { incidents: [], skipped: [] };
  }
  const skipped: string[] = [];
  const incidents = readFileSync(path, 'utf8')
    .split('\n')
    .flatMap((text, i): Incident[] => {
      if (text.trim() === '') {
        return [];
      }
      const where = `${path}:${i + 1}`;
      let parsed: z.infer<typeof lineSchema>;
      try {
        parsed = lineSchema.parse(JSON.parse(text));
      } catch (e) {
        skipped.push(`${where} is not an incident (${(e as Error).message.split('\n')[0]}); skipped`);
        return [];
      }
      const known =
        parsed.kind === 'cooling_failure'
          ? dc.racks.some((r) => r.name === parsed.rack)
          : dc.hosts.some((h) => h.name === parsed.host);
      if (!known) {
        const what = parsed.kind === 'cooling_failure' ? `rack ${parsed.rack}` : `host ${parsed.host}`;
        skipped.push(`${where} names ${what}, which this fleet does not have; skipped`);
        return [];
      }
      return [{ ...parsed, start: Date.parse(parsed.start), end: Date.parse(parsed.end), trigger: 'api' }];
    });
  return { incidents, skipped };
}

/** Appends one incident (before it takes effect, so what acts is always on disk). */
export function appendIncidentLog(path: string, incident: Incident): void {
  const { trigger: _trigger, ...rest } = incident;
  const line = JSON.stringify({
    ...rest,
    start: new Date(incident.start).toISOString(),
    end: new Date(incident.end).toISOString(),
  });
  // After a write cut short, start a new line: glued to the partial one, this incident would be skipped too.
  appendFileSync(path, `${endsMidLine(path) ? '\n' : ''}${line}\n`);
}

function endsMidLine(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return false;
  }
  try {
    const size = fstatSync(fd).size;
    const last = Buffer.alloc(1);
    return size > 0 && readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 0x0a;
  } finally {
    closeSync(fd);
  }
}
