// The ML core's test fleet (src/ml/testing/fleet.ts: an idle server, three light web servers, a busy database,
// a cold rack, a drifting PUE) as an upstream would report it: labelled series per query, hourly for two weeks,
// CPU in percent, node_exporter and IPMI on different ports of one machine, the site on two utility feeds.
import type { FakeSeries } from '../../src/datasource/testing/fakeUpstream';
import { FLEET_HOURS, fleetInput, fleetSite } from '../../src/ml/testing';

export const HOUR = 3_600_000;
const fleet = fleetInput();
const START = fleet.hosts[0].cpu!.timestamps[0];
/** The fleet's last sample: "now" for both products. */
export const END = START + (FLEET_HOURS - 1) * HOUR;
/** A named model, so that both sides fit the same one (auto would too, more slowly). */
export const METHOD = 'seasonal-mean';
export const SITE = fleetSite();

export const EXPR = {
  cpu: '100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m])))',
  power: 'ipmi_dcmi_power_consumption_watts',
  inlet: 'avg by (rack) (ipmi_temperature_celsius{name="Inlet Temp"})',
  facility: 'datacenter_facility_power_watts',
  it: 'sum(ipmi_dcmi_power_consumption_watts)',
  counter: 'kepler_node_platform_joules_total',
};

/** The fleet's value at t, scaled; nothing outside its two weeks or between its hours. */
function at(values: ArrayLike<number>, scale = 1): (t: number) => number | null {
  return (t) => {
    const i = (t - START) / HOUR;
    return Number.isInteger(i) && i >= 0 && i < values.length ? scale * values[i] : null;
  };
}

export function fleetUpstream(): Record<string, FakeSeries[]> {
  const facility = fleet.facilityPowerW!.values;
  return {
    [EXPR.cpu]: fleet.hosts.map((h) => ({ labels: { instance: `${h.id}:9100` }, value: at(h.cpu!.values, 100) })),
    [EXPR.power]: fleet.hosts.map((h) => ({
      labels: { __name__: EXPR.power, instance: `${h.id}:9290`, job: 'ipmi' },
      value: at(h.powerW!.values),
    })),
    [EXPR.inlet]: fleet.inletTemperatures!.map((s) => ({ labels: { rack: s.id }, value: at(s.series.values) })),
    [EXPR.facility]: [
      { labels: { __name__: EXPR.facility, feed: 'A' }, value: at(facility, 0.55) },
      { labels: { __name__: EXPR.facility, feed: 'B' }, value: at(facility, 0.45) },
    ],
    [EXPR.it]: [{ labels: {}, value: at(fleet.itPowerW!.values) }],
    [EXPR.counter]: fleet.hosts.map((h, k) => ({
      labels: { __name__: EXPR.counter, instance: `${h.id}:9102` },
      value: at(joules(h.powerW!.values, k === 0 ? FLEET_HOURS / 2 : undefined)),
    })),
  };
}

/** An energy counter, J, whose rise over each hour is that hour's power; restarted from zero at `resetAt`. */
function joules(watts: ArrayLike<number>, resetAt?: number): Float64Array {
  const out = new Float64Array(watts.length);
  for (let i = 1; i < watts.length; i++) {
    out[i] = (i === resetAt ? 0 : out[i - 1]) + (watts[i] * HOUR) / 1000;
  }
  return out;
}
