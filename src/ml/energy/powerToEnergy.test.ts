import { EcotiMlError } from '../types';
import { powerToEnergy } from './powerToEnergy';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const T0 = Date.UTC(2024, 5, 3);

function power(n: number, stepMs: number, watts: (i: number) => number) {
  return {
    timestamps: Array.from({ length: n }, (_, i) => T0 + i * stepMs),
    values: Array.from({ length: n }, (_, i) => watts(i)),
  };
}

describe('powerToEnergy', () => {
  it('integrates 1 kW over 24 hours to 24 kWh', () => {
    const e = powerToEnergy(power(25, HOUR, () => 1000));
    expect(e.totalKWh).toBeCloseTo(24, 12);
    expect(e.kWhPerStep).toHaveLength(24);
    expect(e.kWhPerStep[0]).toBeCloseTo(1, 12);
    expect(e.timestamps[0]).toBe(T0);
    expect(e.timestamps[23]).toBe(T0 + 23 * HOUR);
    expect(e.missingSteps).toBe(0);
  });

  it('uses the trapezoid rule: a ramp from 0 to 2 kW over an hour is 1 kWh', () => {
    const e = powerToEnergy(power(61, MINUTE, (i) => (2000 * i) / 60));
    expect(e.totalKWh).toBeCloseTo(1, 12);
  });

  it('bridges a short gap by a straight line in power', () => {
    const values = power(61, MINUTE, () => 600);
    for (let i = 20; i < 25; i++) {
      values.values[i] = NaN;
    }
    const e = powerToEnergy(values);
    expect(e.totalKWh).toBeCloseTo(0.6, 12);
    expect(e.missingSteps).toBe(0);
    expect(e.bridgedSteps).toBe(6);
    expect(e.notes.join(' ')).toMatch(/estimated across short gaps/);
  });

  it('leaves a gap longer than maxGapMs unknown and says how much is missing', () => {
    const values = power(61, MINUTE, () => 600);
    for (let i = 10; i < 40; i++) {
      values.values[i] = NaN;
    }
    const e = powerToEnergy(values);
    // Samples 9 and 40 are 31 minutes apart: steps 9..39 are unknown, 29 steps of 1 minute remain.
    expect(e.missingSteps).toBe(31);
    expect(e.missingFraction).toBeCloseTo(31 / 60, 12);
    expect(e.totalKWh).toBeCloseTo((600 * 29) / 60 / 1000, 12);
    expect(Number.isNaN(e.kWhPerStep[9])).toBe(true);
    expect(e.notes.join(' ')).toMatch(/31 step\(s\) unknown/);
    // Allowing a 40-minute bridge recovers the full hour.
    expect(powerToEnergy(values, { maxGapMs: 40 * MINUTE }).totalKWh).toBeCloseTo(0.6, 12);
  });

  it('gives no step and 0 kWh for a single sample', () => {
    const e = powerToEnergy({ timestamps: [T0], values: [500] });
    expect(e.kWhPerStep).toHaveLength(0);
    expect(e.totalKWh).toBe(0);
    expect(e.missingFraction).toBe(0);
  });

  it('refuses a negative maxGapMs and a series without timestamps', () => {
    expect(() =>
      powerToEnergy(
        power(3, HOUR, () => 1),
        { maxGapMs: -1 }
      )
    ).toThrow(EcotiMlError);
    expect(() => powerToEnergy({ timestamps: [], values: [] })).toThrow(
      expect.objectContaining({ code: 'EMPTY_SERIES' })
    );
  });

  it('refuses with OUT_OF_RANGE a power series whose energy overflows a double, rather than Infinity kWh', () => {
    expect(() => powerToEnergy(power(10, HOUR, () => Number.MAX_VALUE))).toThrow(
      expect.objectContaining({ code: 'OUT_OF_RANGE', message: expect.stringMatching(/in watts/) })
    );
  });
});
