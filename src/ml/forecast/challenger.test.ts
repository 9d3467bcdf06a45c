import { forecast, ForecastChallenger } from '../index';
import { seededRandom } from '../testing/seededRandom';
import { AUTO_SETTINGS, forecastWithAutoSettings } from '../testing';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 0, 5);

/** A daily shape plus a weekly Monday spike that 10 days of history cannot teach auto, with noise. */
function shape(t: number): number {
  const hour = new Date(t).getUTCHours();
  const monday = new Date(t).getUTCDay() === 1;
  return 100 + 20 * Math.sin((2 * Math.PI * hour) / 24) + (monday && hour >= 8 && hour < 18 ? 60 : 0);
}

function series(hours: number, seed: number) {
  const rnd = seededRandom(seed);
  const timestamps = Float64Array.from({ length: hours }, (_, i) => START + i * HOUR);
  const values = Float64Array.from(timestamps, (t) => shape(t) + rnd.normal() * 2);
  return { timestamps, values };
}

/** Knows the shape from the calendar, as a model trained across a fleet would. */
const knowsTheWeek: ForecastChallenger = {
  name: 'fleet',
  predict: (history, horizon, lastTime, stepMs) =>
    Float64Array.from({ length: horizon }, (_, h) => shape(lastTime + (h + 1) * stepMs)),
};

const flat: ForecastChallenger = {
  name: 'fleet',
  predict: (_history, horizon) => new Float64Array(horizon),
};

describe('forecast with a challenger', () => {
  it('uses a challenger whose backtest beats auto, with a band calibrated on its errors', () => {
    const s = series(24 * 16, 1);
    const train = { timestamps: s.timestamps.subarray(0, 24 * 14), values: s.values.subarray(0, 24 * 14) };
    const f = forecast(train, { horizon: 48 }, knowsTheWeek);
    expect(f.challenge?.used).toBe(true);
    expect(f.challenge!.error).toBeLessThan(f.challenge!.autoError);
    expect(f.model.name).toBe('fleet');
    // The mean is the challenger's; the band is about ±2σ of the noise, not auto's width.
    expect(f.mean[10]).toBeCloseTo(shape(f.timestamps[10]), 6);
    expect(f.upper[10] - f.lower[10]).toBeGreaterThan(4);
    const actual = s.values.subarray(24 * 14);
    const inside = f.mean.filter((_, i) => actual[i] >= f.lower[i] && actual[i] <= f.upper[i]).length;
    expect(inside / 48).toBeGreaterThan(0.9);
  });

  it('keeps auto when the challenger backtests worse', () => {
    const s = series(24 * 14, 2);
    const f = forecast(s, { horizon: 24 }, flat);
    expect(f.challenge?.used).toBe(false);
    expect(f.challenge!.error).toBeGreaterThan(f.challenge!.autoError);
    expect(f.model.name).not.toBe('fleet');
    expect(f.mean[5]).toBeGreaterThan(50);
  });

  it('keeps auto when the challenger cannot forecast the history', () => {
    const s = series(24 * 14, 3);
    const f = forecast(s, { horizon: 24 }, { name: 'fleet', predict: () => null });
    expect(f.challenge?.used).toBe(false);
    expect(f.challenge!.error).toBeNaN();
    expect(f.model.name).not.toBe('fleet');
  });

  it('uses the challenger alone when the method names it, and falls back when it cannot forecast', () => {
    const s = series(24 * 14, 4);
    const f = forecast(s, { horizon: 24, method: 'fleet' }, flat);
    expect(f.model.name).toBe('fleet');
    expect(f.mean[3]).toBe(0);
    // Its band is calibrated on its (large) backtest errors: it reaches the series' level.
    expect(f.upper[3]).toBeGreaterThan(60);
    const g = forecast(s, { horizon: 24, method: 'fleet' }, { name: 'fleet', predict: () => null });
    expect(g.fallback?.from.name).toBe('fleet');
  });

  it('gives the challenger only the history before each backtest origin', () => {
    const s = series(24 * 14, 5);
    const seen: number[] = [];
    const spy: ForecastChallenger = {
      name: 'fleet',
      predict: (history, horizon, lastTime, stepMs) => {
        // The last value given is the one at lastTime: nothing after the origin leaks in.
        const i = (lastTime - START) / stepMs;
        expect(history.length).toBe(i + 1);
        expect(history[history.length - 1]).toBe(s.values[i]);
        seen.push(history.length);
        return new Float64Array(horizon).fill(100);
      },
    };
    forecast(s, { horizon: 24 }, spy);
    expect(seen.length).toBeGreaterThan(2);
    // The newest origin leaves the horizon to score; the flat challenger loses, so no final call.
    expect(Math.max(...seen)).toBe(s.values.length - 24);
    expect(Math.min(...seen)).toBeLessThanOrEqual(s.values.length / 2 + 1);
  });

  it('compares at the origins where a challenger with a long window can forecast', () => {
    const s = series(24 * 14, 6);
    const needsAWeek: ForecastChallenger = {
      name: 'fleet',
      predict: (history, horizon, lastTime, stepMs) =>
        history.length < 24 * 9 ? null : knowsTheWeek.predict(history, horizon, lastTime, stepMs),
    };
    const f = forecast(s, { horizon: 24 }, needsAWeek);
    expect(f.challenge?.used).toBe(true);
    expect(f.model.name).toBe('fleet');
  });

  it('with averageChallenger (off by default), averages the challenger with auto’s choice where the average backtests best', () => {
    // A challenger that errs exactly opposite to auto (it forecasts 2 × truth − auto's forecast): each alone
    // misses the Monday spike by as much, their average is the truth.
    const s = series(24 * 14, 8);
    const mirror: ForecastChallenger = {
      name: 'fleet',
      predict: (history, horizon, lastTime, stepMs) => {
        const timestamps = Float64Array.from(history, (_, i) => lastTime - (history.length - 1 - i) * stepMs);
        const auto = forecast({ timestamps, values: history }, { horizon }).mean;
        return Float64Array.from(auto, (a, h) => 2 * shape(lastTime + (h + 1) * stepMs) - a);
      },
    };
    // Off by default: the fleet bench saw the average help only on its reported origins.
    const byDefault = forecast(s, { horizon: 24 }, mirror);
    expect(byDefault.challenge?.averaged).toBeFalsy();
    expect(byDefault.model.name).not.toBe('ensemble');
    const f = forecastWithAutoSettings(s, { horizon: 24 }, { ...AUTO_SETTINGS, averageChallenger: true }, mirror);
    const c = f.challenge!;
    expect(c.averagedError).toBeLessThan(Math.min(c.error, c.autoError));
    expect(c).toMatchObject({ used: true, averaged: true });
    expect(f.model.name).toBe('ensemble');
    expect(f.model.components).toContain('fleet');
    const next = s.timestamps[s.timestamps.length - 1] + 7 * HOUR;
    expect(f.mean[6]).toBeCloseTo(shape(next), 6);
  });
});
