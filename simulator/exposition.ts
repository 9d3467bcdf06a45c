// The simulator's metric families at one instant, under the names real collectors use, and their text
// rendering (Prometheus text format for scrapes, OpenMetrics with timestamps for backfill).
import { CounterSnapshot, cpuModeSeconds } from './counters';
import { activeIncidents } from './incidents';
import { Datacenter, raplWatts, readSite, targetSetPoint } from './model';

export interface Sample {
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  /** Name without the `_total` suffix for counters (the OpenMetrics family name). */
  name: string;
  type: 'gauge' | 'counter';
  help: string;
  samples: Sample[];
}

const RAPL_PATH: Record<string, string> = {
  package: '/sys/class/powercap/intel-rapl:0',
  dram: '/sys/class/powercap/intel-rapl:0:0',
};

/** Every family the simulator exports, at instant t (counters from the integrator's snapshot at t). */
export function collectFamilies(dc: Datacenter, t: number, counters: CounterSnapshot): Family[] {
  const reading = readSite(dc, t);
  const hostPowerSamples: Sample[] = [];
  const inlet: Sample[] = [];
  const cpu: Sample[] = [];
  const keplerJoules: Sample[] = [];
  const keplerWatts: Sample[] = [];
  const pdu: Sample[] = [];
  const crac: Sample[] = [];
  const setPoint: Sample[] = [];
  const capacity: Sample[] = [];
  const capacities = dc.scenario.rackCapacityWatts;
  const hostIndex = new Map(dc.hosts.map((h, i) => [h, i]));
  for (const { rack, hosts, pdu: feeds, cracWatts } of reading.racks) {
    for (const { host, utilisation: u, inletCelsius, watts } of hosts) {
      const h = hostIndex.get(host)!;
      const base = { instance: host.name, rack: rack.name };
      hostPowerSamples.push({ labels: base, value: watts });
      inlet.push({ labels: { ...base, id: '4', name: 'Inlet Temp' }, value: inletCelsius });
      counters.busySeconds[h].forEach((busy, c) => {
        for (const [mode, seconds] of cpuModeSeconds(counters.elapsedSeconds, busy)) {
          cpu.push({ labels: { ...base, cpu: String(c), mode }, value: seconds });
        }
      });
      const rapl = raplWatts(host, u);
      for (const zone of ['package', 'dram'] as const) {
        const labels = { ...base, zone, path: RAPL_PATH[zone] };
        keplerJoules.push({ labels, value: zone === 'package' ? counters.packageJoules[h] : counters.dramJoules[h] });
        keplerWatts.push({ labels, value: rapl[zone] });
      }
    }
    for (const [feed, value] of [
      ['a', feeds.a],
      ['b', feeds.b],
    ] as const) {
      const name = `${rack.name}-pdu-${feed}`;
      pdu.push({ labels: { instance: name, rack: rack.name, pdu: name, inletid: 'I1' }, value });
    }
    const unit = { instance: rack.crac, rack: rack.name, crac: rack.crac };
    crac.push({ labels: unit, value: cracWatts });
    setPoint.push({ labels: unit, value: targetSetPoint(rack, t) });
    capacity.push({ labels: { rack: rack.name }, value: capacities[capacity.length % capacities.length] });
  }
  // Every series names its device in `instance` (as one exporter per device would), so that Prometheus keeps
  // it under honor_labels and backfilled history continues the scraped series exactly.
  const site = dc.scenario.site;
  const siteLabels = (meter: string) => ({ instance: `${site}-${meter}`, site });
  return [
    {
      name: 'ipmi_dcmi_power_consumption_watts',
      type: 'gauge',
      help: 'Current power consumption in Watts (IPMI DCMI).',
      samples: hostPowerSamples,
    },
    {
      name: 'ipmi_temperature_celsius',
      type: 'gauge',
      help: 'Temperature reading in degree Celsius (IPMI sensor).',
      samples: inlet,
    },
    { name: 'node_cpu_seconds', type: 'counter', help: 'Seconds the CPUs spent in each mode.', samples: cpu },
    {
      name: 'kepler_node_cpu_joules',
      type: 'counter',
      help: 'Energy consumption of cpu at node level in joules (RAPL zone).',
      samples: keplerJoules,
    },
    {
      name: 'kepler_node_cpu_watts',
      type: 'gauge',
      help: 'Power consumption of cpu at node level in watts (RAPL zone).',
      samples: keplerWatts,
    },
    { name: 'raritan_pdu_activepower_watt', type: 'gauge', help: 'PDU inlet active power in watts.', samples: pdu },
    {
      name: 'datacenter_facility_power_watts',
      type: 'gauge',
      help: 'Site utility meter: all power entering the facility, in watts.',
      samples: [{ labels: siteLabels('utility-meter'), value: reading.facility }],
    },
    {
      name: 'datacenter_cooling_power_watts',
      type: 'gauge',
      help: 'Power drawn by the cooling plant (all cooling units), in watts.',
      samples: [{ labels: siteLabels('cooling-plant'), value: reading.cooling }],
    },
    { name: 'datacenter_crac_power_watts', type: 'gauge', help: 'Power of one cooling unit, in watts.', samples: crac },
    {
      name: 'datacenter_crac_supply_setpoint_celsius',
      type: 'gauge',
      help: 'Supply air temperature set point of one cooling unit, in degrees Celsius.',
      samples: setPoint,
    },
    {
      name: 'datacenter_rack_capacity_watts',
      type: 'gauge',
      help: 'Power budget of a rack (capacity plan), in watts.',
      samples: capacity.map((c) => ({
        labels: { ...siteLabels('capacity-plan'), rack: c.labels.rack },
        value: c.value,
      })),
    },
    {
      name: 'datacenter_change_timestamp_seconds',
      type: 'gauge',
      help: 'Unix time of a change made to the site (change log), present from that change on.',
      samples: changeSamples(dc, t, siteLabels('change-log')),
    },
    {
      name: 'datacenter_incident_active',
      type: 'gauge',
      help: 'Simulated incident in progress (ground truth for demos and tests): 1 while it lasts.',
      samples: incidentSamples(dc, t, siteLabels('simulator')),
    },
  ];
}

/** One series per change made by t; a kind that repeats is numbered (consolidation, consolidation-2). */
function changeSamples(dc: Datacenter, t: number, labels: Record<string, string>): Sample[] {
  const seen = new Map<string, number>();
  const out: Sample[] = [];
  for (const c of dc.scenario.changes) {
    const n = (seen.get(c.kind) ?? 0) + 1;
    seen.set(c.kind, n);
    if (c.at <= t) {
      out.push({ labels: { ...labels, change: n === 1 ? c.kind : `${c.kind}-${n}` }, value: c.at / 1000 });
    }
  }
  return out;
}

/** Cooling failures and runaway jobs in progress (idle servers are a standing condition, not an incident). */
function incidentSamples(dc: Datacenter, t: number, labels: Record<string, string>): Sample[] {
  const out = new Map<string, Sample>();
  for (const i of activeIncidents(dc, t)) {
    if (i.kind === 'idle_zombie') {
      continue;
    }
    const where: Record<string, string> =
      i.kind === 'cooling_failure'
        ? { rack: i.rack }
        : { rack: dc.hosts.find((h) => h.name === i.host)?.rack ?? '', host: i.host };
    const l: Record<string, string> = { ...labels, kind: i.kind, ...where, trigger: i.trigger };
    // Two overlapping incidents of the same kind on the same target are one series.
    out.set(JSON.stringify(l), { labels: l, value: 1 });
  }
  return [...out.values()];
}

/** Name of a family's samples: counters carry `_total`. */
export function sampleName(f: Family): string {
  return f.type === 'counter' ? `${f.name}_total` : f.name;
}

export function formatLabels(labels: Record<string, string>): string {
  const parts = Object.entries(labels).map(
    ([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')}"`
  );
  return parts.length ? `{${parts.join(',')}}` : '';
}

/** Prometheus text exposition format 0.0.4 (what a scrape gets). */
export function renderPrometheusText(families: Family[]): string {
  const out: string[] = [];
  for (const f of families) {
    const name = sampleName(f);
    out.push(`# HELP ${name} ${f.help}`, `# TYPE ${name} ${f.type}`);
    for (const s of f.samples) {
      out.push(`${name}${formatLabels(s.labels)} ${formatValue(s.value)}`);
    }
  }
  return out.join('\n') + '\n';
}

export function formatValue(v: number): string {
  if (Number.isNaN(v)) {
    return 'NaN';
  }
  if (!Number.isFinite(v)) {
    return v > 0 ? '+Inf' : '-Inf';
  }
  // Three decimals are below any sensor's precision and keep backfill files small.
  return String(Math.round(v * 1e3) / 1e3);
}
