import fc from 'fast-check';
import { EcotiMlError, fitDriverModel, predictPowerAt, Series } from '../index';
import { seededRandom } from '../testing/seededRandom';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 5);
const IDLE = 80;
const K = 2.2;

/**
 * A GPU server's month, hourly: utilisation 0–100 % from a working-day cycle plus multi-hour jobs, power =
 * idle + k·utilisation + noise, a driver of pure noise beside it.
 */
function server(hours: number, seed = 7) {
  const rnd = seededRandom(seed);
  const timestamps = Float64Array.from({ length: hours }, (_, i) => T0 + i * HOUR);
  const util = new Float64Array(hours);
  let job = 0;
  for (let i = 0; i < hours; i++) {
    if (job === 0 && rnd.uniform() < 0.05) {
      job = 3 + Math.floor(rnd.uniform() * 20);
    }
    const day = (i % 24) - 12;
    const base = 25 * Math.exp(-(day * day) / 18);
    util[i] = Math.min(100, base + (job > 0 ? 40 + 40 * rnd.uniform() : 0) + 3 * rnd.uniform());
    job = Math.max(0, job - 1);
  }
  const power = Float64Array.from(util, (u) => IDLE + K * u + 3 * rnd.normal());
  const noise = Float64Array.from(util, () => 100 * rnd.uniform());
  return { timestamps, util, power, noise };
}

const series = (timestamps: Float64Array, values: Float64Array): Series => ({ timestamps, values });

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof EcotiMlError) {
      return e.code;
    }
    throw e;
  }
  return undefined;
}

describe('fitDriverModel', () => {
  const s = server(720);
  const train = 600;
  /** Fitted on the first `train` hours, utilisation and the noise driver. */
  const fitOnTraining = () =>
    fitDriverModel({
      power: series(s.timestamps.subarray(0, train), s.power.subarray(0, train)),
      drivers: {
        'GPU utilisation': series(s.timestamps.subarray(0, train), s.util.subarray(0, train)),
        noise: series(s.timestamps.subarray(0, train), s.noise.subarray(0, train)),
      },
      options: { timeZone: 'UTC' },
    });
  const model = fitOnTraining();

  it('recovers power from utilisation on hours it never saw (within 5 % at the median, 12 % at worst)', () => {
    const predicted = model.predict({
      timestamps: s.timestamps.subarray(train),
      drivers: { 'GPU utilisation': s.util.subarray(train), noise: s.noise.subarray(train) },
    });
    const errors = Array.from(predicted, (p, i) => Math.abs(p - s.power[train + i]) / s.power[train + i]).sort(
      (a, b) => a - b
    );
    expect(errors[errors.length >> 1]).toBeLessThan(0.05);
    expect(errors[errors.length - 1]).toBeLessThan(0.12);
    // Not a constant: predictions follow utilisation across its range.
    expect(Math.max(...predicted) - Math.min(...predicted)).toBeGreaterThan(0.6 * K * 100);
  });

  it('predicts idle + k·u at a planned utilisation, holding the other drivers at their median', () => {
    for (const u of [10, 50, 80]) {
      const plan = predictPowerAt(model, { 'GPU utilisation': u });
      expect(plan.mean).toBeGreaterThan((IDLE + K * u) * 0.95);
      expect(plan.mean).toBeLessThan((IDLE + K * u) * 1.05);
      expect(plan.power).toHaveLength(168);
      expect(plan.timestamps[0]).toBe(T0 + train * HOUR);
      expect(plan.heldAtMedian).toEqual(['noise']);
      expect(plan.outsideRange).toEqual([]);
    }
  });

  it('says when a plan is beyond the utilisation it learnt from, where trees predict the edge', () => {
    const plan = predictPowerAt(model, { 'GPU utilisation': 150, noise: 50 });
    expect(plan.outsideRange).toEqual(['GPU utilisation']);
    expect(plan.heldAtMedian).toEqual([]);
    expect(plan.mean).toBeLessThan(IDLE + K * 100 * 1.05);
  });

  it('ranks the true driver first, over a noise driver and the calendar', () => {
    expect(model.importance[0]).toMatchObject({ feature: 'GPU utilisation', kind: 'driver' });
    expect(model.importance[0].share).toBeGreaterThan(0.85);
    const others = model.importance.slice(1);
    expect(others.map((f) => f.feature).sort()).toEqual(['day of week', 'hour of day', 'noise']);
    others.forEach((f) => expect(f.share).toBeLessThan(0.08));
    expect(model.importance.reduce((a, f) => a + f.share, 0)).toBeCloseTo(1, 10);
    // Shuffling utilisation costs tens of watts of error; shuffling noise next to nothing.
    expect(model.importance[0].errorIncrease).toBeGreaterThan(20);
  });

  it('reports held-out errors far below always predicting the mean', () => {
    const d = model.diagnostics;
    expect(d).toMatchObject({ rows: 600, trainingRows: 480, heldOutRows: 120, incompleteRows: 0, rowsLeftOut: 0 });
    expect(d.heldOut.r2).toBeGreaterThan(0.9);
    expect(d.heldOut.mae).toBeLessThan(d.baselineMae / 4);
    expect(model.driverRanges['GPU utilisation'].max).toBeLessThanOrEqual(100);
  });

  it('shares the importance between two real drivers and gives the calendar what only it explains', () => {
    const rnd = seededRandom(3);
    const temp = Float64Array.from(s.util, () => 18 + 10 * rnd.uniform());
    // Idle power is 40 W higher on weekdays (UTC): something neither driver shows.
    const power = Float64Array.from(s.power, (p, i) => {
      const weekday = new Date(s.timestamps[i]).getUTCDay();
      return p + 6 * (temp[i] - 18) + (weekday >= 1 && weekday <= 5 ? 40 : 0);
    });
    const m = fitDriverModel({
      power: series(s.timestamps, power),
      drivers: { util: series(s.timestamps, s.util), inlet: series(s.timestamps, temp) },
      options: { timeZone: 'UTC' },
    });
    const share = Object.fromEntries(m.importance.map((f) => [f.feature, f.share]));
    expect(m.importance[0].feature).toBe('util');
    expect(share.inlet).toBeGreaterThan(0.05);
    expect(share['day of week']).toBeGreaterThan(0.03);
    expect(share['hour of day']).toBeLessThan(share['day of week']);
  });

  it('leaves out hours with a missing power or driver value, and counts them', () => {
    const util = Float64Array.from(s.util);
    const power = Float64Array.from(s.power);
    for (let i = 100; i < 130; i++) {
      util[i] = NaN;
    }
    power[200] = NaN;
    const m = fitDriverModel({
      power: series(s.timestamps, power),
      drivers: { util: series(s.timestamps, util) },
      options: { calendar: false },
    });
    expect(m.diagnostics.incompleteRows).toBe(31);
    expect(m.diagnostics.rows).toBe(689);
    expect(m.importance.map((f) => f.feature)).toEqual(['util']);
    expect(m.predict({ timestamps: [T0], drivers: { util: [NaN] } })[0]).toBeNaN();
  });

  it('keeps the latest maxRows rows and trains every tree on at most rowsPerTree of them', () => {
    const m = fitDriverModel({
      power: series(s.timestamps, s.power),
      drivers: { util: series(s.timestamps, s.util) },
      options: { maxRows: 200, rowsPerTree: 64, trees: 10 },
    });
    expect(m.diagnostics).toMatchObject({ rows: 200, rowsLeftOut: 520, rowsPerTree: 64, trees: 10 });
    expect(m.trainedFrom).toBe(s.timestamps[520]);
    expect(m.trainedUntil).toBe(s.timestamps[719]);
  });

  it('gives the same model for the same input', () => {
    const again = fitOnTraining();
    expect(again.importance).toEqual(model.importance);
    expect(predictPowerAt(again, { 'GPU utilisation': 33 }).mean).toBe(
      predictPowerAt(model, { 'GPU utilisation': 33 }).mean
    );
  });

  it('models a constant power as that constant', () => {
    const flat = new Float64Array(100).fill(120);
    const m = fitDriverModel({
      power: series(s.timestamps.subarray(0, 100), flat),
      drivers: { util: series(s.timestamps.subarray(0, 100), s.util.subarray(0, 100)) },
    });
    expect(predictPowerAt(m, { util: 90 }).mean).toBe(120);
    expect(m.importance.every((f) => f.share === 0)).toBe(true);
  });
});

describe('fitDriverModel on bad input', () => {
  const s = server(200);
  const power = series(s.timestamps, s.power);
  const util = series(s.timestamps, s.util);

  it('refuses a driver on another time grid', () => {
    expect(
      codeOf(() => fitDriverModel({ power, drivers: { util: series(s.timestamps.subarray(1), s.util.subarray(1)) } }))
    ).toBe('LENGTH_MISMATCH');
    const shifted = Float64Array.from(s.timestamps, (t) => t + 60_000);
    expect(() => fitDriverModel({ power, drivers: { util: series(shifted, s.util) } })).toThrow(
      /Driver "util" is on another time grid than the power/
    );
  });

  it('refuses too short a history, naming how many hours it had', () => {
    const short = (n: number) =>
      fitDriverModel({
        power: series(s.timestamps.subarray(0, n), s.power.subarray(0, n)),
        drivers: { util: series(s.timestamps.subarray(0, n), s.util.subarray(0, n)) },
      });
    expect(() => short(40)).toThrow(/Only 40 time\(s\) have the power and every driver \(util\)/);
    expect(codeOf(() => short(40))).toBe('BAD_INPUT');
    expect(codeOf(() => short(48))).toBeUndefined();
  });

  it('refuses a driver or a power without a single value, and no drivers at all', () => {
    const empty = series(s.timestamps, new Float64Array(200).fill(NaN));
    expect(() => fitDriverModel({ power, drivers: { util, gpu: empty } })).toThrow(/Driver "gpu" has no values/);
    expect(codeOf(() => fitDriverModel({ power: empty, drivers: { util } }))).toBe('EMPTY_SERIES');
    expect(codeOf(() => fitDriverModel({ power, drivers: {} }))).toBe('BAD_INPUT');
    expect(codeOf(() => fitDriverModel({ power, drivers: null as unknown as Record<string, Series> }))).toBe(
      'BAD_INPUT'
    );
  });

  it('refuses options out of their bounds', () => {
    for (const options of [
      { trees: 0 },
      { trees: 1000 },
      { rowsPerTree: 5 },
      { maxDepth: 40 },
      { holdout: 0.9 },
      { timeZone: 'Mars/Base' },
    ]) {
      expect(codeOf(() => fitDriverModel({ power, drivers: { util }, options }))).toBe('BAD_OPTION');
    }
  });

  it('refuses a plan for a driver the model does not have, or a value that is not a number', () => {
    const m = fitDriverModel({ power, drivers: { util }, options: { trees: 5 } });
    expect(() => predictPowerAt(m, { cpu: 50 })).toThrow(/no driver "cpu"; it was fitted with "util"/);
    expect(codeOf(() => predictPowerAt(m, { util: NaN }))).toBe('BAD_OPTION');
    expect(codeOf(() => m.predict({ timestamps: [T0, T0 + HOUR], drivers: { util: [1] } }))).toBe('LENGTH_MISMATCH');
    expect(codeOf(() => m.predict({ timestamps: [T0], drivers: {} }))).toBe('BAD_INPUT');
    // Names Object.prototype answers to are not drivers.
    expect(codeOf(() => predictPowerAt(m, { constructor: 1 } as Record<string, number>))).toBe('BAD_OPTION');
  });

  it('returns a model or throws EcotiMlError, never anything else, whatever it is given', () => {
    const anyValue = fc.oneof(
      fc.double(),
      fc.constantFrom(NaN, Infinity, 1e300, null, undefined, '5', {}),
      fc.integer({ min: 0, max: 300 })
    );
    fc.assert(
      fc.property(
        fc.array(anyValue, { minLength: 40, maxLength: 120 }),
        fc.array(anyValue, { minLength: 40, maxLength: 120 }),
        (pv, uv) => {
          const n = Math.max(pv.length, uv.length);
          const ts = Array.from({ length: n }, (_, i) => T0 + i * HOUR);
          try {
            const m = fitDriverModel({
              power: { timestamps: ts, values: pv as number[] },
              drivers: { util: { timestamps: ts, values: uv as number[] } },
              options: { trees: 3 },
            });
            const plan = predictPowerAt(m, { util: 50 });
            expect(Number.isFinite(plan.mean)).toBe(true);
          } catch (e) {
            expect(e).toBeInstanceOf(EcotiMlError);
          }
        }
      ),
      { numRuns: 60 }
    );
  });
});
