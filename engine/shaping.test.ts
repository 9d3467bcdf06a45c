/** @jest-environment ./engine/testing/nodeEnvironment.js */
import { forecastAt, newSeriesState, SeriesState } from './series';
import { forecastMaxSamples, forecastSamples, monthEnergyForecast, timeToThreshold } from './shaping';

const STEP = 300_000;
const T0 = Date.UTC(2024, 4, 10, 12);

/** Forecast rising 1 W per step from 1000 W (mean), band ±50 W, 288 steps. */
function rising(): SeriesState {
  const s = newSeriesState('k', { rack: 'rack-a' }, 1, 100, STEP, 0);
  const n = 288;
  const mean = Float32Array.from({ length: n }, (_, i) => 1001 + i);
  s.forecast = {
    origin: T0,
    stepMs: STEP,
    mean,
    lower: mean.map((v) => v - 50),
    upper: mean.map((v) => v + 50),
    z: 1.96,
    method: 'test',
    seasonalities: [],
  };
  s.history.push(T0, 1000);
  return s;
}

describe('metric shaping', () => {
  it('exports the forecast at now + horizon for each bound, with the series labels', () => {
    const s = rising();
    const samples = forecastSamples('rack_power', s, T0, [{ ms: 3_600_000, label: '1h' }]);
    expect(samples).toEqual([
      { labels: { rack: 'rack-a', target: 'rack_power', horizon: '1h', bound: 'mean' }, value: 1012 },
      { labels: { rack: 'rack-a', target: 'rack_power', horizon: '1h', bound: 'lower' }, value: 962 },
      { labels: { rack: 'rack-a', target: 'rack_power', horizon: '1h', bound: 'upper' }, value: 1062 },
    ]);
    // 48 h is beyond the path: nothing rather than a made-up number.
    expect(forecastSamples('rack_power', s, T0, [{ ms: 48 * 3_600_000, label: '48h' }])).toEqual([]);
  });

  it('finds the highest forecast within the horizon', () => {
    const s = rising();
    s.forecast!.mean[5] = 5000;
    const max = forecastMaxSamples('rack_power', s, T0, [{ ms: 3_600_000, label: '1h' }]);
    expect(max.find((m) => m.labels.bound === 'mean')!.value).toBe(5000);
    const later = forecastMaxSamples('rack_power', s, T0 + 7 * STEP, [{ ms: 3_600_000, label: '1h' }]);
    // The path holds 1000 + k at T0 + k steps; the window ends at step 7 + 12.
    expect(later.find((m) => m.labels.bound === 'mean')!.value).toBe(1000 + 19);
  });

  it('computes the time to a threshold per bound, interpolating between steps', () => {
    const s = rising();
    // mean reaches 1100.5 half-way between steps 99 and 100 (values 1100 and 1101).
    const t = timeToThreshold(s, T0, 1100.5, 'above');
    expect(t.mean).toBeCloseTo((100 * STEP + STEP / 2) / 1000, 3);
    expect(t.upper).toBeCloseTo((50 * STEP + STEP / 2) / 1000, 3);
    expect(t.lower).toBeCloseTo((150 * STEP + STEP / 2) / 1000, 3);
    expect(timeToThreshold(s, T0, 2000, 'above').mean).toBe(Infinity);
    expect(timeToThreshold(s, T0, 990, 'above').mean).toBe(0);
    // Falling below a floor: the lower bound gets there first.
    expect(timeToThreshold(s, T0, 960, 'below').lower).toBeCloseTo(0, 6);
    expect(timeToThreshold(s, T0, 960, 'below').mean).toBe(Infinity);
  });

  it('counts down from the level-corrected forecast at now, between two steps', () => {
    const s = rising();
    // A correction of 10 W learnt at now; it fades over the path ahead (levelOffsetAt).
    const now = T0 + 10.5 * STEP;
    s.levelOffset = 10;
    s.levelAt = now;
    // Half-way to step 11: the corrected mean is 1020.5 at now and just under 1021 at the next step.
    const next = T0 + 11 * STEP;
    const [m0, m1] = [forecastAt(s, now)!.mean, forecastAt(s, next)!.mean];
    expect(m0).toBeCloseTo(1020.5, 6);
    const t = timeToThreshold(s, now, 1020.75, 'above');
    expect(t.mean).toBeCloseTo(((1020.75 - m0) / (m1 - m0)) * ((next - now) / 1000), 6);
    expect(t.upper).toBe(0);
    // The lower bound (mean − 50) reaches the threshold some fifty steps on, where the time says.
    expect(t.lower).toBeGreaterThan((50 * STEP) / 1000);
    expect(forecastAt(s, now + t.lower * 1000)!.lower).toBeCloseTo(1020.75, 2);
  });

  it('adds the forecast to the rest of the month to what was measured so far', () => {
    const s = rising();
    const n = 24;
    s.forecast!.mean = new Float32Array(n).fill(1200);
    s.forecast!.lower = new Float32Array(n).fill(1000);
    s.forecast!.upper = new Float32Array(n).fill(1400);
    s.month = { start: Date.UTC(2024, 4, 1), kWh: 100, peakKWh: 10, until: T0 };
    // Two hours of path (1.2 kW → 2.4 kWh), then four more hours repeating the path's last "day" (all 1.2 kW).
    const e = monthEnergyForecast(s, T0 + 6 * 3_600_000)!;
    expect(e.mean).toBeCloseTo(100 + 1.2 * 6, 4);
    expect(e.lower).toBeCloseTo(100 + 1.0 * 6, 4);
    expect(e.upper).toBeCloseTo(100 + 1.4 * 6, 4);
  });
});
