/** @jest-environment ./engine/testing/nodeEnvironment.js */
// Thresholds per series from a capacity query: matched on the configured labels, never guessed.
import { parseConfig } from './config';
import { seriesThreshold, thresholdTable } from './seriesThresholds';

const capacity = thresholdTable(
  [
    { metric: { __name__: 'rack_capacity_watts', rack: 'a', site: 's' }, value: 4600 },
    { metric: { __name__: 'rack_capacity_watts', rack: 'b', site: 's' }, value: 6000 },
    { metric: { __name__: 'rack_capacity_watts', rack: 'c', site: 's' }, value: 5000 },
    { metric: { __name__: 'rack_capacity_watts', rack: 'c', site: 't' }, value: 5200 },
    { metric: { __name__: 'rack_capacity_watts', rack: 'd', site: 's' }, value: NaN },
  ],
  ['rack'],
  0
);
const target = { thresholdFrom: { match: ['rack'], direction: 'above' as const } };

it('gives each series the capacity of its own rack', () => {
  expect(seriesThreshold(target, capacity, { rack: 'a', instance: 'pdu-1' })).toEqual({
    value: 4600,
    direction: 'above',
  });
  expect(seriesThreshold(target, capacity, { rack: 'b' })?.value).toBe(6000);
});

it('gives no threshold to a series with no capacity, two capacities or a NaN one', () => {
  expect(seriesThreshold(target, capacity, { rack: 'z' })).toBeUndefined();
  expect(seriesThreshold(target, capacity, {})).toBeUndefined();
  expect(capacity.ambiguous.has(JSON.stringify(['c']))).toBe(true);
  expect(seriesThreshold(target, capacity, { rack: 'c' })).toBeUndefined();
  expect(seriesThreshold(target, capacity, { rack: 'd' })).toBeUndefined();
  expect(seriesThreshold(target, undefined, { rack: 'a' })).toBeUndefined();
});

it('reads a reserved label name from its exported_ form, and prefers a YAML threshold', () => {
  const byUnit = thresholdTable([{ metric: { unit: 'u1' }, value: 7 }], ['unit'], 0);
  const t = { thresholdFrom: { match: ['unit'], direction: 'below' as const } };
  expect(seriesThreshold(t, byUnit, { exported_unit: 'u1' })).toEqual({ value: 7, direction: 'below' });
  expect(seriesThreshold({ threshold: { value: 1, direction: 'above' } }, byUnit, { exported_unit: 'u1' })?.value).toBe(
    1
  );
});

it('applies one capacity to every series when nothing is matched', () => {
  const site = thresholdTable([{ metric: { site: 's' }, value: 90_000 }], [], 0);
  expect(seriesThreshold({ thresholdFrom: { match: [], direction: 'above' } }, site, { host: 'h' })?.value).toBe(
    90_000
  );
});

it('reads a threshold from a label of the series itself, a number or nothing', () => {
  const t = { thresholdFrom: { match: [], label: 'capacity_watts', direction: 'above' as const } };
  expect(seriesThreshold(t, undefined, { rack: 'a', capacity_watts: '4600' })).toEqual({
    value: 4600,
    direction: 'above',
  });
  expect(seriesThreshold(t, undefined, { rack: 'a', capacity_watts: '4.6e3' })?.value).toBe(4600);
  for (const bad of ['4.6 kW', '', 'NaN', 'Inf']) {
    expect(seriesThreshold(t, undefined, { capacity_watts: bad })).toBeUndefined();
  }
  expect(seriesThreshold(t, undefined, { rack: 'a' })).toBeUndefined();
});

it('takes a capacity query or a label, not both, and not beside a single threshold', () => {
  const target = (extra: object) => ({ targets: [{ name: 'rack', promql: 'p', kind: 'power', ...extra }] });
  expect(parseConfig(target({ thresholdFrom: { promql: 'cap', match: ['rack'] } })).targets[0].thresholdFrom).toEqual({
    promql: 'cap',
    match: ['rack'],
    direction: 'above',
  });
  expect(() => parseConfig(target({ thresholdFrom: { promql: 'cap', label: 'capacity_watts' } }))).toThrow(
    /targets.0.thresholdFrom: give promql .* or label .*, not both/
  );
  expect(() => parseConfig(target({ thresholdFrom: {} }))).toThrow(/give promql/);
  expect(() => parseConfig(target({ threshold: { value: 1 }, thresholdFrom: { label: 'capacity_watts' } }))).toThrow(
    /targets.0.thresholdFrom: give threshold \(one value\) or thresholdFrom/
  );
});
