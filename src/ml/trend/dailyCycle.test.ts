import { removeDailyCycle } from './dailyCycle';

function series(days: number, perDay: number, value: (i: number) => number) {
  const n = days * perDay;
  return {
    x: Float64Array.from({ length: n }, (_, i) => i),
    y: Float64Array.from({ length: n }, (_, i) => value(i)),
  };
}

describe('removeDailyCycle', () => {
  it('removes a daily sine and keeps the trend and the mean', () => {
    const { x, y } = series(10, 24, (i) => 0.5 * i + 3 * Math.sin((2 * Math.PI * i) / 24));
    const out = removeDailyCycle(x, y, 0.5, 24);
    expect(out).not.toBeNull();
    for (let i = 0; i < out!.length; i++) {
      expect(out![i]).toBeCloseTo(0.5 * i, 9);
    }
  });

  it('leaves a series without a daily rhythm alone', () => {
    const { x, y } = series(10, 24, (i) => ((i * 7919) % 13) - 6);
    expect(removeDailyCycle(x, y, 0, 24)).toBeNull();
  });

  it('needs at least five days before trusting a profile', () => {
    const { x, y } = series(4, 24, (i) => Math.sin((2 * Math.PI * i) / 24));
    expect(removeDailyCycle(x, y, 0, 24)).toBeNull();
  });

  it('does nothing when the step does not divide a day', () => {
    const { x, y } = series(10, 24, (i) => Math.sin((2 * Math.PI * i) / 24));
    expect(removeDailyCycle(x, y, 0, 24.5)).toBeNull();
  });
});
