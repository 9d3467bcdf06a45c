import { EcotiMlError } from '../types';
import { changepoints, levelShifts } from './changepoints';
import { seededRandom } from '../testing/seededRandom';

function points(n: number, value: (i: number) => number) {
  const x = Float64Array.from({ length: n }, (_, i) => i);
  const y = Float64Array.from({ length: n }, (_, i) => value(i));
  return { x, y };
}

describe('levelShifts', () => {
  it('finds a noise-free step exactly', () => {
    const { x, y } = points(100, (i) => (i >= 37 ? 3 : 0));
    expect(levelShifts(x, y)).toEqual([37]);
  });

  it('finds both edges of a temporary plateau', () => {
    const random = seededRandom(1);
    const { x, y } = points(600, (i) => (i >= 200 && i < 400 ? 1.5 : 0) + random.normal());
    const found = levelShifts(x, y);
    expect(found).toHaveLength(2);
    expect(Math.abs(found[0] - 200)).toBeLessThanOrEqual(3);
    expect(Math.abs(found[1] - 400)).toBeLessThanOrEqual(3);
  });

  it('finds a step on top of a trend without adding shifts for the trend', () => {
    const random = seededRandom(2);
    const { x, y } = points(600, (i) => 0.02 * i + (i >= 300 ? 3 : 0) + random.normal());
    expect(levelShifts(x, y)).toEqual([expect.any(Number)]);
    expect(Math.abs(levelShifts(x, y)[0] - 300)).toBeLessThanOrEqual(3);
  });

  it('keeps only the strongest shifts when capped', () => {
    const { x, y } = points(300, (i) => (i >= 100 ? 1 : 0) + (i >= 200 ? 10 : 0));
    expect(levelShifts(x, y)).toEqual([100, 200]);
    expect(levelShifts(x, y, { maxChangepoints: 1 })).toEqual([200]);
  });

  it('does not read a lone spike as a shift', () => {
    const random = seededRandom(3);
    const { x, y } = points(400, (i) => (i === 397 || i === 150 ? 12 : 0) + random.normal());
    expect(levelShifts(x, y)).toEqual([]);
  });

  it('ignores shifts smaller than the noise allows at the default penalty, and finds them at a lower one', () => {
    const random = seededRandom(4);
    const { x, y } = points(200, (i) => (i >= 100 ? 0.5 : 0) + random.normal());
    expect(levelShifts(x, y)).toEqual([]);
    expect(levelShifts(x, y, { penalty: 0 }).length).toBeGreaterThan(0);
  });

  it('searches bin means on long inputs and maps the shift back to a point near the truth', () => {
    const random = seededRandom(5);
    const { x, y } = points(40_000, (i) => (i >= 12_345 ? 1 : 0) + random.normal());
    const found = levelShifts(x, y);
    expect(found).toHaveLength(1);
    // One bin is 20 points wide.
    expect(Math.abs(found[0] - 12_345)).toBeLessThanOrEqual(40);
  });

  it('rejects nonsensical options with BAD_OPTION', () => {
    const { x, y } = points(50, (i) => i);
    for (const options of [{ minSegment: 0 }, { penalty: -1 }, { maxChangepoints: 1.5 }, { penalty: NaN }]) {
      expect(() => levelShifts(x, y, options)).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
    }
  });

  it('returns nothing for short or constant inputs', () => {
    expect(levelShifts(Float64Array.of(0, 1), Float64Array.of(0, 5))).toEqual([]);
    const { x, y } = points(100, () => 7);
    expect(levelShifts(x, y)).toEqual([]);
  });
});

describe('changepoints', () => {
  it('returns timestamps and skips NaN gaps', () => {
    const t0 = Date.UTC(2024, 2, 1);
    const step = 300_000;
    const timestamps = Array.from({ length: 200 }, (_, i) => t0 + i * step);
    const values = timestamps.map((_, i) => (i > 60 && i < 80 ? NaN : i >= 120 ? 20 : 10));
    expect(changepoints({ timestamps, values })).toEqual([t0 + 120 * step]);
  });

  it('throws EcotiMlError for a series without a valid timestamp', () => {
    expect(() => changepoints({ timestamps: [NaN], values: [1] })).toThrow(EcotiMlError);
  });
});
