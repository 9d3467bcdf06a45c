/** @jest-environment ./engine/testing/nodeEnvironment.js */
import { fitSeries, FitSettings, reusableChoice, zForLevel } from './fit';
import { forecastMethodFor } from './ml';
import { newSeriesState, SeriesState } from './series';

const STEP = 300_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2024, 4, 1);

/** A week of 5-minute power with a daily cycle; optionally +200 W over the last hour (a runaway job). */
function weekOfPower(shiftLastHour = 0, cap = Infinity): SeriesState {
  const s = newSeriesState('k', { rack: 'a' }, 1, 2016, STEP, 0);
  let seed = 7;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 2;
  for (let i = 0; i < 2016; i++) {
    const t = T0 + i * STEP;
    const v = 1000 + 150 * Math.sin((2 * Math.PI * i) / 288) + 10 * rnd() + (i >= 2016 - 12 ? shiftLastHour : 0);
    s.history.push(t, Math.min(cap, v));
  }
  return s;
}

const settings: FitSettings = {
  kind: 'power',
  pathSteps: 300,
  level: 0.95,
  method: 'auto',
  reselectMs: DAY,
  replaySteps: 12,
};

describe('refitting a series', () => {
  it('forecasts the daily cycle for the whole path, stored compactly', () => {
    const s = weekOfPower();
    const path = fitSeries(s, settings, T0 + 7 * DAY);
    expect(path.mean).toBeInstanceOf(Float32Array);
    expect(path.mean.length).toBe(300 + 12);
    // Next day's peak (a quarter of a day after midnight) is near 1150 W, its trough near 850 W.
    const at = (t: number) => path.mean[Math.round((t - path.origin) / STEP) - 1] + s.levelOffset;
    const lastT = T0 + 2015 * STEP;
    const dayStart = T0 + 7 * DAY;
    expect(at(dayStart + DAY / 4)).toBeGreaterThan(1100);
    expect(at(dayStart + (3 * DAY) / 4)).toBeLessThan(900);
    expect(lastT).toBeLessThan(dayStart);
    for (let i = 0; i < path.mean.length; i++) {
      expect(path.lower[i]).toBeLessThanOrEqual(path.mean[i]);
      expect(path.upper[i]).toBeGreaterThanOrEqual(path.mean[i]);
    }
  });

  it('starts from the current level after a recent shift, thanks to the replayed hour', () => {
    const shifted = weekOfPower(200);
    fitSeries(shifted, settings, T0 + 7 * DAY);
    const withoutReplay = weekOfPower(200);
    fitSeries(withoutReplay, { ...settings, replaySteps: 0 }, T0 + 7 * DAY);
    const next = T0 + 2016 * STEP;
    const expected = 1000 + 150 * Math.sin((2 * Math.PI * 2016) / 288) + 200;
    const err = (s: SeriesState) =>
      Math.abs(s.forecast!.mean[Math.round((next - s.forecast!.origin) / STEP) - 1] + s.levelOffset - expected);
    expect(shifted.levelOffset).toBeGreaterThan(150);
    expect(err(shifted)).toBeLessThan(40);
    expect(err(withoutReplay)).toBeGreaterThan(err(shifted));
  });

  it('keeps utilisation forecasts and bands within 0..1', () => {
    const s = newSeriesState('k', {}, 1, 2016, STEP, 0);
    for (let i = 0; i < 2016; i++) {
      s.history.push(T0 + i * STEP, Math.min(1, Math.max(0, 0.5 + 0.55 * Math.sin((2 * Math.PI * i) / 288))));
    }
    const path = fitSeries(s, { ...settings, kind: 'utilisation' }, T0 + 7 * DAY);
    expect(Math.max(...path.upper)).toBeLessThanOrEqual(1);
    expect(Math.min(...path.lower)).toBeGreaterThanOrEqual(0);
  });

  it("reuses auto's choice (one model or an ensemble) from its typed description until re-selection is due", () => {
    const now = T0 + 7 * DAY;
    const s = weekOfPower();
    s.chosenModel = { name: 'ensemble', components: ['seasonal-mean', 'linear'] };
    s.selectedAt = now - 1000;
    const reused = fitSeries(s, settings, now);
    expect(reused.method).toBe('ensemble(seasonal-mean+linear)');
    expect(s.selectedAt).toBe(now - 1000);
    expect(s.chosenModel).toEqual({ name: 'ensemble', components: ['seasonal-mean', 'linear'] });

    // A day later auto chooses again, and what it chose is kept as a model, not as a label.
    const later = now + DAY;
    const chosen = fitSeries(s, settings, later);
    expect(s.selectedAt).toBe(later);
    expect(s.chosenModel).toBeDefined();
    expect(forecastMethodFor(s.chosenModel!)).toBe(chosen.method);
  });

  it('does not keep a fallback as the chosen model, so the next refit chooses again', () => {
    const s = newSeriesState('k', {}, 1, 2016, STEP, 0);
    for (let i = 0; i < 2; i++) {
      s.history.push(T0 + i * STEP, 100 + i);
    }
    const path = fitSeries(s, { ...settings, replaySteps: 0 }, T0 + DAY);
    expect(path.method).toBe('seasonal-naive (fallback: 2 points are too few to backtest)');
    expect(s.chosenModel).toBeUndefined();
    expect(reusableChoice({ model: { name: 'mstl', seasonalities: [288] } })).toEqual({ name: 'mstl' });
  });

  it('turns interval levels into normal quantiles', () => {
    expect(zForLevel(0.95)).toBeCloseTo(1.96, 2);
    expect(zForLevel(0.8)).toBeCloseTo(1.2816, 2);
    expect(zForLevel(0.99)).toBeCloseTo(2.5758, 2);
  });
});
