// The simulator's metric families at one instant, under the names real collectors use, and their text
// rendering (Prometheus text format for scrapes, OpenMetrics with timestamps for backfill).
import { CounterSnapshot, cpuModeSeconds } from './counters';
import { Datacenter, hostPower, inletTemperature, pduPower, raplWatts, sitePower, utilisation } from './model';

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
  const hostPowerSamples: Sample[] = [];
  const inlet: Sample[] = [];
  const cpu: Sample[] = [];
  const keplerJoules: Sample[] = [];
  const keplerWatts: Sample[] = [];
  let h = 0;
  for (const rack of dc.racks) {
    for (const host of rack.hosts) {
      const base = { instance: host.name, rack: rack.name };
      const u = utilisation(dc, host, t);
      hostPowerSamples.push({ labels: base, value: hostPower(dc, rack, host, t, u) });
      inlet.push({ labels: { ...base, id: '4', name: 'Inlet Temp' }, value: inletTemperature(dc, rack, host, t) });
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
      h++;
    }
  }
  const pdu: Sample[] = dc.racks.flatMap((rack) => {
    const p = pduPower(dc, rack, t);
    return [
      {
        labels: { instance: `${rack.name}-pdu-a`, rack: rack.name, pdu: `${rack.name}-pdu-a`, inletid: 'I1' },
        value: p.a,
      },
      {
        labels: { instance: `${rack.name}-pdu-b`, rack: rack.name, pdu: `${rack.name}-pdu-b`, inletid: 'I1' },
        value: p.b,
      },
    ];
  });
  const site = sitePower(dc, t);
  // Every series names its device in `instance` (as one exporter per device would), so that Prometheus keeps
  // it under honor_labels and backfilled history continues the scraped series exactly.
  const siteLabels = (meter: string) => ({ instance: `${dc.scenario.site}-${meter}`, site: dc.scenario.site });
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
      samples: [{ labels: siteLabels('utility-meter'), value: site.facility }],
    },
    {
      name: 'datacenter_cooling_power_watts',
      type: 'gauge',
      help: 'Power drawn by the cooling plant, in watts.',
      samples: [{ labels: siteLabels('cooling-plant'), value: site.cooling }],
    },
  ];
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
