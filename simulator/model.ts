// The simulated datacenter's physics: instantaneous utilisation, power and temperature of every host, PDU,
// cooling unit and the site, as pure functions of time. Counters (CPU seconds, joules) integrate these in
// counters.ts; cooling.ts holds the air side, incidents.ts which incidents act when.
import { coolingExcess, cracPower, inletTemperature } from './cooling';
import { scheduledAt } from './incidents';
import { hashUniform, smoothNoise, streamId } from './noise';
import { hostNames, Incident, rackNames, ResolvedScenario } from './scenario';
import { dailyShape, localClock } from './siteClock';

export { coolingExcess, cracPower, inletTemperature, supplySetPoint, targetSetPoint } from './cooling';
export { dailyShape, localClock } from './siteClock';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const WEEK = 7 * 24 * HOUR;
/** White noise is held for this long (one "sample" of the physical sensor). */
export const SENSOR_TICK_MS = 15_000;
/** Fans and leakage add this fraction of a server's power per °C of inlet above 24 °C. */
const POWER_PER_DEGREE = 0.017;
/** UPS and distribution losses, as a share of IT power. */
const UPS_LOSS = 0.04;
/** Lighting, offices and the BMS itself on the utility meter, in watts. */
const BUILDING_WATTS = 300;
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
  /** The rack's load multiplier (over-provisioned racks run below 1). */
  loadFactor: number;
  /** Runs the nightly batch window (01:00–01:45 local). */
  batch: boolean;
  /** Each CPU's share of the host's load (mean 1). */
  cpuShares: number[];
  stream: number;
  incidents: Incident[];
  /** Powered off for good by a consolidation from this instant (Infinity: never). */
  poweredOffAt: number;
}

export interface Rack {
  name: string;
  /** Its cooling unit. */
  crac: string;
  hosts: Host[];
  /** Hosts that do real work all along (not idle, never powered off): where scheduled runaway jobs run. */
  jobHosts: Host[];
  /** Share of the rack's load on feed A (feed B takes the rest). */
  feedAShare: number;
  inletOffset: number;
  /** Supply set points of its cooling unit from each instant on (the first from -Infinity). */
  setPoints: Array<{ at: number; celsius: number }>;
  stream: number;
  incidents: Incident[];
}

export interface Datacenter {
  scenario: ResolvedScenario;
  racks: Rack[];
  hosts: Host[];
}

/** Builds the datacenter's fixed layout; per-host parameters are drawn once from the seed. */
export function buildDatacenter(resolved: ResolvedScenario): Datacenter {
  // Incidents triggered later are added to this copy, never to the caller's scenario.
  const scenario = { ...resolved, incidents: [...resolved.incidents] };
  const { seed } = scenario;
  const names = hostNames(scenario.racks, scenario.hostsPerRack);
  const offAt = new Map<string, number>();
  for (const c of scenario.changes) {
    if (c.kind === 'consolidation') {
      c.hosts.forEach((h) => offAt.set(h, Math.min(c.at, offAt.get(h) ?? Infinity)));
    }
  }
  const idle = new Set(scenario.incidents.flatMap((i) => (i.kind === 'idle_zombie' ? [i.host] : [])));
  const racks: Rack[] = rackNames(scenario.racks).map((name, r) => {
    const stream = streamId(name);
    const loadFactor = scenario.rackLoadFactors[r % scenario.rackLoadFactors.length];
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
          loadFactor,
          batch: slot % 2 === 0,
          cpuShares: normalise(Array.from({ length: scenario.cpusPerHost }, (_, k) => 1 + 0.3 * jitter(10 + k))),
          stream: hs,
          incidents: scenario.incidents.filter((i) => 'host' in i && i.host === hostName),
          poweredOffAt: offAt.get(hostName) ?? Infinity,
        };
      });
    const setPoints = [{ at: -Infinity, celsius: scenario.supplySetPointCelsius }];
    for (const c of [...scenario.changes].sort((a, b) => a.at - b.at)) {
      if (c.kind === 'cooling_set_point' && c.racks.includes(name)) {
        setPoints.push({ at: c.at, celsius: c.supplySetPointCelsius });
      }
    }
    return {
      name,
      crac: `crac-${name.slice(5)}`,
      hosts,
      jobHosts: hosts.filter((h) => !idle.has(h.name) && h.poweredOffAt === Infinity),
      feedAShare: 0.5 + 0.06 * (hashUniform(seed, stream, 1) - 0.5),
      inletOffset: 1.5 * hashUniform(seed, stream, 2),
      setPoints,
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

function active(i: Incident, t: number): boolean {
  return t >= i.start && t < i.end;
}

/** Whether a host is running at t (consolidations power hosts off for good). */
export function poweredOn(host: Host, t: number): boolean {
  return t < host.poweredOffAt;
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
  const office = s.dailyAmplitude * dailyShape(hour) * (weekend ? s.weekendFactor : 1);
  let u = growth * host.loadFactor * (host.baseUtilisation + office);
  if (host.batch && hour >= 1 && hour < 1.75) {
    u += 0.35;
  }
  u +=
    s.noise * smoothNoise(s.seed, host.stream, t, 30 * MINUTE) +
    0.01 * (hashUniform(s.seed, host.stream ^ 0xa5, tick) - 0.5) * 3.46;
  if (runawayAt(dc, host, t)) {
    u = Math.max(u, 0.95 + 0.02 * (hashUniform(s.seed, host.stream ^ 0x3c, tick) - 0.5));
  }
  return Math.min(1, Math.max(0.005, u));
}

function runawayAt(dc: Datacenter, host: Host, t: number): boolean {
  for (const i of host.incidents) {
    if (i.kind === 'runaway_job' && active(i, t)) {
      return true;
    }
  }
  const s = dc.scenario.recurring && scheduledAt(dc, t);
  return s !== undefined && s.kind === 'runaway_job' && s.host === host.name;
}

/** Busy fraction of one CPU: the host's load scaled by the CPU's share, capped at fully busy. */
export function cpuBusy(host: Host, u: number, cpu: number): number {
  return Math.min(1, u * host.cpuShares[cpu]);
}

/** Power drawn by a host as its BMC reports it (DCMI), in watts, at the given utilisation and inlet. */
export function hostPower(
  dc: Datacenter,
  rack: Rack,
  host: Host,
  t: number,
  u = utilisation(dc, host, t),
  inlet = inletTemperature(dc, rack, host, t)
): number {
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

export interface HostReading {
  host: Host;
  utilisation: number;
  inletCelsius: number;
  watts: number;
}

export interface RackReading {
  rack: Rack;
  /** Hosts powered on at this instant. */
  hosts: HostReading[];
  pdu: { a: number; b: number };
  cracWatts: number;
  failing: boolean;
}

export interface SiteReading {
  racks: RackReading[];
  it: number;
  cooling: number;
  facility: number;
}

/** Every reading of the site at one instant, each computed once (what a scrape and a backfill step need). */
export function readSite(dc: Datacenter, t: number): SiteReading {
  const tick = Math.floor(t / SENSOR_TICK_MS);
  let it = 0;
  let cooling = 0;
  const racks = dc.racks.map((rack): RackReading => {
    const excess = coolingExcess(dc, rack, t);
    const hosts: HostReading[] = [];
    let total = dc.scenario.switchWatts;
    for (const host of rack.hosts) {
      if (!poweredOn(host, t)) {
        continue;
      }
      const u = utilisation(dc, host, t);
      const inletCelsius = inletTemperature(dc, rack, host, t, excess);
      const watts = hostPower(dc, rack, host, t, u, inletCelsius);
      hosts.push({ host, utilisation: u, inletCelsius, watts });
      total += watts;
    }
    const n = (k: number) => 3 * (hashUniform(dc.scenario.seed, rack.stream ^ k, tick) - 0.5);
    const pdu = { a: total * rack.feedAShare + n(0x11), b: total * (1 - rack.feedAShare) + n(0x22) };
    const failing = excess > 1;
    const cracWatts = cracPower(dc, rack, t, pdu.a + pdu.b, failing);
    it += pdu.a + pdu.b;
    cooling += cracWatts;
    return { rack, hosts, pdu, cracWatts, failing };
  });
  return { racks, it, cooling, facility: it * (1 + UPS_LOSS) + cooling + BUILDING_WATTS };
}

/** Power through one rack's two PDU feeds, in watts (powered-on hosts plus the rack's network gear). */
export function pduPower(dc: Datacenter, rack: Rack, t: number): { a: number; b: number } {
  return readSite({ ...dc, racks: [rack] }, t).racks[0].pdu;
}

/** Site totals: IT power (all PDUs), cooling (all units), and the facility meter, in watts. */
export function sitePower(dc: Datacenter, t: number): { it: number; cooling: number; facility: number } {
  const { it, cooling, facility } = readSite(dc, t);
  return { it, cooling, facility };
}
