import { emissionsPerStep, facilityKWh, itEnergyToEmissions, kgCO2e } from './emissions';

describe('emissions', () => {
  it('turns 100 IT kWh at PUE 1.5 and 38.5 g/kWh into 150 kWh and 5.775 kgCO2e', () => {
    const r = itEnergyToEmissions(100, { pue: 1.5, gramsCO2ePerKWh: 38.5 });
    expect(r.facilityKWh).toBe(150);
    expect(r.kgCO2e).toBeCloseTo(5.775, 12);
  });

  it('multiplies by PUE and divides grams by 1000', () => {
    expect(facilityKWh(10, 1.2)).toBeCloseTo(12, 12);
    expect(kgCO2e(1000, 80)).toBe(80);
  });

  it('computes per step with one intensity or one per step, keeping unknowns unknown', () => {
    expect(Array.from(emissionsPerStep([10, NaN], 2, 50))).toEqual([1, NaN]);
    expect(Array.from(emissionsPerStep([10, 10, 10], 1, [100, 200, NaN]))).toEqual([1, 2, NaN]);
  });

  it('refuses a PUE below 1, a negative intensity and misaligned intensities', () => {
    expect(() => facilityKWh(1, 0.9)).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
    expect(() => kgCO2e(1, -5)).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
    expect(() => emissionsPerStep([1, 2], 1.1, [3])).toThrow(expect.objectContaining({ code: 'LENGTH_MISMATCH' }));
  });
});
