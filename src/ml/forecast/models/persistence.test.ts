import { forecast } from '../../index';
import { seededRandom } from '../../testing/seededRandom';
import { drift, lastSeasonMean, naive, recentMedian } from './persistence';

const HOUR = 3_600_000;

function hourly(values: Float64Array) {
  return { timestamps: Float64Array.from(values, (_, i) => i * HOUR), values };
}

/** Mean absolute error of `method` forecasting `horizon` steps after each of `origins`. */
function mae(values: Float64Array, origins: number[], horizon: number, method: string, seasonalities?: number[]) {
  let sum = 0;
  for (const o of origins) {
    const f = forecast(hourly(values.slice(0, o)), { horizon, method, seasonalities });
    for (let h = 0; h < horizon; h++) {
      sum += Math.abs(f.mean[h] - values[o + h]);
    }
  }
  return sum / (origins.length * horizon);
}

const ORIGINS = [400, 450, 500, 550, 600, 650];

describe('forecasts that need no model', () => {
  it('persistence repeats the last value; drift extends the line through the first and last points', () => {
    const y = Float64Array.from([3, 5, 4, 9]);
    expect(Array.from(naive.fit(y, []).predict(3))).toEqual([9, 9, 9]);
    expect(Array.from(drift.fit(y, []).predict(3))).toEqual([11, 13, 15]);
  });

  it('the last-season mean averages the shortest season; the recent median spans two of them', () => {
    const y = Float64Array.from([100, 100, 100, 1, 2, 3, 4]);
    expect(lastSeasonMean.fit(y, [2]).predict(2)[0]).toBe(3.5);
    expect(recentMedian.fit(y, [2]).predict(1)[0]).toBe(2.5);
    // Without a season, a thirtieth of the window (at least one point).
    expect(lastSeasonMean.fit(y, []).predict(1)[0]).toBe(4);
  });

  it('persistence beats seasonal naive on a random walk', () => {
    const rnd = seededRandom(11);
    const walk = new Float64Array(720);
    for (let i = 1; i < walk.length; i++) {
      walk[i] = walk[i - 1] + rnd.normal();
    }
    const persistence = mae(walk, ORIGINS, 24, 'naive');
    const seasonal = mae(walk, ORIGINS, 24, 'seasonal-naive', [24]);
    // A random walk's best forecast is its last value; a day-old copy adds a day of steps to every error.
    expect(persistence).toBeLessThan(0.8 * seasonal);
  });

  it('the mean of the last season beats persistence and seasonal naive on a noisy periodic series', () => {
    const rnd = seededRandom(12);
    const y = Float64Array.from(
      { length: 720 },
      (_, i) => 50 + 1 * Math.sin((2 * Math.PI * i) / 24) + 5 * rnd.normal()
    );
    const mean = mae(y, ORIGINS, 24, 'last-season-mean', [24]);
    // Copying one point or one noisy day doubles the noise variance; averaging a day nearly removes it.
    expect(mean).toBeLessThan(0.8 * mae(y, ORIGINS, 24, 'naive', [24]));
    expect(mean).toBeLessThan(0.8 * mae(y, ORIGINS, 24, 'seasonal-naive', [24]));
  });

  it('drift continues a linear trend exactly, and beats persistence on a noisy one', () => {
    const line = Float64Array.from({ length: 200 }, (_, i) => 7 + 0.5 * i);
    const f = forecast(hourly(line), { horizon: 10, method: 'drift' });
    f.mean.forEach((m, h) => expect(m).toBeCloseTo(7 + 0.5 * (200 + h), 9));
    const rnd = seededRandom(13);
    const noisy = Float64Array.from({ length: 720 }, (_, i) => 0.5 * i + rnd.normal());
    expect(mae(noisy, ORIGINS, 24, 'drift')).toBeLessThan(0.5 * mae(noisy, ORIGINS, 24, 'naive'));
  });

  it('the recent median ignores a burst of a few hours at the end of the window', () => {
    const y = new Float64Array(720).fill(30);
    y.fill(250, 716);
    expect(recentMedian.fit(y, [24]).predict(1)[0]).toBe(30);
    expect(naive.fit(y, [24]).predict(1)[0]).toBe(250);
  });

  it('auto picks persistence on a step function (level shifts, flat between)', () => {
    for (const seed of [1, 2, 3]) {
      const rnd = seededRandom(seed);
      const y = new Float64Array(720);
      let level = 100;
      for (let i = 0; i < y.length; i++) {
        if (rnd.uniform() < 1 / 60) {
          level = 50 + 200 * rnd.uniform();
        }
        y[i] = level + 0.01 * rnd.normal();
      }
      const f = forecast(hourly(y), { horizon: 24 });
      expect(f.model.name).toBe('naive');
      expect(f.mean[23]).toBeCloseTo(y[719], 6);
    }
  });
});
