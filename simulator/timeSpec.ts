// Scenario times: an ISO date, or an offset from the scenario's "now" or "origin", fixed once at resolution.
import { parseDuration } from '../engine/duration';

type ParsedTime = { kind: 'absolute'; t: number } | { kind: 'now' | 'origin'; offset: number };

/** "2024-05-01T12:00:00Z", "now", "now-3h", "now+30m", "origin+10d14h"; undefined for anything else. */
export function parseTimeSpec(s: string): ParsedTime | undefined {
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

/** The instant (ms epoch) a valid time spec names, given now and the origin. */
export function resolveTime(s: string, now: number, origin: number): number {
  const p = parseTimeSpec(s);
  if (p === undefined) {
    throw new RangeError(`not a scenario time: "${s}"`);
  }
  if (p.kind === 'absolute') {
    return p.t;
  }
  return (p.kind === 'now' ? now : origin) + p.offset;
}
