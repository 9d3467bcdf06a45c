/** @jest-environment ./engine/testing/nodeEnvironment.js */
import { ConfigError, parseConfig } from '../config';

const minimal = { targets: [{ name: 'rack_power', promql: 'sum by (rack) (x)', kind: 'power' }] };

describe('fleet configuration', () => {
  it('is off by default, with bounded training', () => {
    expect(parseConfig(minimal).fleet).toEqual({
      enabled: false,
      retrain: '24h',
      inputHours: 168,
      hidden: 64,
      maxWindows: 20_000,
      maxEpochs: 20,
      budget: '5m',
      maxHeapMiB: 512,
    });
  });

  it('refuses a retrain interval out of bounds, an unknown key and an unbounded windows cap', () => {
    expect(() => parseConfig({ ...minimal, fleet: { enabled: true, retrain: '1s' } })).toThrow(ConfigError);
    expect(() => parseConfig({ ...minimal, fleet: { enabeld: true } })).toThrow(/enabeld/);
    expect(() => parseConfig({ ...minimal, fleet: { maxWindows: 1e9 } })).toThrow(ConfigError);
    expect(parseConfig({ ...minimal, fleet: { enabled: true, inputHours: 72 } }).fleet).toMatchObject({
      enabled: true,
      inputHours: 72,
    });
  });
});
