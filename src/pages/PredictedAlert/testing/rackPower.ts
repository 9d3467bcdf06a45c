// Rack power series for the predicted-alert tests and screenshot: rack r1 grows 25 W an hour over its daily
// cycle and will cross 6 kW within the day; rack r2 holds steady around 3 kW.
import type { FakeSeries } from '../../../datasource/testing/fakeUpstream';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const RACK_QUERY = 'sum by (rack) (raritan_pdu_activepower_watt)';

export function rackPowerSeries(now: number): FakeSeries[] {
  const daily = (t: number) => Math.sin((2 * Math.PI * (t % DAY)) / DAY);
  return [
    { labels: { rack: 'r1' }, value: (t) => 5_500 + (25 * (t - now)) / HOUR + 150 * daily(t) },
    { labels: { rack: 'r2' }, value: (t) => 3_000 + 120 * daily(t) + 10 * Math.sin(t / 1_700_000) },
  ];
}
