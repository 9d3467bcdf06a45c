// Discovery's pure rules: the history query that asks for new series alone, and when a silent series is dropped.
// (The query's effect on a real Prometheus is in integration/engineDiscovery.test.ts.)
import { batches, effectiveDropAfter, historyQuery, isGone } from './discovery';

describe('historyQuery', () => {
  it('keeps the target query whole and matches each new series on all its labels but __name__', () => {
    const q = historyQuery('sum by (rack, site) (pdu_watts)', [
      { rack: 'r3', site: 'sp-01' },
      { __name__: 'x', rack: 'r4' },
    ]);
    expect(q).toBe(
      '(sum by (rack, site) (pdu_watts)) and on(rack, site) (' +
        'label_replace(label_replace(vector(1), "rack", "r3", "", ""), "site", "sp-01", "", "") or ' +
        'label_replace(vector(1), "rack", "r4", "", ""))'
    );
  });

  it('escapes label values as PromQL strings', () => {
    expect(historyQuery('m', [{ path: 'a"b\\c' }])).toContain('"path", "a\\"b\\\\c"');
  });

  it('matches a series without labels with on()', () => {
    expect(historyQuery('sum(m)', [{}])).toBe('(sum(m)) and on() (vector(1))');
  });
});

it('splits new series into batches of at most 50', () => {
  expect(batches(Array.from({ length: 120 }, (_, i) => i)).map((b) => b.length)).toEqual([50, 50, 20]);
});

it('never drops sooner than two steps plus one update, and never a series not seen yet', () => {
  expect(effectiveDropAfter(3_600_000, 300_000, 60_000)).toBe(3_600_000);
  expect(effectiveDropAfter(10_000, 15_000, 5_000)).toBe(35_000);
  expect(isGone(1_000, 40_000, 35_000)).toBe(true);
  expect(isGone(6_000, 40_000, 35_000)).toBe(false);
  expect(isGone(NaN, 40_000, 35_000)).toBe(false);
});
