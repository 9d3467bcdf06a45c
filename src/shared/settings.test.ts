import { DEFAULT_SETTINGS, resolveSettings, validateSettings } from './settings';

describe('site settings', () => {
  it('accepts the Brazilian defaults', () => {
    expect(validateSettings(DEFAULT_SETTINGS)).toEqual([]);
  });

  it('fills a partial stored config from the defaults and keeps what was stored', () => {
    const s = resolveSettings({ pue: 1.3, tariff: { peakPricePerKWh: 3 } });
    expect(s.pue).toBe(1.3);
    expect(s.tariff.peakPricePerKWh).toBe(3);
    expect(s.tariff.offPeakPricePerKWh).toBe(DEFAULT_SETTINGS.tariff.offPeakPricePerKWh);
    expect(s.carbonIntensity).toBe(38.5);
  });

  it('ignores malformed values instead of crashing', () => {
    const s = resolveSettings({ pue: 'high', tariff: 'cheap', currency: 42, maxSeries: NaN });
    expect(s).toEqual(DEFAULT_SETTINGS);
    expect(resolveSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(resolveSettings([1, 2])).toEqual(DEFAULT_SETTINGS);
  });

  it('names each invalid field with an actionable message', () => {
    const bad = resolveSettings({
      pue: 0.8,
      currency: 'reais',
      trainingWindow: 'two weeks',
      tariff: { peakStartHour: 21, peakEndHour: 18 },
    });
    const fields = validateSettings(bad).map((p) => p.field);
    expect(fields).toEqual(['pue', 'currency', 'tariff.peakWindow', 'trainingWindow']);
  });
});
