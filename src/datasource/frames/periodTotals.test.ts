import { periodEdges, sumPerPeriod, wholePeriods } from './periodTotals';

const HOUR = 3_600_000;

describe('period totals', () => {
  it('covers a range with whole months of the site, a range ending a millisecond before a month taking no extra one', () => {
    // São Paulo is UTC−3: its months start at 03:00 UTC.
    const range = { from: Date.UTC(2026, 10, 20, 12), to: Date.UTC(2027, 0, 1, 3) - 1 };
    expect(wholePeriods(range, 'month', 'America/Sao_Paulo')).toEqual({
      from: Date.UTC(2026, 10, 1, 3),
      to: Date.UTC(2027, 0, 1, 3),
    });
    expect(wholePeriods(range, 'step', 'America/Sao_Paulo')).toBe(range);
  });

  it('follows the site’s clock across a daylight-saving change: the day it starts has 23 hours', () => {
    // Lisbon moves to summer time at 01:00 UTC on Sunday 29 March 2026.
    const edges = periodEdges(Date.UTC(2026, 2, 28, 12), Date.UTC(2026, 2, 30, 0), 'day', 'Europe/Lisbon');
    expect(edges.slice(0, 3)).toEqual([Date.UTC(2026, 2, 28), Date.UTC(2026, 2, 29), Date.UTC(2026, 2, 29, 23)]);
    expect((edges[2] - edges[1]) / HOUR).toBe(23);
  });

  it('adds each finite value to the period that holds its time, and counts them', () => {
    const edges = [0, 10, 20];
    const { sums, counts } = sumPerPeriod(
      { timestamps: [-1, 0, 5, 9, 10, 15, 19, 20, 25], values: [100, 1, 2, NaN, 3, 4, 5, 100, 100] },
      edges
    );
    expect(Array.from(sums)).toEqual([3, 12]);
    expect(Array.from(counts)).toEqual([2, 3]);
  });
});
