/** @jest-environment ./engine/testing/nodeEnvironment.js */
import { RegularHistory } from './history';
import {
  addEnergy,
  correctLevel,
  forecastAt,
  LEVEL_ALPHA,
  LEVEL_HALF_LIFE_MS,
  levelOffsetAt,
  newSeriesState,
  SeriesState,
  toModelValue,
} from './series';

const STEP = 300_000;
const T0 = Date.UTC(2024, 4, 1);

/** A state whose forecast is a flat 100 W with a ±19.6 W band (σ = 10 W) from T0 on. */
function flatForecastState(): SeriesState {
  const s = newSeriesState('k', { rack: 'a' }, 1, 100, STEP, 0);
  const n = 50;
  s.forecast = {
    origin: T0,
    stepMs: STEP,
    mean: new Float32Array(n).fill(100),
    lower: new Float32Array(n).fill(80.4),
    upper: new Float32Array(n).fill(119.6),
    z: 1.96,
    method: 'test',
    seasonalities: [],
  };
  return s;
}

describe('regular history ring buffer', () => {
  it('keeps the newest points, fills skipped steps with NaN, ignores re-sent ones and sends from the first observed', () => {
    const h = new RegularHistory(4, STEP);
    h.push(T0, 1);
    h.push(T0 + STEP, 2);
    h.push(T0 + 3 * STEP, 4);
    expect(h.push(T0 + 3 * STEP, 99)).toBe(false);
    const a = h.toSeries();
    expect(Array.from(a.values)).toEqual([1, 2, NaN, 4]);
    expect(a.timestamps[0]).toBe(T0);
    h.push(T0 + 4 * STEP, 5);
    h.push(T0 + 5 * STEP, 6);
    expect(h.length).toBe(4);
    // The ML core gets the series from its first observation: the gap the window slid into is not sent.
    const b = h.toSeries();
    expect(Array.from(b.values)).toEqual([4, 5, 6]);
    expect(b.timestamps[0]).toBe(T0 + 3 * STEP);
    expect(h.lastFinite()).toBe(6);
    // Nothing observed: all of it, for the ML core to say so.
    const unobserved = new RegularHistory(2, STEP);
    unobserved.push(T0, NaN);
    expect(Array.from(unobserved.toSeries().values)).toEqual([NaN]);
  });
});

describe('incremental updates between refits', () => {
  it('moves the forecast level toward a sustained shift: 90% of it after 12 steps', () => {
    const s = flatForecastState();
    for (let k = 1; k <= 12; k++) {
      correctLevel(s, T0 + k * STEP, 125);
    }
    // Each update adds α of the residual to the correction faded over the one step since the last.
    const fade = 0.5 ** (STEP / LEVEL_HALF_LIFE_MS);
    let expected = 0;
    for (let k = 1; k <= 12; k++) {
      expected = expected * fade + LEVEL_ALPHA * (25 - expected * fade);
    }
    expect(s.levelOffset).toBeCloseTo(expected, 6);
    expect(expected / 25).toBeGreaterThan(0.9);
    expect(forecastAt(s, T0 + 20 * STEP)!.mean).toBeCloseTo(100 + s.levelOffset * fade ** 8, 4);
  });

  it('fades the correction over the forecast ahead: half of it a half-life after the last observation', () => {
    const s = flatForecastState();
    for (let k = 1; k <= 12; k++) {
      correctLevel(s, T0 + k * STEP, 125);
    }
    const last = T0 + 12 * STEP;
    expect(forecastAt(s, last)!.mean).toBeCloseTo(100 + s.levelOffset, 6);
    expect(levelOffsetAt(s, last + LEVEL_HALF_LIFE_MS)).toBeCloseTo(s.levelOffset / 2, 6);
    expect(levelOffsetAt(s, last + 10 * LEVEL_HALF_LIFE_MS)).toBeLessThan(s.levelOffset / 1000);
  });

  it('clips a lone spike at 4 σ so it moves the level by at most 0.2 × 40 W, but follows a second one', () => {
    const s = flatForecastState();
    correctLevel(s, T0 + STEP, 10_000);
    expect(s.levelOffset).toBeCloseTo(LEVEL_ALPHA * 40, 4);
    correctLevel(s, T0 + 2 * STEP, 100);
    const afterSpike = s.levelOffset;
    expect(afterSpike).toBeLessThan(LEVEL_ALPHA * 40);
    // A shift of 30 σ: the first point is clipped, the next ones count in full.
    correctLevel(s, T0 + 3 * STEP, 400);
    correctLevel(s, T0 + 4 * STEP, 400);
    expect(s.levelOffset).toBeGreaterThan(afterSpike + LEVEL_ALPHA * 40 + LEVEL_ALPHA * 250);
  });

  it('interpolates the path between steps and stops at its end', () => {
    const s = flatForecastState();
    s.forecast!.mean[0] = 100;
    s.forecast!.mean[1] = 200;
    expect(forecastAt(s, T0 + 1.5 * STEP)!.mean).toBeCloseTo(150, 4);
    expect(forecastAt(s, T0 + 50 * STEP)).toBeDefined();
    expect(forecastAt(s, T0 + 51 * STEP)).toBeUndefined();
  });

  it('turns an energy counter into average watts per step, reading a drop as a reset', () => {
    const s = newSeriesState('k', {}, 1, 10, STEP, 0);
    expect(toModelValue(s, 'energy_counter_joules', T0, 1_000_000)).toBeNaN();
    expect(toModelValue(s, 'energy_counter_joules', T0 + STEP, 1_030_000)).toBeCloseTo(100, 9);
    expect(toModelValue(s, 'energy_counter_joules', T0 + 2 * STEP, 15_000)).toBeCloseTo(50, 9);
    // Below zero is no restart (the ML core's rule, the data source's too): unknown, never negative power.
    expect(toModelValue(s, 'energy_counter_joules', T0 + 3 * STEP, -5)).toBeNaN();
    const k = newSeriesState('k', {}, 1, 10, STEP, 0);
    toModelValue(k, 'energy_counter_kwh', T0, 10);
    expect(toModelValue(k, 'energy_counter_kwh', T0 + STEP, 10.1)).toBeCloseTo((0.1 * 3.6e6) / 300, 6);
    expect(toModelValue(k, 'power', T0, 42)).toBe(42);
  });

  it('accumulates the month energy and starts over in a new month', () => {
    const s = newSeriesState('k', {}, 1, 10, STEP, 0);
    const may = { start: Date.UTC(2024, 4, 1) };
    addEnergy(s, T0 + STEP, 1200, STEP, may, false);
    addEnergy(s, T0 + 2 * STEP, 1200, STEP, may, true);
    addEnergy(s, T0 + 2 * STEP, 1200, STEP, may, true);
    expect(s.month!.kWh).toBeCloseTo(0.2, 9);
    expect(s.month!.peakKWh).toBeCloseTo(0.1, 9);
    addEnergy(s, Date.UTC(2024, 5, 1, 0, 5), 600, STEP, { start: Date.UTC(2024, 5, 1) }, false);
    expect(s.month!.kWh).toBeCloseTo(0.05, 9);
  });
});
