import { StreamingAnomalyScorer } from './streamingScorer';
import { dailySeries } from './testSeries';

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
});
