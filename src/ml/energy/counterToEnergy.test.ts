import { counterReadingWatts, counterToEnergy } from './counterToEnergy';

const MINUTE = 60_000;
const T0 = Date.UTC(2024, 5, 3);

function counter(values: number[], stepMs = MINUTE) {
  return { timestamps: values.map((_, i) => T0 + i * stepMs), values };
}

describe('counterToEnergy', () => {
  it('converts a joule counter to kWh per step', () => {
    // 3.6 MJ per minute = 1 kWh per minute.
    const e = counterToEnergy(counter([0, 3.6e6, 7.2e6, 10.8e6]), 'J');
    expect(Array.from(e.kWhPerStep)).toEqual([1, 1, 1].map((x) => expect.closeTo(x, 12)));
    expect(e.totalKWh).toBeCloseTo(3, 12);
    expect(e.resets).toBe(0);
  });

  it('reads Scaphandre microjoules: 100 W for an hour is 0.1 kWh', () => {
    const perMinute = 100 * 60 * 1e6; // µJ in a minute at 100 W
    const e = counterToEnergy(counter(Array.from({ length: 61 }, (_, i) => 5e12 + i * perMinute)), 'µJ');
    expect(e.totalKWh).toBeCloseTo(0.1, 12);
    expect(counterToEnergy(counter([0, perMinute]), 'uJ').totalKWh).toBeCloseTo(100 / 60 / 1000, 15);
  });

  it('counts a reset as a restart from zero, not as negative energy', () => {
    // 10, 20, 30 kWh, then the exporter restarts and reports 4 kWh used since.
    const e = counterToEnergy(counter([10, 20, 30, 4, 9]), 'kWh');
    expect(Array.from(e.kWhPerStep)).toEqual([10, 10, 4, 5]);
    expect(e.totalKWh).toBe(29);
    expect(e.resets).toBe(1);
    expect(e.notes.join(' ')).toMatch(/1 counter reset/);
  });

  it('spreads the increase over a short gap and leaves a long one unknown', () => {
    const short = counterToEnergy(counter([0, 1, NaN, NaN, 4, 5]), 'kWh');
    expect(Array.from(short.kWhPerStep)).toEqual([1, 1, 1, 1, 1]);
    expect(short.bridgedSteps).toBe(3);
    const values = [0, 1, ...Array(20).fill(NaN), 22];
    const long = counterToEnergy(counter(values), 'kWh');
    expect(long.totalKWh).toBe(1);
    expect(long.missingSteps).toBe(21);
    expect(counterToEnergy(counter(values), 'kWh', { maxGapMs: 30 * MINUTE }).totalKWh).toBe(22);
  });

  it('refuses an unknown unit', () => {
    expect(() => counterToEnergy(counter([0, 1]), 'cal' as never)).toThrow(
      expect.objectContaining({ code: 'BAD_OPTION' })
    );
  });

  it('refuses Object.prototype names as units with BAD_OPTION, not a NaN energy', () => {
    for (const unit of ['toString', '__proto__', 'constructor']) {
      expect(() => counterToEnergy(counter([0, 1, 2]), unit as never)).toThrow(
        expect.objectContaining({ code: 'BAD_OPTION', message: expect.stringContaining(`"${unit}"`) })
      );
    }
  });
});

describe('counterReadingWatts', () => {
  const hour = 3_600_000;
  it('reads the average power since the previous reading, a drop as a restart from zero', () => {
    expect(counterReadingWatts(0, 0, 3.6e6, hour, 'J')).toBeCloseTo(1000, 9);
    expect(counterReadingWatts(10, 0, 12, hour, 'kWh')).toBeCloseTo(2000, 9);
    // The counter restarted and counted 1 kWh since: not −9 kWh.
    expect(counterReadingWatts(10, 0, 1, hour, 'kWh')).toBeCloseTo(1000, 9);
  });

  it('is NaN without two numbers or when time does not move forward', () => {
    expect(counterReadingWatts(NaN, 0, 5, hour, 'kWh')).toBeNaN();
    expect(counterReadingWatts(1, 0, Infinity, hour, 'kWh')).toBeNaN();
    expect(counterReadingWatts(1, hour, 2, hour, 'kWh')).toBeNaN();
  });
});
