// Request parameters of the JSON API: which targets a request names, which horizon it asks for, and the 400s
// (with a message naming the parameter and what would be accepted) for everything else.
import { isEnergyKind } from './config';
import { parseDuration } from './duration';
import { Engine } from './engine';
import { pueFor } from './ml';
import type { TargetRuntime } from './targetRuntime';

/** A request the client can fix: answered 400 with its message. */
export class BadRequest extends Error {}

export const bad = (message: string): never => {
  throw new BadRequest(message);
};

/** The targets a request names (or all that fit), with the 400s for unknown or unsuitable ones. */
export function selectTargets(
  engine: Engine,
  query: URLSearchParams,
  fits: (rt: TargetRuntime) => boolean,
  what: string
): TargetRuntime[] {
  const name = query.get('target');
  if (name === null || name === '') {
    return engine.targets.filter(fits);
  }
  const rt = engine.target(name);
  if (!rt) {
    return bad(`unknown target "${name}"; known targets: ${engine.targets.map((t) => t.target.name).join(', ')}`);
  }
  if (!fits(rt)) {
    return bad(`target "${name}" is ${rt.target.kind}; this endpoint needs ${what}`);
  }
  return [rt];
}

/**
 * The power and energy targets a request names (or all of them), each with its requested horizon, every one
 * validated before any work, and the PUE its energy is scaled by (facility-scope targets already include cooling
 * and losses; IT targets are scaled by the site's PUE).
 */
export function energyTargets(
  engine: Engine,
  query: URLSearchParams
): Array<{ rt: TargetRuntime; horizonMs: number; pue: number }> {
  const targets = selectTargets(
    engine,
    query,
    (rt) => isEnergyKind(rt.target.kind),
    'a power or energy counter target'
  );
  const horizons = targets.map((rt) => horizonOf(rt, query));
  return targets.map((rt, i) => ({ rt, horizonMs: horizons[i], pue: pueFor(rt.target.scope, engine.config.site.pue) }));
}

/** The requested horizon in ms (default: the target's longest), at most the longest configured. */
export function horizonOf(rt: TargetRuntime, query: URLSearchParams): number {
  const longest = Math.max(...rt.target.horizonsMs);
  const text = query.get('horizon');
  if (text === null || text === '') {
    return longest;
  }
  const h = parseDuration(text);
  if (h === undefined || h <= 0) {
    return bad(`horizon "${text}" is not a duration such as 1h, 24h or 7d`);
  }
  if (h > longest) {
    return bad(
      `horizon ${text} is beyond the longest horizon configured for target ${rt.target.name} (${rt.target.horizons.join(', ')})`
    );
  }
  return h;
}

/** A fraction parameter from 0 to 1 (minScore, shift), with its default when absent; `meaning` ends with the range. */
export function fractionOf(query: URLSearchParams, name: string, fallback: number, meaning: string): number {
  const text = query.get(name);
  const value = text === null || text === '' ? fallback : Number(text);
  if (!(value >= 0 && value <= 1)) {
    bad(`${name} must be ${meaning}, got "${text}"`);
  }
  return value;
}

export function freshness(engine: Engine, rt: TargetRuntime, now: number) {
  return {
    stale: engine.isStale(rt, now),
    lastSuccess: Number.isFinite(rt.lastSuccess) ? new Date(rt.lastSuccess).toISOString() : null,
  };
}

export const isoOrNull = (t: number): string | null => (Number.isFinite(t) ? new Date(t).toISOString() : null);
