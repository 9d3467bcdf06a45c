// Groups the series of several signal queries (CPU, power, temperature) into hosts, by the label
// collectors identify a machine with, so rules can compare a host's CPU with its power.
import type { HostSignals, RecommendationInput, Series } from '../../ml';
import type { EcotiSettings } from '../../shared/settings';
import type { UpstreamSeries } from '../frames/toSeries';

export interface SignalSeries {
  cpu: UpstreamSeries[];
  power: UpstreamSeries[];
  inletTemperature: UpstreamSeries[];
  facilityPower: UpstreamSeries[];
  itPower: UpstreamSeries[];
}

const HOST_LABELS = ['instance', 'host', 'hostname', 'node', 'nodename'];

/** A host's name from its labels; `instance` loses its port (node_exporter and IPMI share a host). */
export function hostOf(s: UpstreamSeries): string {
  for (const l of HOST_LABELS) {
    const v = s.labels[l];
    if (v) {
      return l === 'instance' ? v.replace(/:\d+$/, '') : v;
    }
  }
  return s.name;
}

/** Sensor or rack name for a temperature series. */
function sensorOf(s: UpstreamSeries): string {
  return (
    s.labels.rack ??
    s.labels.sensor ??
    (s.labels.instance ? `${hostOf(s)}${s.labels.name ? ` ${s.labels.name}` : ''}` : s.name)
  );
}

export function buildRecommendationInput(signals: SignalSeries, settings: EcotiSettings): RecommendationInput {
  const hosts = new Map<string, HostSignals>();
  const get = (id: string, labels: Record<string, string>) => {
    let h = hosts.get(id);
    if (!h) {
      h = { id, labels };
      hosts.set(id, h);
    }
    return h;
  };
  for (const s of signals.cpu) {
    // CPU given in percent (0–100) is brought to a fraction.
    const max = Math.max(...Array.from(s.values).filter(Number.isFinite));
    const values = max > 1.5 ? s.values.map((v) => v / 100) : s.values;
    get(hostOf(s), s.labels).cpu = { timestamps: s.timestamps, values };
  }
  for (const s of signals.power) {
    get(hostOf(s), s.labels).powerW = asSeries(s);
  }
  return {
    hosts: [...hosts.values()],
    inletTemperatures: signals.inletTemperature.map((s) => ({ id: sensorOf(s), series: asSeries(s) })),
    facilityPowerW: signals.facilityPower[0] ? asSeries(signals.facilityPower[0]) : undefined,
    itPowerW: signals.itPower[0] ? asSeries(signals.itPower[0]) : undefined,
    site: settings,
  };
}

function asSeries(s: UpstreamSeries): Series {
  return { timestamps: s.timestamps, values: s.values };
}
