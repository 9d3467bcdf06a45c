// Rack power series for the predicted-alert tests and screenshot: rack r1 grows 25 W an hour over its daily
// cycle and will cross 6 kW within the day; rack r2 holds steady around 3 kW.
import type { FakeSeries } from '../../../datasource/testing/fakeUpstream';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const RACK_QUERY = 'sum by (rack) (raritan_pdu_activepower_watt)';

export function rackPowerSeries(now: number): FakeSeries[] {
  // The daily peak falls 16 h after `now` whatever the hour the test runs (a cycle on the UTC clock put the
  // crossing beyond the day at some hours): by its trend and cycle r1 crosses 6 kW about 14.5 h ahead.
  const daily = (t: number) => Math.cos((2 * Math.PI * (t - now - 16 * HOUR)) / DAY);
  return [
    { labels: { rack: 'r1' }, value: (t) => 5_500 + (25 * (t - now)) / HOUR + 150 * daily(t) },
    { labels: { rack: 'r2' }, value: (t) => 3_000 + 120 * daily(t) + 10 * Math.sin(t / 1_700_000) },
  ];
}
