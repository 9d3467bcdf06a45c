// Validates the NAB scorer: rule by rule on toy files, then against the reference numbers of two deterministic
// detectors on the shared 35-file subset (skipped, with the reason, on a clone without ../shared).
import {
  every500Detector,
  loadNabCorpus,
  loadNabProfiles,
  NAB_PROFILE_NAMES,
  nabAvailable,
  windowStartDetector,
} from './data';
import { probationLength, rowWeights, scaledSigmoid, scoreCorpus } from './scorer';
import { missingDataMessage, SHARED_DATASETS } from '../datasets';

const standard = { tpWeight: 1, fpWeight: 0.11, fnWeight: 1 };

describe('NAB scorer rules', () => {
  const file = { name: 'toy', length: 1000, windows: [[400, 499] as [number, number]] };

  it('does not score the probationary 15% (at most 750 rows)', () => {
    expect(probationLength(1000)).toBe(150);
    expect(probationLength(22695)).toBe(750);
    const scores = new Float64Array(1000);
    scores[100] = 1; // inside probation: ignored, so "no detection" is best
    expect(scoreCorpus([file], [scores], standard).normalized).toBe(0);
  });

  it('rewards the first row of a window fully and later rows less; counts only the best detection', () => {
    const { weight, window } = rowWeights(file, standard);
    expect(weight[400]).toBeCloseTo(1, 12);
    expect(weight[499]).toBeCloseTo(scaledSigmoid(-1 / 100) / scaledSigmoid(-1), 12);
    expect(window[400]).toBe(0);
    expect(window[500]).toBe(-1);
    const scores = new Float64Array(1000);
    scores[450] = 1;
    scores[460] = 1;
    const r = scoreCorpus([file], [scores], standard);
    expect(r.tp).toBe(1);
    expect(r.raw).toBeCloseTo(weight[450], 12);
  });

  it('charges −fp before any window and less just after a window', () => {
    const { weight } = rowWeights(file, standard);
    expect(weight[200]).toBe(-0.11);
    expect(weight[500]).toBeCloseTo(0.11 * scaledSigmoid(1 / 99), 12);
    expect(weight[500]).toBeLessThan(0);
    expect(weight[500]).toBeGreaterThan(weight[900]);
  });
});

if (!nabAvailable()) {
  // jest runs describe bodies even when skipped, so nothing here may touch the files.
  describe('NAB scorer on the shared subset', () => {
    it.skip(missingDataMessage('NAB reference scores', `${SHARED_DATASETS}/NAB`), () => undefined);
  });
} else {
  describe('NAB scorer on the shared subset', () => {
    let files: ReturnType<typeof loadNabCorpus> = [];
    let profiles: ReturnType<typeof loadNabProfiles>;
    beforeAll(() => {
      files = loadNabCorpus();
      profiles = loadNabProfiles();
    });
    const score = (d: (f: (typeof files)[number]) => Float64Array) =>
      NAB_PROFILE_NAMES.map((p) => scoreCorpus(files, files.map(d), profiles[p]).normalized);

    it('has the 35 files', () => {
      expect(files).toHaveLength(35);
    });

    it('scores "1.0 on every 500th row" 24.09 / 0.00 / 35.46', () => {
      const [std, lowFp, lowFn] = score(every500Detector);
      expect(std).toBeCloseTo(24.09, 2);
      expect(lowFp).toBeCloseTo(0, 2);
      expect(lowFn).toBeCloseTo(35.46, 2);
    });

    it('scores "1.0 on the first row of each window" 100 on all profiles', () => {
      for (const s of score(windowStartDetector)) {
        expect(s).toBeCloseTo(100, 6);
      }
    });
  });
}
