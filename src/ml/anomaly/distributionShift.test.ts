import { DistributionShift } from './distributionShift';
import { gaussian } from './testSeries';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const shiftDetector = () => new DistributionShift(0.001, 100, 2000, 50, 0.5);

/** Points after `at` until the first score >= 0.5 (-1: never), for a noise series changed from `at` on. */
function pointsToDetect(seed: number, at: number, change: (noise: number) => number): number {
  const noise = gaussian(seed);
  const d = shiftDetector();
  for (let i = 0; i < at + 1000; i++) {
    const e = noise();
    if (d.push(i >= at ? change(e) : 50 + e, 1e-9, true) >= 0.5 && i >= at) {
      return i - at;
    }
  }
  return -1;
}

/** Points after `at` to the last score >= 0.5 (-1: none) over 5,000 points of `value(i, noise)`. */
function lastAlertAfter(seed: number, at: number, value: (i: number, noise: () => number) => number): number {
  const noise = gaussian(seed);
  const d = shiftDetector();
  let last = -1;
  for (let i = 0; i < 5000; i++) {
    if (d.push(value(i, noise), 1e-9, true) >= 0.5 && i >= at) {
      last = i - at;
    }
  }
  return last;
}

describe('DistributionShift', () => {
  it('finds a 2σ level shift within 40 points and a 3σ one within 20', () => {
    for (const seed of SEEDS) {
      const two = pointsToDetect(seed, 3000, (e) => 52 + e);
      const three = pointsToDetect(seed, 3000, (e) => 53 + e);
      expect(two).toBeGreaterThanOrEqual(0);
      expect(two).toBeLessThanOrEqual(40);
      expect(three).toBeGreaterThanOrEqual(0);
      expect(three).toBeLessThanOrEqual(20);
    }
  });

  it('finds a tripled spread around the same level within 30 points', () => {
    for (const seed of SEEDS) {
      const k = pointsToDetect(seed, 3000, (e) => 50 + 3 * e);
      expect(k).toBeGreaterThanOrEqual(0);
      expect(k).toBeLessThanOrEqual(30);
    }
  });

  it('takes a persisting new level as the reference after about one window: no alert 150 points on', () => {
    for (const seed of SEEDS) {
      const lastHigh = lastAlertAfter(seed, 3000, (i, noise) => 50 + noise() + (i >= 3000 ? 3 : 0));
      expect(lastHigh).toBeGreaterThanOrEqual(0);
      expect(lastHigh).toBeLessThan(150);
    }
  });

  it('does not take one enormous glitch as the reference: no alert 150 points after it', () => {
    for (const seed of SEEDS) {
      expect(lastAlertAfter(seed, 3000, (i, noise) => (i === 3000 ? 1e30 : 50 + noise()))).toBeLessThan(150);
    }
  });

  it('stays below 0.5 on at least 99.8% of 20,000 points of pure noise', () => {
    for (const seed of SEEDS) {
      const noise = gaussian(seed);
      const d = shiftDetector();
      let high = 0;
      for (let i = 0; i < 20_000; i++) {
        if (d.push(50 + noise(), 1e-9, true) >= 0.5) {
          high++;
        }
      }
      expect(high).toBeLessThanOrEqual(40);
    }
  });

  it('learns nothing from a point pushed with learn = false', () => {
    const noise = gaussian(9);
    const a = shiftDetector();
    const b = shiftDetector();
    for (let i = 0; i < 500; i++) {
      const v = 50 + noise();
      if (i === 300) {
        // A glitch scored but not learnt: the detector says it is far off and forgets it.
        expect(b.push(1e30, 1e-9, false)).toBeGreaterThan(0);
      }
      expect(b.push(v, 1e-9, true)).toBe(a.push(v, 1e-9, true));
    }
  });
});
