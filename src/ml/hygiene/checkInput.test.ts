import { checkNumbers, checkSeries, MAX_SERIES_POINTS } from './checkInput';
import { detectAnomalies, forecast, regularize, scoreAnomalies, trend } from '../index';
import { EcotiMlError } from '../types';

/** An array of `n` holes (no memory per point) that counts the elements read from it. */
function countingArray(n: number) {
  const reads = { count: 0 };
  const array = new Proxy(new Array<number>(n), {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) {
        reads.count++;
      }
      return Reflect.get(target, key, receiver);
    },
  });
  return { array, reads };
}

describe('checkSeries', () => {
  it('refuses a series over MAX_SERIES_POINTS before reading a single point, pointing to the streaming scorer', () => {
    const n = 10_000_000;
    const timestamps = countingArray(n);
    const values = countingArray(n);
    const series = { timestamps: timestamps.array, values: values.array };
    const calls = [
      () => forecast(series, { horizon: 10 }),
      () => scoreAnomalies(series),
      () => scoreAnomalies(series, { causal: true }),
      () => detectAnomalies(series),
      () => trend(series),
      () => regularize(series),
    ];
    for (const call of calls) {
      expect(call).toThrow(
        expect.objectContaining({
          code: 'TOO_LONG',
          message: expect.stringMatching(/10,000,000 points, more than the 1,000,000 .*StreamingAnomalyScorer/),
        })
      );
    }
    expect(timestamps.reads.count + values.reads.count).toBe(0);
  });

  it('accepts exactly MAX_SERIES_POINTS', () => {
    const { array } = countingArray(MAX_SERIES_POINTS);
    expect(checkSeries({ timestamps: array, values: array })).toBe(MAX_SERIES_POINTS);
    expect(() => checkNumbers(countingArray(MAX_SERIES_POINTS + 1).array)).toThrow(
      expect.objectContaining({ code: 'TOO_LONG' })
    );
  });

  it('accepts arrays and typed arrays, and refuses anything else with BAD_INPUT naming what it got', () => {
    expect(checkSeries({ timestamps: new Float64Array(3), values: [1, null, 'x'] as never })).toBe(3);
    expect(checkSeries({ timestamps: new Int32Array(2), values: new Float32Array(2) })).toBe(2);
    const refused: Array<[unknown, RegExp]> = [
      [null, /must be an object .* got null/],
      [42, /got a number/],
      [{ values: [] }, /timestamps must be an array .* got undefined/],
      [{ timestamps: [], values: 'abc' }, /values must be an array .* got a string/],
      [{ timestamps: { length: 0 }, values: [] }, /got an object/],
      [{ timestamps: new DataView(new ArrayBuffer(8)), values: [] }, /got an object/],
    ];
    for (const [series, message] of refused) {
      expect(() => checkSeries(series as never)).toThrow(EcotiMlError);
      expect(() => checkSeries(series as never)).toThrow(
        expect.objectContaining({ code: 'BAD_INPUT', message: expect.stringMatching(message) })
      );
    }
  });

  it('refuses timestamps and values of different lengths with LENGTH_MISMATCH', () => {
    expect(() => checkSeries({ timestamps: [1, 2], values: [1] })).toThrow(
      expect.objectContaining({ code: 'LENGTH_MISMATCH', message: 'The series has 2 timestamps but 1 values.' })
    );
  });
});
