// Which incidents act on a host or rack at an instant: the scenario's own, those triggered through the API, and
// the recurring schedule, whose occurrences are computed from the time alone (so any instant is cheap and the
// live exporter and the backfill writer agree).
import { hashUniform } from './noise';
import type { Datacenter, Rack } from './model';
import type { Incident } from './scenario';

/** A cooling failure's effect lingers this long after it ends (eight 20-minute time constants: < 0.1 °C left). */
export const COOLING_TAIL_MS = 160 * 60_000;

/** The k-th scheduled occurrence (k ≥ 0): racks take turns, and each rack alternates through the kinds. */
export function scheduledOccurrence(dc: Datacenter, k: number): Incident | undefined {
  const r = dc.scenario.recurring;
  if (!r || k < 0) {
    return undefined;
  }
  const rackName = r.racks[k % r.racks.length];
  const kind = r.kinds[Math.floor(k / r.racks.length) % r.kinds.length];
  const start = r.from + k * r.every;
  const end = start + r.duration;
  if (kind === 'cooling_failure') {
    return { kind, rack: rackName, start, end, inletRiseCelsius: r.inletRiseCelsius, trigger: 'schedule' };
  }
  const rack = dc.racks.find((x) => x.name === rackName)!;
  if (rack.jobHosts.length === 0) {
    return undefined;
  }
  const pick = Math.floor(hashUniform(dc.scenario.seed, rack.stream ^ 0x0cc, k) * rack.jobHosts.length);
  return { kind, host: rack.jobHosts[pick].name, start, end, trigger: 'schedule' };
}

/** The scheduled occurrence running at t, if any. */
export function scheduledAt(dc: Datacenter, t: number): Incident | undefined {
  const r = dc.scenario.recurring;
  if (!r || t < r.from) {
    return undefined;
  }
  const k = Math.floor((t - r.from) / r.every);
  return t < r.from + k * r.every + r.duration ? scheduledOccurrence(dc, k) : undefined;
}

/** Scheduled occurrences that overlap [from, to). */
export function scheduledBetween(dc: Datacenter, from: number, to: number): Incident[] {
  const r = dc.scenario.recurring;
  if (!r || to <= r.from) {
    return [];
  }
  const first = Math.max(0, Math.floor((from - r.duration - r.from) / r.every));
  const out: Incident[] = [];
  for (let k = first; r.from + k * r.every < to; k++) {
    const o = scheduledOccurrence(dc, k);
    if (o && o.end > from) {
      out.push(o);
    }
  }
  return out;
}

/** Cooling failures that still warm this rack's inlets at t (started, and not yet faded). */
export function coolingFailuresAt(dc: Datacenter, rack: Rack, t: number): Incident[] {
  const own = rack.incidents.filter((i) => i.kind === 'cooling_failure' && i.start <= t && i.end > t - COOLING_TAIL_MS);
  if (!dc.scenario.recurring) {
    return own;
  }
  const scheduled = scheduledBetween(dc, t - COOLING_TAIL_MS, t + 1).filter(
    (i) => i.kind === 'cooling_failure' && i.rack === rack.name
  );
  return own.length === 0 ? scheduled : [...own, ...scheduled];
}

function active(i: Incident, t: number): boolean {
  return t >= i.start && t < i.end;
}

/** Every incident in progress at t (scenario, API and schedule), for the ground-truth metric. */
export function activeIncidents(dc: Datacenter, t: number): Incident[] {
  const out = dc.scenario.incidents.filter((i) => active(i, t));
  const s = scheduledAt(dc, t);
  return s ? [...out, s] : out;
}

/** Adds an incident to a running datacenter (the host's or rack's list and the scenario's). */
export function addIncident(dc: Datacenter, incident: Incident): void {
  dc.scenario.incidents.push(incident);
  if (incident.kind === 'cooling_failure') {
    dc.racks.find((r) => r.name === incident.rack)?.incidents.push(incident);
  } else {
    dc.hosts.find((h) => h.name === incident.host)?.incidents.push(incident);
  }
}
