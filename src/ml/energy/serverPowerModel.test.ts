import { CCF_COEFFICIENTS, serverKWh, serverPowerSeries, serverWatts } from './serverPowerModel';

describe('serverWatts', () => {
  it("follows CCF's model: min + utilisation × (max − min) per vCPU", () => {
    expect(serverWatts(1, 0)).toBeCloseTo(0.74, 12);
    expect(serverWatts(1, 1)).toBeCloseTo(3.5, 12);
    expect(serverWatts(8, 0.25)).toBeCloseTo(8 * (0.74 + 0.25 * 2.76), 12);
  });

  it('assumes 50% when utilisation is unknown', () => {
    const half = 16 * (0.74 + 0.5 * 2.76);
    expect(serverWatts(16)).toBeCloseTo(half, 12);
    expect(serverWatts(16, NaN)).toBeCloseTo(half, 12);
  });

  it('accepts custom coefficients and clamps slight overshoot to full load', () => {
    expect(serverWatts(2, 1.02, { minWattsPerVcpu: 2, maxWattsPerVcpu: 10 })).toBeCloseTo(20, 12);
  });

  it('refuses a percentage, a zero vCPU count and inverted coefficients', () => {
    expect(() => serverWatts(4, 45)).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
    expect(() => serverWatts(0, 0.5)).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
    expect(() => serverWatts(4, 0.5, { minWattsPerVcpu: 5, maxWattsPerVcpu: 1 })).toThrow(
      expect.objectContaining({ code: 'BAD_OPTION' })
    );
  });
});

describe('serverKWh', () => {
  it('is average watts × hours: 4 vCPUs at 50% for 24 h', () => {
    expect(serverKWh(4, 24)).toBeCloseTo((4 * (0.74 + 0.5 * 2.76) * 24) / 1000, 12);
  });
});

describe('serverPowerSeries', () => {
  it('maps utilisation to watts point by point and keeps gaps as gaps', () => {
    const s = serverPowerSeries(10, { timestamps: [0, 1, 2], values: [0, NaN, 1] });
    expect(s.timestamps).toEqual([0, 1, 2]);
    expect(s.values[0]).toBeCloseTo(10 * CCF_COEFFICIENTS.minWattsPerVcpu, 12);
    expect(Number.isNaN(s.values[1])).toBe(true);
    expect(s.values[2]).toBeCloseTo(10 * CCF_COEFFICIENTS.maxWattsPerVcpu, 12);
  });

  it('refuses a series in percent', () => {
    expect(() => serverPowerSeries(2, { timestamps: [0, 1, 2], values: [40, 55, 60] })).toThrow(
      expect.objectContaining({ code: 'BAD_OPTION' })
    );
  });
});
