import { describeDeviation } from './reason';

const TUE_14 = Date.UTC(2024, 0, 2, 14, 0);

describe('describeDeviation', () => {
  it('gives the percentage, direction and UTC weekday/time', () => {
    expect(describeDeviation(138, 100, TUE_14)).toBe('value 38% above expected for Tue 14:00');
    expect(describeDeviation(95.5, 100, TUE_14 + 30 * 60_000)).toBe('value 4.5% below expected for Tue 14:30');
  });

  it('gives an amount instead of a percentage when the expected value is zero', () => {
    expect(describeDeviation(12.5, 0, TUE_14)).toBe('value 12.5 above expected 0 for Tue 14:00');
  });

  it('uses the given noun', () => {
    expect(describeDeviation(50, 100, TUE_14, 'power')).toBe('power 50% below expected for Tue 14:00');
  });
});
