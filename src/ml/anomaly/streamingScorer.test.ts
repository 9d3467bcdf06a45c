import { STREAMING_ANOMALY_DEFAULTS, StreamingAnomalyScorer } from './streamingScorer';
import { dailySeries, gaussian, lcg } from './testSeries';

const MINUTE = 60_000;

/** Points after `at` until the first alert-level score (-1: none), on minute-step noise changed from `at` on. */
function pointsToAlert(seed: number, at: number, value: (i: number, noise: number) => number): number {
  const noise = gaussian(seed);
  const scorer = new StreamingAnomalyScorer({ stepMs: MINUTE });
  for (let i = 0; i < at + 1000; i++) {
    if (scorer.push(i * MINUTE, value(i, noise())) >= STREAMING_ANOMALY_DEFAULTS.alertLevel && i >= at) {
      return i - at;
    }
  }
  return -1;
}

describe('StreamingAnomalyScorer', () => {
  it('alerts once per incident: repeats right after an alert are damped below the alert level', () => {
    const s = dailySeries(28);
    const start = 20 * 24;
    for (let i = start; i < start + 12; i++) {
      s.values[i] += 80;
    }
    const damped = new StreamingAnomalyScorer();
    const raw = new StreamingAnomalyScorer({ suppressSteps: 0 });
    const alerts: number[] = [];
    let rawHigh = 0;
    s.values.forEach((v, i) => {
      if (damped.push(s.timestamps[i], v) >= 0.5) {
        alerts.push(i);
      }
      if (raw.push(s.timestamps[i], v) >= 0.5) {
        rawHigh++;
      }
    });
    expect(alerts).toEqual([start]);
    expect(rawHigh).toBeGreaterThan(3);
  });

  it('models a value beyond ±1e30 as that bound: flags it, alerts on it, and keeps its state finite', () => {
    const s = dailySeries(10, 4);
    const scorer = new StreamingAnomalyScorer();
    const glitch = 8 * 24;
    let scoreAtGlitch = 0;
    s.values.forEach((v, i) => {
      const score = scorer.push(s.timestamps[i], i === glitch ? -1.7e308 : v);
      expect(scorer.lastClipped).toBe(i === glitch);
      expect([score, scorer.lastExpected, scorer.lastResidualZ, scorer.lastLevelZ].every(Number.isFinite)).toBe(true);
      if (i === glitch) {
        scoreAtGlitch = score;
      }
    });
    expect(scoreAtGlitch).toBe(1);
    // Back to ordinary values, the model still expects the daily cycle it learnt.
    expect(Math.abs(scorer.lastExpected - s.values[s.values.length - 1])).toBeLessThan(15);
  });

  it('refuses options that are not an object', () => {
    expect(() => new StreamingAnomalyScorer(null as never)).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
  });

  it('learns nothing from missing values: the other scores are the same as without them', () => {
    const s = dailySeries(10, 9);
    const a = new StreamingAnomalyScorer();
    const b = new StreamingAnomalyScorer();
    s.values.forEach((v, i) => {
      const t = s.timestamps[i];
      expect(b.push(t, NaN)).toBe(0);
      expect(b.push(t, v)).toBe(a.push(t, v));
    });
  });

  it('exposes the expected value of the seasonal model once two days are known', () => {
    const s = dailySeries(10, 2);
    const scorer = new StreamingAnomalyScorer();
    s.values.forEach((v, i) => scorer.push(s.timestamps[i], v));
    expect(scorer.lastMature).toBe(true);
    // The series' last point is 23:00, where the daily cycle is at 100 + 40·sin(2π·23/24) ≈ 89.6.
    expect(Math.abs(scorer.lastExpected - 89.6)).toBeLessThan(5);
  });

  it('alerts on a sustained 2σ level shift within 30 points, though no single point of it is surprising', () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const k = pointsToAlert(seed, 3000, (i, e) => 50 + e + (i >= 3000 ? 2 : 0));
      expect(k).toBeGreaterThanOrEqual(0);
      expect(k).toBeLessThanOrEqual(30);
    }
  });

  it('alerts within 60 points when 6σ spikes become twenty times as frequent (1% of points to 20%)', () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const rnd = lcg(seed + 1000);
      const k = pointsToAlert(seed, 3000, (i, e) => 50 + e + (rnd() < (i >= 3000 ? 0.2 : 0.01) ? 6 : 0));
      expect(k).toBeGreaterThanOrEqual(0);
      expect(k).toBeLessThanOrEqual(60);
    }
  });

  it('alerts at most 5 times in 20,000 points of pure noise at the default alert level', () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const noise = gaussian(seed);
      const scorer = new StreamingAnomalyScorer({ stepMs: MINUTE });
      let alerts = 0;
      for (let i = 0; i < 20_000; i++) {
        if (scorer.push(i * MINUTE, 50 + noise()) >= STREAMING_ANOMALY_DEFAULTS.alertLevel) {
          alerts++;
        }
      }
      expect(alerts).toBeLessThanOrEqual(5);
    }
  });
});
