// Groups a site's signal series (CPU, power, inlet temperature, facility and IT power) into the input of the
// recommendation rules: one host per machine, CPU as a fraction, site power as the sum of its meters. The
// data source and the engine both call this, so that both advise on the same hosts with the same numbers.
import type { Series } from '../types';
import type { HostSignals, RecommendationInput, SiteConstants } from '../recommendations/types';
import { DEFAULT_HOST_LABELS, hostName, sensorName } from './hostIdentity';
import { sumSeries } from './sitePower';
import { utilisationFraction } from './utilisation';

/** A series with the labels that say what it is about. */
export interface NamedSeries extends Series {
  labels: Readonly<Record<string, string>>;
  /** What to call it when its labels name no host or sensor: its display name or label key. */
  name: string;
}

export interface SiteSignals {
  /** CPU utilisation per host, as a fraction or in percent. */
  cpu: NamedSeries[];
  /** Power per host, W. */
  power: NamedSeries[];
  /** Inlet temperature per sensor or rack, °C. */
  inletTemperature: NamedSeries[];
  /** Site meters, W: summed. */
  facilityPower: NamedSeries[];
  /** IT meters, W: summed. */
  itPower: NamedSeries[];
}

export function recommendationInput(
  signals: SiteSignals,
  site: SiteConstants,
  hostLabels: readonly string[] = DEFAULT_HOST_LABELS
): RecommendationInput {
  const hosts = new Map<string, HostSignals>();
  const host = (s: NamedSeries) => {
    const id = hostName(s.labels, hostLabels) ?? s.name;
    let h = hosts.get(id);
    if (!h) {
      h = { id, labels: { ...s.labels } };
      hosts.set(id, h);
    }
    return h;
  };
  for (const s of signals.cpu) {
    host(s).cpu = utilisationFraction(plain(s));
  }
  for (const s of signals.power) {
    host(s).powerW = plain(s);
  }
  return {
    hosts: [...hosts.values()],
    inletTemperatures: signals.inletTemperature.map((s) => ({
      id: sensorName(s.labels, s.name, hostLabels),
      series: plain(s),
    })),
    facilityPowerW: sumSeries(signals.facilityPower.map(plain)),
    itPowerW: sumSeries(signals.itPower.map(plain)),
    site: {
      pue: site.pue,
      carbonIntensity: site.carbonIntensity,
      currency: site.currency,
      timeZone: site.timeZone,
      tariff: site.tariff,
    },
  };
}

function plain(s: Series): Series {
  return { timestamps: s.timestamps, values: s.values };
}
