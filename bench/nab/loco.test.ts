import { combine, corpusOf, crossValidate, grid, leaveOneCorpusOut } from './loco';
import { scoreAtThreshold, scoreCorpus } from './scorer';

const standard = { tpWeight: 1, fpWeight: 0.11, fnWeight: 1 };

describe('leaveOneCorpusOut', () => {
  const names = ['a/1.csv', 'b/1.csv', 'a/2.csv', 'c/1.csv', 'b/2.csv', 'b/3.csv'];

  it('holds out each corpus once, choosing on every other file and on no file of the held-out corpus', () => {
    const folds = leaveOneCorpusOut(names);
    expect(folds.map((f) => f.heldOut)).toEqual(['a', 'b', 'c']);
    expect(folds[0]).toEqual({ heldOut: 'a', train: [1, 3, 4, 5], test: [0, 2] });
    for (const fold of folds) {
      expect(fold.train.some((i) => corpusOf(names[i]) === fold.heldOut)).toBe(false);
      expect(fold.test.every((i) => corpusOf(names[i]) === fold.heldOut)).toBe(true);
      expect([...fold.train, ...fold.test].sort()).toEqual(names.map((_, i) => i));
    }
  });

  it('refuses a single corpus: there would be nothing to choose on', () => {
    expect(() => leaveOneCorpusOut(['a/1.csv', 'a/2.csv'])).toThrow(/two corpora/);
  });
});

describe('grid', () => {
  it('lists every combination, the first values first', () => {
    expect(grid({ x: [1, 2], y: ['p', 'q'] })).toEqual([
      { x: 1, y: 'p' },
      { x: 1, y: 'q' },
      { x: 2, y: 'p' },
      { x: 2, y: 'q' },
    ]);
  });
});

describe('crossValidate', () => {
  // Two corpora (x: two files, y: one), one window per file starting at row 500; a detector fires once per file.
  const file = (name: string) => ({ name, length: 1000, windows: [[500, 599] as [number, number]] });
  const files = [file('x/1.csv'), file('x/2.csv'), file('y/1.csv')];
  const fire = (at: number) => {
    const s = new Float64Array(1000);
    s[at] = 1;
    return s;
  };

  it('scores each held-out corpus with what the other corpora chose, even when it would choose otherwise', () => {
    // "good on x" finds x's windows but raises false alarms on y; "good on y" the reverse.
    const detect = (p: string, f: { name: string }) =>
      corpusOf(f.name) === 'x' ? fire(p === 'goodOnX' ? 500 : 300) : fire(p === 'goodOnY' ? 500 : 300);
    const r = crossValidate(files, ['goodOnX', 'goodOnY'], detect, { standard }).standard;
    const [x, y] = r.folds;
    expect(x.heldOut).toBe('x');
    expect(x.params).toBe('goodOnY');
    expect(y.params).toBe('goodOnX');
    // x held out, scored with the choice made on y: a false alarm and a missed window in each x file.
    expect(x.heldOutScore.tp).toBe(0);
    expect(x.heldOutScore.fp).toBe(2);
    // In-sample (chosen on both): x has two windows, y one, so goodOnX wins there.
    expect(r.inSample.params).toBe('goodOnX');
    // Combined: the two held-out parts summed, as NAB sums files.
    expect(r.combined.raw).toBeCloseTo(x.heldOutScore.raw + y.heldOutScore.raw, 12);
    expect(r.combined.nullScore).toBe(-3);
  });

  it('uses the given threshold instead of NAB sweep when thresholdOf is set', () => {
    const detect = () => {
      const s = new Float64Array(1000);
      s[500] = 0.7;
      return s;
    };
    const swept = crossValidate(files, [0.9], detect, { standard }).standard;
    const fixed = crossValidate(files, [0.9], detect, { standard }, { thresholdOf: (p) => p }).standard;
    expect(swept.combined.tp).toBe(3);
    expect(fixed.combined.tp).toBe(0);
  });
});

describe('combine and scoreAtThreshold', () => {
  it('at the threshold NAB sweep chose, scores exactly what the sweep scored', () => {
    const f = { name: 'a/1.csv', length: 1000, windows: [[400, 499] as [number, number]] };
    const s = new Float64Array(1000);
    s[300] = 0.4;
    s[420] = 0.6;
    s[700] = 0.3;
    const swept = scoreCorpus([f], [s], standard);
    const fixed = scoreAtThreshold([f], [s], standard, swept.threshold);
    expect(fixed.raw).toBeCloseTo(swept.raw, 12);
    expect(fixed.tp).toBe(swept.tp);
    expect(fixed.fp).toBe(swept.fp);
    const lower = scoreAtThreshold([f], [s], standard, 0.3);
    expect(lower.fp).toBe(2);
    expect(combine([fixed, lower]).raw).toBeCloseTo(fixed.raw + lower.raw, 12);
  });

  it('scores a corpus without windows by its false alarms only (nothing to normalise by)', () => {
    const f = { name: 'n/1.csv', length: 1000, windows: [] };
    const s = new Float64Array(1000);
    s[600] = 1;
    const r = scoreAtThreshold([f], [s], standard, 0.5);
    expect(r.raw).toBeCloseTo(-0.11, 12);
    expect(r.normalized).toBeNaN();
  });
});
