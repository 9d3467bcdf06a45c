/** @jest-environment ./engine/testing/nodeEnvironment.js */
import { rangeChunks } from './fetchPlan';
import {
  alignDown,
  backoffDelay,
  chooseStep,
  dueForRefit,
  MAX_POINTS_PER_SERIES,
  monthBounds,
  refitPhase,
} from './schedule';

const MIN = 60_000;
const DAY = 86_400_000;

describe('scheduling arithmetic', () => {
  it('keeps the configured step when the window fits in 11,000 points, and coarsens it otherwise', () => {
    expect(chooseStep(14 * DAY, 5 * MIN)).toBe(5 * MIN);
    // 30 days at 1 minute would be 43,201 points: the step grows to the next whole second that fits.
    const step = chooseStep(30 * DAY, MIN);
    expect(step).toBe(236_000);
    expect((30 * DAY) / step + 1).toBeLessThanOrEqual(MAX_POINTS_PER_SERIES);
    expect((30 * DAY) / (step - 1000) + 1).toBeGreaterThan(MAX_POINTS_PER_SERIES);
  });

  it('splits long ranges into queries of at most 11,000 points that cover every step once', () => {
    const start = alignDown(Date.UTC(2024, 0, 1), MIN);
    const end = start + 31 * DAY;
    const chunks = rangeChunks(start, end, MIN);
    expect(chunks.length).toBe(5);
    let expected = start;
    for (const [from, to] of chunks) {
      expect(from).toBe(expected);
      expect((to - from) / MIN + 1).toBeLessThanOrEqual(MAX_POINTS_PER_SERIES);
      expected = to + MIN;
    }
    expect(expected - MIN).toBe(end);
  });

  it('backs off exponentially with jitter, capped', () => {
    expect(backoffDelay(0, 1000, 60_000)).toBe(0);
    expect(backoffDelay(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffDelay(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffDelay(4, 1000, 60_000, () => 1)).toBe(8000);
    expect(backoffDelay(20, 1000, 60_000, () => 1)).toBe(60_000);
    expect(backoffDelay(20, 1000, 60_000, () => 0)).toBe(30_000);
  });

  it('refits never-fitted series first, then the most overdue, spreading series by phase', () => {
    const now = 10 * 3_600_000;
    const due = dueForRefit(
      [
        { key: 'fresh', fittedAt: now - 10 * MIN, phaseMs: 0 },
        { key: 'late', fittedAt: now - 3 * 3_600_000, phaseMs: 0 },
        { key: 'new', fittedAt: -Infinity, phaseMs: 0 },
        { key: 'due', fittedAt: now - 3_600_000, phaseMs: 0 },
        { key: 'early', fittedAt: now - 40 * MIN, phaseMs: 25 * MIN },
      ],
      now,
      3_600_000
    );
    expect(due).toEqual(['new', 'late', 'early', 'due']);
    expect(
      dueForRefit(
        [
          { key: 'a', fittedAt: -Infinity, phaseMs: 0 },
          { key: 'b', fittedAt: -Infinity, phaseMs: 0 },
        ],
        now,
        3_600_000,
        1
      )
    ).toHaveLength(1);
    expect(refitPhase(999, 3_600_000)).toBeCloseTo(0.999 * 1_800_000, 6);
  });

  it('finds the local calendar month in São Paulo (UTC-3) and across a DST change in Paris', () => {
    // 2024-03-31 23:30 in São Paulo is already April in UTC.
    const t = Date.UTC(2024, 3, 1, 2, 30);
    expect(monthBounds(t, 'America/Sao_Paulo')).toEqual({
      start: Date.UTC(2024, 2, 1, 3),
      end: Date.UTC(2024, 3, 1, 3),
    });
    // Paris: March starts in winter time (UTC+1), April in summer time (UTC+2).
    expect(monthBounds(Date.UTC(2024, 2, 15), 'Europe/Paris')).toEqual({
      start: Date.UTC(2024, 1, 29, 23),
      end: Date.UTC(2024, 2, 31, 22),
    });
  });
});
