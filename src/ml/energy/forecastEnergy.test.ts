import { bandCost, bandEmissions, bandEnergy, bandKWh, perWattFactor, PowerBand, stepMiddle } from './forecastEnergy';
import { counterToEnergy } from './counterToEnergy';
import { stepPower } from './energySteps';
import type { Tariff } from './tariff';

const HOUR = 3_600_000;
const STEP = 300_000;
// São Paulo is UTC−3: 18:00 local on Wednesday 2024-06-05 is 21:00 UTC.
const SIX_PM = Date.UTC(2024, 5, 5, 21);
const tariff: Tariff = {
  peakPricePerKWh: 2,
  offPeakPricePerKWh: 0.5,
  peakStartHour: 18,
  peakEndHour: 21,
  peakWeekdaysOnly: true,
};
const site = { pue: 1.5, carbonIntensity: 40, tariff, timeZone: 'America/Sao_Paulo' };

/** `steps` points ending at `end`, every STEP, mean `watts`, band ±10%. */
function band(end: number, steps: number, watts: (t: number) => number): PowerBand {
  const timestamps = Array.from({ length: steps }, (_, i) => end - (steps - 1 - i) * STEP);
  return {
    timestamps,
    mean: timestamps.map(watts),
    lower: timestamps.map((t) => 0.9 * watts(t)),
    upper: timestamps.map((t) => 1.1 * watts(t)),
  };
}

describe('forecast energy', () => {
  it('makes 1 kW over 24 hours 24 kWh of IT energy and 36 kWh at the site with PUE 1.5', () => {
    const b = band(SIX_PM, 288, () => 1000);
    const it = bandKWh(b, STEP);
    expect(it.mean).toBeCloseTo(24, 9);
    expect(it.lower).toBeCloseTo(21.6, 9);
    expect(it.upper).toBeCloseTo(26.4, 9);
    expect(bandKWh(b, STEP, 1.5).mean).toBeCloseTo(36, 9);
    expect(bandEmissions(bandKWh(b, STEP, 1.5), 40).mean).toBeCloseTo(1.44, 9);
  });

  it('prices the step ending at 18:00 off-peak and the one ending at 18:05 at the peak price', () => {
    expect(stepMiddle(SIX_PM, STEP)).toBe(SIX_PM - STEP / 2);
    const costPerWatt = perWattFactor('costs', site, STEP);
    const kWhPerWatt = perWattFactor('consumption', site, STEP)(SIX_PM);
    expect(kWhPerWatt).toBeCloseTo((STEP / HOUR / 1000) * 1.5, 15);
    expect(costPerWatt(SIX_PM) / kWhPerWatt).toBeCloseTo(0.5, 12);
    expect(costPerWatt(SIX_PM + STEP) / kWhPerWatt).toBeCloseTo(2, 12);
    expect(perWattFactor('emissions', site, STEP)(SIX_PM) / kWhPerWatt).toBeCloseTo(0.04, 12);
  });

  it('gives the same cost whether a band is priced step by step or as a whole', () => {
    // Four hours across the peak's start, with a load that changes with the time of day.
    const b = band(SIX_PM + 2 * HOUR, 48, (t) => 800 + 200 * Math.sin(t / HOUR));
    const energy = bandEnergy(b, STEP, site.pue);
    const whole = bandCost(energy, tariff, site.timeZone);
    const perWatt = perWattFactor('costs', site, STEP);
    for (const bound of ['mean', 'lower', 'upper'] as const) {
      const stepByStep = Array.from(b[bound]).reduce((a, w, i) => a + w * perWatt(b.timestamps[i]), 0);
      expect(stepByStep).toBeCloseTo(whole[bound].total, 9);
    }
    // At a constant load, the 24 steps ending after 18:00 are peak and the 24 ending by 18:00 are not.
    const flat = bandCost(
      bandEnergy(
        band(SIX_PM + 2 * HOUR, 48, () => 1000),
        STEP
      ),
      tariff,
      site.timeZone
    ).mean;
    expect(flat.peakKWh).toBeCloseTo(2, 12);
    expect(flat.offPeakKWh).toBeCloseTo(2, 12);
  });

  it('applies no PUE to a meter that already sees the whole site', () => {
    const facility = perWattFactor('consumption', site, STEP, 'facility');
    expect(facility(SIX_PM)).toBeCloseTo(STEP / HOUR / 1000, 15);
  });

  it('turns a counter into the power a meter would have shown, at the end of each step', () => {
    // 360 kJ every 5 minutes is 1200 W.
    const counter = { timestamps: [0, 1, 2, 3].map((i) => SIX_PM + i * STEP), values: [0, 3.6e5, 7.2e5, 1.08e6] };
    const power = stepPower(counterToEnergy(counter, 'J'));
    expect(Array.from(power.timestamps)).toEqual([1, 2, 3].map((i) => SIX_PM + i * STEP));
    expect(Array.from(power.values).map((w) => Math.round(w * 1e9) / 1e9)).toEqual([1200, 1200, 1200]);
  });

  it('refuses a band with missing values, a step that is not positive and an unknown target', () => {
    const b = band(SIX_PM, 3, () => 1);
    expect(() => bandEnergy({ ...b, upper: [1] }, STEP)).toThrow(expect.objectContaining({ code: 'LENGTH_MISMATCH' }));
    expect(() => bandKWh(b, 0)).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
    expect(() => perWattFactor('water' as never, site, STEP)).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
    expect(() => perWattFactor('consumption', { ...site, pue: 0.5 }, STEP)).toThrow(
      expect.objectContaining({ code: 'BAD_OPTION' })
    );
  });
});
