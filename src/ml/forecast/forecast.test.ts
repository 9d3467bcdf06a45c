import fc from 'fast-check';
import { forecast, forecastMethodFor, EcotiMlError } from '../index';
import { dailySeries, seededRandom } from '../testing/seededRandom';

const HOUR = 3_600_000;

function coverage(actual: ArrayLike<number>, f: { lower: number[]; upper: number[] }) {
  let inside = 0;
  for (let i = 0; i < f.lower.length; i++) {
    if (actual[i] >= f.lower[i] && actual[i] <= f.upper[i]) {
      inside++;
    }
  }
  return inside / f.lower.length;
}

describe('forecast', () => {
  it('detects the daily season and continues it one day ahead', () => {
    const s = dailySeries(24 * 21, { noise: 0.5 });
    const f = forecast(
      { timestamps: s.timestamps.subarray(0, 24 * 20), values: s.values.subarray(0, 24 * 20) },
      { horizon: 24 }
    );
    expect(f.seasonalities).toContain(24);
    const err = f.mean.map((m, i) => Math.abs(m - s.values[24 * 20 + i]));
    expect(Math.max(...err)).toBeLessThan(3);
    // Timestamps continue the grid, one hour apart, starting right after the last point.
    expect(f.timestamps[0]).toBe(s.timestamps[24 * 20 - 1] + HOUR);
    expect(f.timestamps[23] - f.timestamps[0]).toBe(23 * HOUR);
  });

  it('recovers a non-calendar period from the data alone', () => {
    const n = 600;
    const timestamps = Float64Array.from({ length: n }, (_, i) => i * 1000);
    const values = Float64Array.from({ length: n }, (_, i) => 10 + 0.01 * i + 3 * Math.sin((2 * Math.PI * i) / 37));
    const f = forecast({ timestamps, values }, { horizon: 37 });
    expect(f.seasonalities).toEqual([37]);
  });

  it('follows a trend with the linear method exactly', () => {
    const timestamps = Float64Array.from({ length: 50 }, (_, i) => i * 60_000);
    const values = Float64Array.from({ length: 50 }, (_, i) => 5 + 2 * i);
    const f = forecast({ timestamps, values }, { horizon: 10, method: 'linear' });
    expect(f.mean[9]).toBeCloseTo(5 + 2 * 59, 6);
    expect(f.model).toEqual({ name: 'linear', seasonalities: [] });
    expect(f.fallback).toBeUndefined();
    expect(f.notes).toEqual([]);
    expect(f.method).toBe('linear');
  });

  it('gives 95% bands that hold about 95% of future points on a noisy seasonal series', () => {
    let inside = 0;
    let total = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const s = dailySeries(24 * 31, { noise: 3, seed, trendPerDay: 0.5 });
      const train = { timestamps: s.timestamps.subarray(0, 24 * 30), values: s.values.subarray(0, 24 * 30) };
      const f = forecast(train, { horizon: 24 });
      inside += coverage(s.values.subarray(24 * 30), f) * 24;
      total += 24;
    }
    expect(inside / total).toBeGreaterThan(0.88);
    expect(inside / total).toBeLessThanOrEqual(1);
  });

  it('widens the band when the noise grows', () => {
    const width = (noise: number) => {
      const s = dailySeries(24 * 20, { noise, seed: 7 });
      const f = forecast(s, { horizon: 24 });
      return f.upper[12] - f.lower[12];
    };
    expect(width(4)).toBeGreaterThan(2 * width(1));
  });

  it('band widths never shrink with the horizon and always contain the mean', () => {
    const s = dailySeries(24 * 30, { noise: 2, seed: 3 });
    const f = forecast(s, { horizon: 168 });
    for (let i = 0; i < 168; i++) {
      expect(f.lower[i]).toBeLessThanOrEqual(f.mean[i]);
      expect(f.upper[i]).toBeGreaterThanOrEqual(f.mean[i]);
    }
    const half = (i: number) => f.upper[i] - f.mean[i];
    expect(half(167)).toBeGreaterThanOrEqual(half(0));
  });

  it('falls back to seasonal naive on a short series and says from what, why and on how many points', () => {
    const s = dailySeries(10);
    const f = forecast(s, { horizon: 5 });
    expect(f.model.name).toBe('seasonal-naive');
    expect(f.fallback).toEqual({ from: { name: 'auto' }, reason: 'too-short', points: 10 });
    expect(f.method).toBe('seasonal-naive (fallback: 10 points are too few to backtest)');
    const named = forecast(s, { horizon: 5, method: 'ensemble(holt-winters+mstl)' });
    expect(named.fallback).toEqual({
      from: { name: 'ensemble', components: ['holt-winters', 'mstl'] },
      reason: 'too-short',
      points: 10,
    });
    expect(named.method).toBe('seasonal-naive (fallback: 10 points are too few for ensemble(holt-winters+mstl))');
    expect(f.mean).toHaveLength(5);
    expect(f.mean.every(Number.isFinite)).toBe(true);
  });

  it('resamples irregular, unsorted and duplicated points to the dominant step and says so', () => {
    const s = dailySeries(24 * 10, { noise: 0.1 });
    const ts = Array.from(s.timestamps);
    const vs = Array.from(s.values);
    // Jitter a few timestamps, duplicate one point, shuffle two, punch a gap.
    ts[5] += 60_000;
    ts.push(ts[100]);
    vs.push(vs[100]);
    [ts[20], ts[21]] = [ts[21], ts[20]];
    [vs[20], vs[21]] = [vs[21], vs[20]];
    for (let i = 50; i < 60; i++) {
      vs[i] = NaN;
    }
    vs[70] = Infinity;
    const f = forecast({ timestamps: ts, values: vs }, { horizon: 24 });
    expect(f.timestamps[1] - f.timestamps[0]).toBe(HOUR);
    // Out of order: the swapped pair and the appended duplicate. The duplicate shares a step (a minute's
    // jitter does not leave its hour); the ten NaN and the Infinity leave eleven steps empty.
    expect(f.notes.map((n) => [n.code, n.count])).toEqual([
      ['infinite-values', 1],
      ['unsorted-timestamps', 2],
      ['merged-points', 1],
      ['missing-steps', 11],
    ]);
    expect(f.method).toContain(
      '(1 infinite value(s) treated as missing; timestamps sorted; 1 point(s) sharing a step averaged; 11 missing step(s))'
    );
    expect(f.mean.every(Number.isFinite)).toBe(true);
  });

  it('refits an ensemble auto chose, by its name, without searching again', () => {
    const s = dailySeries(24 * 20, { noise: 1, seed: 9 });
    const chosen = forecast(s, { horizon: 24 });
    const members = ['seasonal-mean', 'mstl'];
    const named = forecast(s, { horizon: 24, method: `ensemble(${members.join('+')})` });
    expect(named.model).toEqual({ name: 'ensemble', components: members, seasonalities: named.seasonalities });
    expect(named.method).toBe('ensemble(seasonal-mean+mstl)');
    // The ensemble's mean is the average of its members' forecasts.
    const parts = members.map((m) => forecast(s, { horizon: 24, method: m }).mean);
    named.mean.forEach((v, i) => expect(v).toBeCloseTo((parts[0][i] + parts[1][i]) / 2, 9));
    expect(chosen.mean.every(Number.isFinite)).toBe(true);
    expect(() => forecast(s, { horizon: 24, method: 'ensemble(mstl+prophet)' })).toThrow(
      /Unknown forecast method "prophet"/
    );
  });

  it('forecasts a constant series as that constant', () => {
    const timestamps = Float64Array.from({ length: 200 }, (_, i) => i * 60_000);
    const values = new Float64Array(200).fill(42);
    const f = forecast({ timestamps, values }, { horizon: 10 });
    f.mean.forEach((m) => expect(m).toBeCloseTo(42, 6));
  });

  it('rejects a nonsensical horizon or level with a typed error', () => {
    const s = dailySeries(100);
    expect(() => forecast(s, { horizon: 0 })).toThrow(EcotiMlError);
    expect(() => forecast(s, { horizon: 2.5 })).toThrow(/whole number/);
    expect(() => forecast(s, { horizon: 5, level: 1.5 })).toThrow(/level/);
    expect(() => forecast(s, { horizon: 5, method: 'prophet' })).toThrow(/Unknown forecast method/);
    expect(() => forecast({ timestamps: [], values: [] }, { horizon: 5 })).toThrow(EcotiMlError);
    expect(() => forecast({ timestamps: [1, 2], values: [NaN, NaN] }, { horizon: 5 })).toThrow(/no observed values/);
  });

  it('trains a huge series on its recent tail and says so', () => {
    const n = 1_000_000;
    const timestamps = new Float64Array(n);
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      timestamps[i] = i * 60_000;
      values[i] = 50 + 10 * Math.sin((2 * Math.PI * i) / 1440) + (i % 7);
    }
    const f = forecast({ timestamps, values }, { horizon: 60 });
    expect(f.notes).toEqual([
      { code: 'history-truncated', count: n - 30_000, message: `trained on the last 30000 of ${n} steps` },
    ]);
    expect(f.seasonalities).toContain(1440);
    expect(f.mean.every(Number.isFinite)).toBe(true);
  });

  it('forecasts a series near 1e301 with finite bands, as it does the same series at ordinary scale', () => {
    const s = dailySeries(24 * 14, { noise: 2 });
    // 2^1000 ≈ 1e301: squares of these values overflow a double unless the models work scaled.
    const big = 2 ** 1000;
    const huge = { timestamps: s.timestamps, values: s.values.map((v) => v * big) };
    const f = forecast(huge, { horizon: 24 });
    const g = forecast(s, { horizon: 24 });
    expect([...f.mean, ...f.lower, ...f.upper].every(Number.isFinite)).toBe(true);
    expect(f.method).toBe(g.method);
    for (let h = 0; h < 24; h++) {
      expect(f.mean[h] / big).toBeCloseTo(g.mean[h], 6);
      expect((f.upper[h] - f.lower[h]) / big).toBeCloseTo(g.upper[h] - g.lower[h], 6);
    }
  });

  it('forecasts values at the edge of the double range with finite bands; refuses bands beyond it', () => {
    const s = dailySeries(24 * 14, { noise: 2 });
    // Peaks of this series reach ~±1.7e308, the largest doubles.
    for (const scale of [1e300, 1.7e308 / 130, -1.7e308 / 130]) {
      const values = s.values.map((v) => v * scale);
      const f = forecast({ timestamps: s.timestamps, values }, { horizon: 24 });
      expect([...f.mean, ...f.lower, ...f.upper].every(Number.isFinite)).toBe(true);
      expect(f.lower.every((l, h) => l <= f.mean[h] && f.mean[h] <= f.upper[h])).toBe(true);
    }
    // A trend that runs out of doubles within the horizon is refused, not returned as Infinity.
    const rising = { timestamps: s.timestamps, values: s.timestamps.map((_, i) => (i / 2) * 1e306) };
    expect(() => forecast(rising, { horizon: 2000, method: 'linear' })).toThrow(
      expect.objectContaining({ code: 'OUT_OF_RANGE', message: expect.stringMatching(/larger unit/) })
    );
  });

  it('clips a lone 1e300 glitch on an ordinary series and says so', () => {
    const s = dailySeries(24 * 14, { noise: 2 });
    const values = Float64Array.from(s.values);
    values[100] = 1e300;
    const f = forecast({ timestamps: s.timestamps, values }, { horizon: 24 });
    expect(f.notes).toEqual([{ code: 'values-clipped', count: 1, message: expect.stringMatching(/^1 extreme value/) }]);
    expect(f.method).toBe(`${forecastMethodFor(f.model)} (${f.notes[0].message})`);
    expect([...f.mean, ...f.lower, ...f.upper].every(Number.isFinite)).toBe(true);
  });

  it.each([
    ['__proto__', '__proto__'],
    ['toString', 'toString'],
    ['constructor', 'constructor'],
    ['hasOwnProperty', 'hasOwnProperty'],
    ['ensemble(linear+__proto__)', '__proto__'],
  ])('refuses %s as a method with an EcotiMlError naming %s, not a TypeError', (method, name) => {
    const s = dailySeries(24 * 7);
    expect(() => forecast(s, { horizon: 6, method })).toThrow(
      expect.objectContaining({
        name: 'EcotiMlError',
        code: 'BAD_OPTION',
        message: expect.stringContaining(`"${name}"`),
      })
    );
  });

  it('refuses what is not a series or not options with an EcotiMlError', () => {
    const s = dailySeries(48);
    const cases: Array<[unknown, unknown, string]> = [
      [null, { horizon: 3 }, 'BAD_INPUT'],
      [undefined, { horizon: 3 }, 'BAD_INPUT'],
      ['a series', { horizon: 3 }, 'BAD_INPUT'],
      [{ timestamps: s.timestamps, values: null }, { horizon: 3 }, 'BAD_INPUT'],
      [{ timestamps: s.timestamps, values: { length: 48 } }, { horizon: 3 }, 'BAD_INPUT'],
      [{ timestamps: s.timestamps, values: s.values.subarray(1) }, { horizon: 3 }, 'LENGTH_MISMATCH'],
      [s, null, 'BAD_OPTION'],
      [s, { horizon: 3, level: '0.9' }, 'BAD_OPTION'],
      [s, { horizon: 3, method: 7 }, 'BAD_OPTION'],
      [s, { horizon: 3, seasonalities: '24' }, 'BAD_OPTION'],
    ];
    for (const [series, options, code] of cases) {
      expect(() => forecast(series as never, options as never)).toThrow(expect.objectContaining({ code }));
    }
  });

  it('reads null and strings among the values as missing, never as 0 or a number', () => {
    const timestamps = Array.from({ length: 48 }, (_, i) => i * HOUR);
    const values: unknown[] = timestamps.map(() => 10);
    values[40] = null;
    values[41] = '0';
    const f = forecast({ timestamps, values: values as number[] }, { horizon: 3, method: 'linear' });
    expect(f.notes).toEqual([{ code: 'missing-steps', count: 2, message: '2 missing step(s)' }]);
    expect(f.mean).toEqual([10, 10, 10]);
  });

  it('never throws anything but EcotiMlError and never returns NaN on hostile input', () => {
    const point = fc.record({
      t: fc.integer({ min: 0, max: 200 }).map((k) => k * 60_000 + (k % 3 === 0 ? 17 : 0)),
      v: fc.oneof(
        { weight: 6, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
        // Magnitudes whose squares (or sums) overflow or underflow a double.
        { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
        { weight: 1, arbitrary: fc.constantFrom(1e300, -1.7e308, 1.7e308, 5e-324, -1e-310) },
        { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity) }
      ),
    });
    fc.assert(
      fc.property(
        fc.array(point, { minLength: 1, maxLength: 120 }),
        fc.integer({ min: 1, max: 48 }),
        (points, horizon) => {
          try {
            const f = forecast({ timestamps: points.map((p) => p.t), values: points.map((p) => p.v) }, { horizon });
            const all = [...f.mean, ...f.lower, ...f.upper, ...f.timestamps];
            return f.mean.length === horizon && all.every(Number.isFinite);
          } catch (e) {
            return e instanceof EcotiMlError;
          }
        }
      ),
      { numRuns: 150 }
    );
  });

  it('is deterministic: the same input gives the same forecast', () => {
    const rnd = seededRandom(11);
    const timestamps = Float64Array.from({ length: 300 }, (_, i) => i * HOUR);
    const values = Float64Array.from({ length: 300 }, (_, i) => Math.sin(i / 3) + rnd.normal());
    expect(forecast({ timestamps, values }, { horizon: 12 })).toEqual(
      forecast({ timestamps, values }, { horizon: 12 })
    );
  });
});
