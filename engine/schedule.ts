// Scheduling arithmetic, free of I/O: query steps under Prometheus' point limit, retry backoff, which series
// to refit now, and calendar-month boundaries in the site's time zone.

/** Prometheus refuses range queries returning more than 11,000 points per series. */
export const MAX_POINTS_PER_SERIES = 11_000;

/**
 * The step for a range query over `windowMs`: the preferred step, or the smallest whole number of
 * seconds that keeps the query within `maxPoints` points (both ends count).
 */
export function chooseStep(windowMs: number, preferredStepMs: number, maxPoints = MAX_POINTS_PER_SERIES): number {
  const minStep = Math.ceil(windowMs / (maxPoints - 1) / 1000) * 1000;
  return Math.max(preferredStepMs, minStep);
}

/**
 * Steps of forecast kept per series: the longest horizon plus the time until the next refit (and two updates
 * of slack), so that now + horizon stays covered between refits.
 */
export function forecastPathSteps(longestHorizonMs: number, refitMs: number, updateMs: number, stepMs: number): number {
  return Math.ceil((longestHorizonMs + refitMs + 2 * updateMs) / stepMs);
}

/**
 * The newest steps left out of training and replayed as level corrections: an hour, at least 12 steps (enough
 * for the correction to settle: 1 − 0.8¹² ≈ 93%, 90% with its fading at 5-minute steps). The ML core forecasts them too, on top of the path.
 */
export function replaySteps(stepMs: number): number {
  return Math.max(12, Math.round(3_600_000 / stepMs));
}

/** Aligns t down to the step grid (so repeated queries hit the same timestamps and Prometheus' cache). */
export function alignDown(t: number, stepMs: number): number {
  return Math.floor(t / stepMs) * stepMs;
}

/**
 * Delay before attempt `failures` + 1 after `failures` consecutive failures: doubling from `baseMs`, capped at
 * `maxMs`, with "equal jitter" (half fixed, half random) so replicas do not retry in lockstep.
 */
export function backoffDelay(
  failures: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random
): number {
  if (failures <= 0) {
    return 0;
  }
  const exp = Math.min(maxMs, baseMs * 2 ** Math.min(failures - 1, 30));
  return exp / 2 + (exp / 2) * random();
}

export interface RefitCandidate {
  key: string;
  /** When the series was last fitted (ms); -Infinity if never. */
  fittedAt: number;
  /** Offset in [0, refitMs) spreading refits of many series across the interval. */
  phaseMs: number;
}

/**
 * Series due for a refit at `now`, most overdue first, at most `limit`. A series is due once `refitMs`
 * has passed since its fit, shifted by its phase so that 10,000 series fitted together do not all come due
 * in the same tick forever after. Never-fitted series always come first.
 */
export function dueForRefit(
  series: Iterable<RefitCandidate>,
  now: number,
  refitMs: number,
  limit = Infinity
): string[] {
  const due: Array<{ key: string; overdue: number }> = [];
  for (const s of series) {
    if (s.fittedAt === -Infinity) {
      due.push({ key: s.key, overdue: Infinity });
      continue;
    }
    const dueAt = s.fittedAt + refitMs - s.phaseMs;
    if (now >= dueAt) {
      due.push({ key: s.key, overdue: now - dueAt });
    }
  }
  due.sort((a, b) => b.overdue - a.overdue);
  return due.slice(0, limit).map((d) => d.key);
}

/** Phase of a series within the refit interval, from its hash: at most half the interval early. */
export function refitPhase(hash: number, refitMs: number): number {
  return ((hash % 1000) / 1000) * (refitMs / 2);
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** UTC offset (ms) of `timeZone` at instant t. */
export function utcOffsetMs(t: number, timeZone: string): number {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(t).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second)
  );
  return asUtc - Math.floor(t / 1000) * 1000;
}

/** Start and end (exclusive) of the local calendar month containing t, as UTC instants. */
export function monthBounds(t: number, timeZone: string): { start: number; end: number } {
  const local = new Date(t + utcOffsetMs(t, timeZone));
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  const startLocal = Date.UTC(y, m, 1);
  const endLocal = Date.UTC(y, m + 1, 1);
  // The offset at the boundary itself (DST may differ from now's).
  const start = startLocal - utcOffsetMs(startLocal - utcOffsetMs(startLocal, timeZone), timeZone);
  const end = endLocal - utcOffsetMs(endLocal - utcOffsetMs(endLocal, timeZone), timeZone);
  return { start, end };
}
