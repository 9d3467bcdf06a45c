import { costOfEnergy, costOfSplit, flatLoadPricePerKWh, isPeak, loadShiftSavings, priceAt, Tariff } from './tariff';
import { localClock } from './localTime';

const HOUR = 3_600_000;
// São Paulo is UTC−3 all year since 2019: 18:00 local = 21:00 UTC.
const saoPaulo = (y: number, m: number, d: number, h: number, min = 0) => Date.UTC(y, m - 1, d, h + 3, min);

const branca: Tariff = {
  peakPricePerKWh: 2,
  offPeakPricePerKWh: 0.5,
  peakStartHour: 18,
  peakEndHour: 21,
  peakWeekdaysOnly: true,
};

describe('isPeak', () => {
  it('is peak from 18:00 to 20:59 São Paulo time on a weekday', () => {
    // Wednesday 2024-06-05.
    expect(isPeak(saoPaulo(2024, 6, 5, 17, 59), branca)).toBe(false);
    expect(isPeak(saoPaulo(2024, 6, 5, 18, 0), branca)).toBe(true);
    expect(isPeak(saoPaulo(2024, 6, 5, 20, 59), branca)).toBe(true);
    expect(isPeak(saoPaulo(2024, 6, 5, 21, 0), branca)).toBe(false);
  });

  it('is off-peak on Saturday 19:00 when the peak is weekdays only, and peak otherwise', () => {
    const saturday = saoPaulo(2024, 6, 8, 19);
    expect(isPeak(saturday, branca)).toBe(false);
    expect(isPeak(saturday, { ...branca, peakWeekdaysOnly: false })).toBe(true);
  });

  it('reads the hour in the given time zone, not UTC', () => {
    // 21:30 UTC on a Wednesday is 18:30 in São Paulo (peak) but 23:30 in Paris (not).
    const ts = Date.UTC(2024, 5, 5, 21, 30);
    expect(isPeak(ts, branca, 'America/Sao_Paulo')).toBe(true);
    expect(isPeak(ts, branca, 'Europe/Paris')).toBe(false);
  });

  it('handles half-hour zones and windows crossing midnight', () => {
    // 12:40 UTC is 18:10 in Kolkata (UTC+5:30).
    expect(isPeak(Date.UTC(2024, 5, 5, 12, 40), branca, 'Asia/Kolkata')).toBe(true);
    expect(isPeak(Date.UTC(2024, 5, 5, 12, 20), branca, 'Asia/Kolkata')).toBe(false);
    const night = { ...branca, peakStartHour: 22, peakEndHour: 6, peakWeekdaysOnly: false };
    expect(isPeak(saoPaulo(2024, 6, 5, 23), night)).toBe(true);
    expect(isPeak(saoPaulo(2024, 6, 5, 5), night)).toBe(true);
    expect(isPeak(saoPaulo(2024, 6, 5, 12), night)).toBe(false);
  });

  it('treats listed holidays as off-peak all day', () => {
    // Wednesday 2024-05-01, Labour Day.
    expect(isPeak(saoPaulo(2024, 5, 1, 19), { ...branca, holidays: ['2024-05-01'] })).toBe(false);
    expect(localClock(saoPaulo(2024, 5, 1, 23, 59)).date).toBe('2024-05-01');
  });

  it('refuses an unknown time zone and impossible hours', () => {
    expect(() => isPeak(0, branca, 'Mars/Olympus')).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
    expect(() => isPeak(0, { ...branca, peakEndHour: 25 })).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
    expect(() => isPeak(NaN, branca)).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
  });
});

describe('costOfEnergy', () => {
  it('prices a flat 1 kWh per hour week: 15 weekday peak hours, 153 off-peak hours', () => {
    // Monday 2024-06-03 00:00 to Sunday 23:00 local, hourly steps.
    const start = saoPaulo(2024, 6, 3, 0);
    const timestamps = Array.from({ length: 168 }, (_, i) => start + i * HOUR);
    const kWh = timestamps.map(() => 1);
    const c = costOfEnergy(timestamps, kWh, branca);
    expect(c.peakKWh).toBe(15);
    expect(c.offPeakKWh).toBe(153);
    expect(c.peak).toBe(30);
    expect(c.offPeak).toBe(76.5);
    expect(c.total).toBe(106.5);
    expect(c.missingSteps).toBe(0);
  });

  it('skips unknown energy and invalid timestamps, counting them', () => {
    const c = costOfEnergy([saoPaulo(2024, 6, 5, 19), NaN, saoPaulo(2024, 6, 5, 3)], [1, 1, NaN], branca);
    expect(c.peakKWh).toBe(1);
    expect(c.offPeakKWh).toBe(0);
    expect(c.missingSteps).toBe(2);
  });

  it('agrees with isPeak point by point on one-minute data across a DST change', () => {
    // Paris leaves summer time on 2024-10-27: 02:00–02:59 local happens twice that night.
    const start = Date.UTC(2024, 9, 24); // 02:00 local
    const n = 7 * 1440;
    const timestamps = new Float64Array(n);
    const kWh = new Float64Array(n);
    let expectedPeak = 0;
    let peakMinutes = 0;
    const tariff = { ...branca, peakStartHour: 2, peakEndHour: 3, peakWeekdaysOnly: false };
    for (let i = 0; i < n; i++) {
      timestamps[i] = start + i * 60_000;
      kWh[i] = i % 7;
      if (isPeak(timestamps[i], tariff, 'Europe/Paris')) {
        expectedPeak += kWh[i];
        peakMinutes++;
      }
    }
    // Seven nights, one of them with the hour twice.
    expect(peakMinutes).toBe(8 * 60);
    const c = costOfEnergy(timestamps, kWh, tariff, 'Europe/Paris');
    expect(c.peakKWh).toBe(expectedPeak);
  });

  it('refuses misaligned arrays', () => {
    expect(() => costOfEnergy([1, 2], [1], branca)).toThrow(expect.objectContaining({ code: 'LENGTH_MISMATCH' }));
  });
});

describe('loadShiftSavings', () => {
  it('saves fraction × peak kWh × price difference', () => {
    const start = saoPaulo(2024, 6, 5, 0);
    const timestamps = Array.from({ length: 24 }, (_, i) => start + i * HOUR);
    const kWh = timestamps.map(() => 10);
    // 30 kWh at peak; moving half saves 15 × (2 − 0.5) = 22.5.
    const s = loadShiftSavings(timestamps, kWh, branca, 0.5);
    expect(s.shiftedKWh).toBe(15);
    expect(s.savings).toBe(22.5);
    expect(s.costBefore).toBe(30 * 2 + 210 * 0.5);
    expect(s.costAfter).toBe(s.costBefore - 22.5);
  });

  it('refuses a fraction outside 0..1', () => {
    expect(() => loadShiftSavings([], [], branca, 1.5)).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
  });

  it('refuses a cost beyond the largest double with OUT_OF_RANGE, and reads infinite energy as missing', () => {
    const at = [saoPaulo(2024, 6, 5, 19), saoPaulo(2024, 6, 5, 20)];
    expect(() => costOfEnergy(at, [Number.MAX_VALUE, Number.MAX_VALUE], branca)).toThrow(
      expect.objectContaining({ code: 'OUT_OF_RANGE' })
    );
    expect(costOfEnergy(at, [Infinity, 1], branca)).toMatchObject({ peakKWh: 1, missingSteps: 1 });
  });

  it('refuses a tariff that is not an object, or holidays that are not dates, with BAD_OPTION', () => {
    expect(() => costOfEnergy([], [], null as never)).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
    expect(() => costOfEnergy([], [], { ...branca, holidays: 5 as never })).toThrow(
      expect.objectContaining({ code: 'BAD_OPTION' })
    );
  });
});

describe('priceAt and flatLoadPricePerKWh', () => {
  it('prices a time by the same peak rule as isPeak', () => {
    const price = priceAt(branca);
    expect(price(saoPaulo(2024, 6, 5, 18, 30))).toBe(2);
    expect(price(saoPaulo(2024, 6, 5, 21))).toBe(0.5);
    expect(price(saoPaulo(2024, 6, 8, 19))).toBe(0.5);
    expect(costOfSplit(3, 10, branca)).toBe(3 * 2 + 10 * 0.5);
  });

  it('weighs a round-the-clock load by the week’s peak hours, also for a window across midnight', () => {
    // 3 peak hours on 5 days: 15 of 168 hours.
    expect(flatLoadPricePerKWh(branca)).toBeCloseTo((15 / 168) * 2 + (153 / 168) * 0.5, 12);
    // 22:00–06:00 every day: 8 of 24 hours (a plain end − start would say none).
    const night = { ...branca, peakStartHour: 22, peakEndHour: 6, peakWeekdaysOnly: false };
    expect(flatLoadPricePerKWh(night)).toBeCloseTo((8 / 24) * 2 + (16 / 24) * 0.5, 12);
  });
});
