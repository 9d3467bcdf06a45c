// The simulated datacenter's physics: instantaneous utilisation, power and temperature of every host, PDU and
// the site, as pure functions of time. Counters (CPU seconds, joules) integrate these in counters.ts.
import { hashUniform, smoothNoise, streamId } from './noise';
import { hostNames, Incident, rackNames, ResolvedScenario } from './scenario';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
/** White noise is held for this long (one "sample" of the physical sensor). */
export const SENSOR_TICK_MS = 15_000;
/** Cooling failures develop (and recover) with this time constant. */
const THERMAL_TAU_MS = 20 * MINUTE;
/** Fans and leakage add this fraction of a server's power per °C of inlet above 24 °C. */
const POWER_PER_DEGREE = 0.017;
/** Fraction of busy CPU time spent in each mode (the rest of the time is idle). */
export const BUSY_MODES: Array<[string, number]> = [
  ['user', 0.72],
  ['system', 0.2],
  ['iowait', 0.08],
];

export interface Host {
  name: string;
  rack: string;
  /** Position in the rack from the bottom (0-based): higher servers breathe warmer air. */
  slot: number;
  idleWatts: number;
  maxWatts: number;
  baseUtilisation: number;
  /** Runs the nightly batch window (01:00–01:45 local). */
  batch: boolean;
  /** Each CPU's share of the host's load (mean 1). */
  cpuShares: number[];
  stream: number;
  incidents: Incident[];
}

export interface Rack {
  name: string;
  hosts: Host[];
  /** Share of the rack's load on feed A (feed B takes the rest). */
  feedAShare: number;
  inletOffset: number;
  stream: number;
  incidents: Incident[];
}

export interface Datacenter {
  scenario: ResolvedScenario;
  racks: Rack[];
  hosts: Host[];
}

/** Builds the datacenter's fixed layout; per-host parameters are drawn once from the seed. */
export function buildDatacenter(scenario: ResolvedScenario): Datacenter {
  const { seed } = scenario;
  const names = hostNames(scenario.racks, scenario.hostsPerRack);
  const racks: Rack[] = rackNames(scenario.racks).map((name, r) => {
    const stream = streamId(name);
    const hosts = names
      .slice(r * scenario.hostsPerRack, (r + 1) * scenario.hostsPerRack)
      .map((hostName, slot): Host => {
        const hs = streamId(hostName);
        const jitter = (k: number) => hashUniform(seed, hs, k) - 0.5;
        return {
          name: hostName,
          rack: name,
          slot,
          idleWatts: scenario.idleWatts * (1 + 0.1 * jitter(1)),
          maxWatts: scenario.maxWatts * (1 + 0.1 * jitter(2)),
          // Same role per slot in every rack (so racks are comparable), with a little per-server spread.
          baseUtilisation: scenario.baseUtilisation * (0.8 + 0.1 * (slot % 4)) * (1 + 0.1 * jitter(3)),
          batch: slot % 2 === 0,
          cpuShares: normalise(Array.from({ length: scenario.cpusPerHost }, (_, k) => 1 + 0.3 * jitter(10 + k))),
          stream: hs,
          incidents: scenario.incidents.filter((i) => 'host' in i && i.host === hostName),
        };
      });
    return {
      name,
      hosts,
      feedAShare: 0.5 + 0.06 * (hashUniform(seed, stream, 1) - 0.5),
      inletOffset: 1.5 * hashUniform(seed, stream, 2),
      stream,
      incidents: scenario.incidents.filter((i) => 'rack' in i && i.rack === name),
    };
  });
  return { scenario, racks, hosts: racks.flatMap((r) => r.hosts) };
}

function normalise(xs: number[]): number[] {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return xs.map((x) => x / mean);
}

/** Local wall-clock hour in [0, 24) and whether it is Saturday or Sunday, at the site's fixed UTC offset. */
export function localClock(dc: Datacenter, t: number): { hour: number; weekend: boolean } {
  const local = t + dc.scenario.utcOffsetHours * HOUR;
  const hour = (((local % DAY) + DAY) % DAY) / HOUR;
  // 1970-01-01 was a Thursday: day index 0 → Thursday, so Saturday is 2 and Sunday is 3 (mod 7).
  const dow = ((Math.floor(local / DAY) % 7) + 7) % 7;
  return { hour, weekend: dow === 2 || dow === 3 };
}

/** Office-hours load shape: 0 at 04:00, 1 at 16:00, sharpened so nights stay flat. */
export function dailyShape(hour: number): number {
  const c = 0.5 - 0.5 * Math.cos((2 * Math.PI * (hour - 4)) / 24);
  return Math.pow(c, 1.5);
}

function active(i: Incident, t: number): boolean {
  return t >= i.start && t < i.end;
}

/** CPU utilisation of a host in [0, 1]. */
export function utilisation(dc: Datacenter, host: Host, t: number): number {
  const s = dc.scenario;
  const tick = Math.floor(t / SENSOR_TICK_MS);
  for (const i of host.incidents) {
    if (i.kind === 'idle_zombie' && active(i, t)) {
      return 0.012 + 0.003 * (hashUniform(s.seed, host.stream ^ 0x5a, tick) - 0.5);
    }
  }
  const { hour, weekend } = localClock(dc, t);
  const growth = 1 + (s.growthPerWeek * (t - s.origin)) / WEEK;
  let u = growth * (host.baseUtilisation + s.dailyAmplitude * dailyShape(hour) * (weekend ? s.weekendFactor : 1));
  if (host.batch && hour >= 1 && hour < 1.75) {
    u += 0.35;
  }
  u +=
    s.noise * smoothNoise(s.seed, host.stream, t, 30 * MINUTE) +
    0.01 * (hashUniform(s.seed, host.stream ^ 0xa5, tick) - 0.5) * 3.46;
  for (const i of host.incidents) {
    if (i.kind === 'runaway_job' && active(i, t)) {
      u = Math.max(u, 0.95 + 0.02 * (hashUniform(s.seed, host.stream ^ 0x3c, tick) - 0.5));
    }
  }
  return Math.min(1, Math.max(0.005, u));
}

/** Busy fraction of one CPU: the host's load scaled by the CPU's share, capped at fully busy. */
export function cpuBusy(host: Host, u: number, cpu: number): number {
  return Math.min(1, u * host.cpuShares[cpu]);
}

/** Outdoor influence on the room, 0 at 04:00 and 1 at 15:00 local (cooling works harder in the afternoon). */
function outdoorShape(hour: number): number {
  return 0.5 - 0.5 * Math.cos((2 * Math.PI * (hour - 3.5)) / 24);
}

/** Extra inlet temperature from the rack's cooling failures (first-order rise and recovery). */
function coolingExcess(rack: Rack, t: number): number {
  let excess = 0;
  for (const i of rack.incidents) {
    if (i.kind !== 'cooling_failure' || t < i.start) {
      continue;
    }
    const on = 1 - Math.exp(-(Math.min(t, i.end) - i.start) / THERMAL_TAU_MS);
    const off = t > i.end ? Math.exp(-(t - i.end) / THERMAL_TAU_MS) : 1;
    excess += i.inletRiseCelsius * on * off;
  }
  return excess;
}

/** Inlet air temperature of a host in °C. */
export function inletTemperature(dc: Datacenter, rack: Rack, host: Host, t: number): number {
  const { hour } = localClock(dc, t);
  return (
    21.5 +
    rack.inletOffset +
    0.25 * host.slot +
    1.2 * outdoorShape(hour) +
    0.3 * smoothNoise(dc.scenario.seed, host.stream ^ 0x77, t, 20 * MINUTE) +
    coolingExcess(rack, t)
  );
}

/** Power drawn by a host as its BMC reports it (DCMI), in watts. */
export function hostPower(dc: Datacenter, rack: Rack, host: Host, t: number, u = utilisation(dc, host, t)): number {
  const inlet = inletTemperature(dc, rack, host, t);
  const compute = host.idleWatts + (host.maxWatts - host.idleWatts) * Math.pow(u, 0.9);
  const thermal = 1 + POWER_PER_DEGREE * Math.max(0, inlet - 24);
  const noise = 2 * (hashUniform(dc.scenario.seed, host.stream ^ 0x99, Math.floor(t / SENSOR_TICK_MS)) - 0.5) * 1.73;
  return compute * thermal + noise;
}

/** Kepler's RAPL zones for a host: package and DRAM power in watts, from its utilisation. */
export function raplWatts(host: Host, u: number): { package: number; dram: number } {
  const scale = host.maxWatts / 380;
  return { package: scale * (18 + 125 * u), dram: scale * (6 + 12 * u) };
}

/** Power through one rack's two PDU feeds, in watts (hosts' power plus the rack's network gear). */
export function pduPower(dc: Datacenter, rack: Rack, t: number): { a: number; b: number } {
  let total = dc.scenario.switchWatts;
  for (const h of rack.hosts) {
    total += hostPower(dc, rack, h, t);
  }
  const tick = Math.floor(t / SENSOR_TICK_MS);
  const n = (k: number) => 3 * (hashUniform(dc.scenario.seed, rack.stream ^ k, tick) - 0.5);
  return { a: total * rack.feedAShare + n(0x11), b: total * (1 - rack.feedAShare) + n(0x22) };
}

/** Site totals: IT power (all PDUs), cooling, and the facility meter, in watts. */
export function sitePower(dc: Datacenter, t: number): { it: number; cooling: number; facility: number } {
  let it = 0;
  let failing = 0;
  for (const r of dc.racks) {
    const p = pduPower(dc, r, t);
    it += p.a + p.b;
    failing += coolingExcess(r, t) > 1 ? 1 : 0;
  }
  const { hour } = localClock(dc, t);
  // Other cooling units work harder while one rack's unit has failed.
  const cooling = it * (0.33 + 0.12 * outdoorShape(hour)) * (1 + 0.05 * failing);
  // UPS losses (4% of IT) and lighting/offices complete the utility meter's reading.
  const facility = it * 1.04 + cooling + 200;
  return { it, cooling, facility };
}
