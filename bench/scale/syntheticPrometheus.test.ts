/** @jest-environment ./engine/testing/nodeEnvironment.js */
import { historyQuery } from '../../engine/discovery';
import { selectSeries, watts } from './syntheticPrometheus';

describe('the scale bench’s synthetic Prometheus', () => {
  const fleet = { count: 1000, groups: 10 };

  it('selects a target’s group, and for the engine’s discovery query only the series it names', () => {
    expect(selectSeries('scale_power_watts{group="g3"}', fleet)).toHaveLength(100);
    // A group beyond the fleet's matches nothing (the bench's empty engine).
    expect(selectSeries('scale_power_watts{group="g10"}', fleet)).toEqual([]);
    const metric = (i: number) => ({
      __name__: 'scale_power_watts',
      group: `g${i % 10}`,
      instance: `host-${i}:9100`,
      rack: `r${Math.floor(i / 40)}`,
    });
    const query = historyQuery('scale_power_watts{group="g3"}', [metric(13), metric(993), metric(4)]);
    // host-4 is in group g4: the group's own selector leaves it out, as Prometheus' `and` would.
    expect(selectSeries(query, fleet)).toEqual([13, 993]);
  });

  it('refuses a query form it does not know, so a new engine query shows at once', () => {
    expect(selectSeries('sum(scale_power_watts)', fleet)).toBeUndefined();
  });

  it('computes the same value for the same series and time', () => {
    expect(watts(7, 1_764_000_000)).toBe(watts(7, 1_764_000_000));
    expect(watts(7, 1_764_000_000)).not.toBe(watts(8, 1_764_000_000));
  });
});
