import { MAX_MODELLED_MAGNITUDE, modelledValues } from './magnitude';

describe('modelledValues', () => {
  it('leaves an ordinary series untouched: the same array, factor 1', () => {
    const values = new Float64Array([0, 1e-50, 123.4, -1e29, NaN]);
    const m = modelledValues(values);
    expect(m.values).toBe(values);
    expect(m).toMatchObject({ factor: 1, clipped: 0 });
  });

  it('scales a series near 1e300 by a power of two, exactly, to a median magnitude near 1', () => {
    const values = [3e300, -5e300, 4e300, NaN, Infinity];
    const m = modelledValues(values);
    expect(Math.log2(m.factor)).toBe(Math.round(Math.log2(m.factor)));
    // Multiplying back by the power of two gives the inputs bit for bit.
    expect(Array.from(m.values, (v) => v / m.factor)).toEqual([3e300, -5e300, 4e300, NaN, NaN]);
    expect(Math.abs(m.values[2])).toBeGreaterThanOrEqual(1);
    expect(Math.abs(m.values[2])).toBeLessThan(2);
  });

  it('scales up a series of subnormal values, so that their squares do not underflow to 0', () => {
    const m = modelledValues([5e-324, 1e-310, 2e-310]);
    expect(m.factor).toBe(2 ** 1000);
    expect(m.values[2] ** 2).toBeGreaterThan(0);
  });

  it('clips a lone glitch far beyond the typical magnitude and counts it', () => {
    const values = Array.from({ length: 500 }, (_, i) => 100 + (i % 10));
    values[250] = 1e300;
    values[251] = -Number.MAX_VALUE;
    const m = modelledValues(values);
    expect(m.clipped).toBe(2);
    expect(m.values[250]).toBe(MAX_MODELLED_MAGNITUDE);
    expect(m.values[251]).toBe(-MAX_MODELLED_MAGNITUDE);
    expect(m.values[0] / m.factor).toBe(100);
  });
});
