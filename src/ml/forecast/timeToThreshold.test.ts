import { EcotiMlError } from '../types';
import { timeToThreshold } from './timeToThreshold';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 30, 12);

/** A path rising 100 W an hour from 5,000 W, band ±300 W. */
function rising(hours: number) {
  const timestamps = Array.from({ length: hours }, (_, i) => T0 + (i + 1) * HOUR);
  const mean = timestamps.map((_, i) => 5_000 + 100 * (i + 1));
  return { timestamps, mean, lower: mean.map((v) => v - 300), upper: mean.map((v) => v + 300) };
}

describe('timeToThreshold', () => {
  it('finds when a rising forecast reaches 6,000 W, interpolating between steps, per bound', () => {
    const t = timeToThreshold(rising(48), { t: T0, value: 5_000 }, 6_050, 'above');
    expect(t.mean).toBeCloseTo(10.5 * 3600, 6);
    expect(t.upper).toBeCloseTo(7.5 * 3600, 6);
    expect(t.lower).toBeCloseTo(13.5 * 3600, 6);
  });

  it('is 0 when the last observation is already past the threshold, +Infinity when the path never gets there', () => {
    expect(timeToThreshold(rising(4), { t: T0, value: 7_000 }, 6_000, 'above')).toEqual({
      mean: 0,
      lower: 0,
      upper: 0,
    });
    expect(timeToThreshold(rising(4), { t: T0, value: 5_000 }, 6_000, 'above').mean).toBe(Infinity);
  });

  it('counts down to a floor for direction below', () => {
    const path = rising(24);
    const falling = { ...path, mean: path.mean.map((v) => 10_000 - v), lower: path.upper.map((v) => 10_000 - v) };
    falling.upper = path.lower.map((v) => 10_000 - v);
    const t = timeToThreshold(falling, { t: T0, value: 5_000 }, 4_000, 'below');
    expect(t.mean).toBeCloseTo(10 * 3600, 6);
    expect(t.lower).toBeCloseTo(7 * 3600, 6);
  });

  it('skips missing path values instead of reading them as a crossing', () => {
    const path = rising(12);
    path.mean[2] = NaN;
    const t = timeToThreshold(path, { t: T0, value: 5_000 }, 5_250, 'above');
    // The crossing between 5,200 (hour 2) and 5,400 (hour 4), with hour 3 missing: halfway at 2.5 h.
    expect(t.mean).toBeCloseTo(2.5 * 3600, 6);
  });

  it('starts each bound from a path point at from.t itself: 0 when it is past, else interpolated from it', () => {
    const path = rising(4);
    const atNow = {
      timestamps: [T0, ...path.timestamps],
      mean: [5_050, ...path.mean],
      lower: [4_750, ...path.lower],
      upper: [6_100, ...path.upper],
    };
    const t = timeToThreshold(atNow, { t: T0, value: 5_000 }, 5_075, 'above');
    expect(t.upper).toBe(0);
    // 5,050 at T0 to 5,100 at hour 1 (from the last observation's 5,000 it would be 0.75 h).
    expect(t.mean).toBeCloseTo(0.5 * 3600, 6);
    expect(t.lower).toBeCloseTo(3.75 * 3600, 6);
  });

  it('refuses a threshold that is not a finite number with a typed error', () => {
    expect(() => timeToThreshold(rising(2), { t: T0, value: 1 }, NaN, 'above')).toThrow(EcotiMlError);
    expect(() => timeToThreshold(rising(2), { t: T0, value: 1 }, 1, 'sideways' as never)).toThrow(/above/);
  });
});
