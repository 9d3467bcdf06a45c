import { forecast } from '../index';
import { AUTO_SETTINGS, BandSettings } from './autoSettings';
import { Band, withSeasonalSpread } from './intervals';
import { dailySeries, seededRandom } from '../testing/seededRandom';

const HOUR = 3_600_000;

/** An hourly GPU server: idle near 30 W, jobs of a day or two at about 250 W starting every few days. */
function burstyServer(length: number, seed: number): Float64Array {
  const rnd = seededRandom(seed);
  const y = new Float64Array(length);
  let busy = false;
  for (let i = 0; i < length; i++) {
    if (busy ? rnd.uniform() < 1 / 36 : rnd.uniform() < 1 / 96) {
      busy = !busy;
    }
    y[i] = busy ? 250 + 5 * rnd.normal() : 30 + rnd.normal();
  }
  return y;
}

/** A daily cycle with Student-t noise of 3 degrees of freedom: rare errors many times the typical one. */
function heavyTailed(length: number, seed: number): Float64Array {
  const rnd = seededRandom(seed);
  const t3 = () => {
    const z = rnd.normal();
    const chi = rnd.normal() ** 2 + rnd.normal() ** 2 + rnd.normal() ** 2;
    return z / Math.sqrt(chi / 3);
  };
  return Float64Array.from({ length }, (_, i) => 100 + 20 * Math.sin((2 * Math.PI * i) / 24) + 3 * t3());
}

/** Share of the points after each origin that fall inside the 95% band, over seeds and origins. */
function coverage(make: (length: number, seed: number) => Float64Array, horizon: number, seeds = 8) {
  let inside = 0;
  let total = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const y = make(720 + 3 * 168, seed);
    for (const o of [720, 720 + 168, 720 + 2 * 168]) {
      const values = y.slice(o - 720, o);
      const f = forecast({ timestamps: Float64Array.from(values, (_, i) => i * HOUR), values }, { horizon });
      for (let h = 0; h < horizon; h++) {
        inside += y[o + h] >= f.lower[h] && y[o + h] <= f.upper[h] ? 1 : 0;
        total++;
      }
    }
  }
  return inside / total;
}

describe('95% bands', () => {
  it('hold 92–98% a week ahead on a bursty server, and no less than 86% a day ahead', () => {
    // A day ahead the band misses the first hours of jobs that start without warning (0.88 here): a job's start
    // is as likely in any hour, and covering it from the first hour would need a band reaching 250 W at all times.
    expect(coverage(burstyServer, 24)).toBeGreaterThan(0.86);
    const week = coverage(burstyServer, 168);
    expect(week).toBeGreaterThan(0.92);
    expect(week).toBeLessThan(0.98);
  });

  it('hold 93–99% under heavy-tailed (Student-t, 3 degrees of freedom) noise, a day and a week ahead', () => {
    for (const horizon of [24, 168]) {
      const c = coverage(heavyTailed, horizon);
      expect(c).toBeGreaterThan(0.93);
      expect(c).toBeLessThan(0.99);
    }
  });

  it('do not over-cover a smooth daily series', () => {
    for (const horizon of [24, 168]) {
      const c = coverage((length, seed) => dailySeries(length, { noise: 2, seed }).values, horizon);
      expect(c).toBeGreaterThan(0.93);
      expect(c).toBeLessThan(0.985);
    }
  });
});

describe('the seasonal-change prior', () => {
  // A daily cycle whose day-to-day changes are large: its prior is wide, the calibrated band here narrow.
  const y = Float64Array.from(
    { length: 720 },
    (_, i) => 100 + 20 * Math.sin((2 * Math.PI * i) / 24) + (i % 48 < 24 ? 15 : -15)
  );
  const narrow: Band = { below: new Float64Array(24).fill(1), above: new Float64Array(24).fill(1) };
  const base: BandSettings = { ...AUTO_SETTINGS.band, priorFloor: 0, priorTailShare: 1 };

  it('widens the band to the window’s seasonal changes (union), at seasonal naive’s scale with priorFloor 1', () => {
    const union = withSeasonalSpread(narrow, y, [24], 0.95, 12, 1, { ...base, combine: 'union' });
    expect(union.above[0]).toBeCloseTo(30, 0);
    expect(union.below[0]).toBeCloseTo(30, 0);
    const floorOnly = withSeasonalSpread(narrow, y, [24], 0.95, 12, 0.5, { ...base, priorFloor: 1 });
    expect(floorOnly.above[0]).toBeCloseTo(union.above[0], 6);
  });

  it('leans less on the prior the more backtest windows stand behind the band (union-scaled)', () => {
    const many = withSeasonalSpread(narrow, y, [24], 0.95, 8, 1, { ...base, combine: 'union-scaled', priorBlocks: 2 });
    const few = withSeasonalSpread(narrow, y, [24], 0.95, 2, 1, { ...base, combine: 'union-scaled', priorBlocks: 2 });
    expect(many.above[0]).toBeCloseTo(15, 0); // √(2/8) of the prior
    expect(few.above[0]).toBeCloseTo(30, 0);
  });
});
