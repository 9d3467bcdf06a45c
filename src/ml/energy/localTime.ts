// Local wall-clock hour, weekday and date of a timestamp in an IANA time zone, for tariff windows and
// daily usage profiles; cached because Intl formatting costs microseconds and series have millions of points.

import { EcotiMlError } from '../types';
import { show } from '../hygiene/checkInput';

/** Where EcoTI's first sites are; every time-zone option defaults to it. */
export const DEFAULT_TIME_ZONE = 'America/Sao_Paulo';

export interface LocalClock {
  /** 0..23 */
  hour: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** Local calendar date, YYYY-MM-DD. */
  date: string;
}

/**
 * Every UTC offset in use is a multiple of 15 minutes (India +5:30, Nepal +5:45, Lord Howe's 30-minute
 * DST), so local hours and dates only change on 15-minute UTC boundaries: one Intl call per quarter hour
 * is exact. (Per UTC hour would misplace half of every hour in half-hour zones.)
 */
const BUCKET_MS = 15 * 60_000;
const MAX_CACHED_BUCKETS = 200_000;
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

const formatters = new Map<string, Intl.DateTimeFormat>();
const caches = new Map<string, Map<number, LocalClock>>();

/**
 * The local clock at `ts` (ms epoch) in `timeZone`. Throws `EcotiMlError` BAD_OPTION for an unknown
 * time zone or a timestamp that is not a finite date.
 */
export function localClock(ts: number, timeZone: string = DEFAULT_TIME_ZONE): LocalClock {
  if (!Number.isFinite(ts)) {
    throw new EcotiMlError('BAD_OPTION', `Timestamp ${show(ts)} is not a date.`);
  }
  const bucket = Math.floor(ts / BUCKET_MS);
  let cache = caches.get(timeZone);
  const hit = cache?.get(bucket);
  if (hit !== undefined) {
    return hit;
  }
  const formatter = formatterFor(timeZone);
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = formatter.formatToParts(bucket * BUCKET_MS);
  } catch {
    throw new EcotiMlError('BAD_OPTION', `Timestamp ${show(ts)} is outside the dates a browser can represent.`);
  }
  let year = '';
  let month = '';
  let day = '';
  let hour = 0;
  let weekday = 0;
  for (const p of parts) {
    if (p.type === 'year') {
      year = p.value;
    } else if (p.type === 'month') {
      month = p.value;
    } else if (p.type === 'day') {
      day = p.value;
    } else if (p.type === 'hour') {
      hour = Number(p.value) % 24;
    } else if (p.type === 'weekday') {
      weekday = WEEKDAYS[p.value] ?? 0;
    }
  }
  const clock: LocalClock = { hour, weekday, date: `${year.padStart(4, '0')}-${month}-${day}` };
  if (cache === undefined) {
    cache = new Map();
    caches.set(timeZone, cache);
  } else if (cache.size >= MAX_CACHED_BUCKETS) {
    cache.clear();
  }
  cache.set(bucket, clock);
  return clock;
}

/** Throws BAD_OPTION unless `timeZone` is an IANA zone this runtime knows. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        weekday: 'short',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
      });
    } catch {
      throw new EcotiMlError(
        'BAD_OPTION',
        `Unknown time zone "${show(timeZone)}": use an IANA name such as ${DEFAULT_TIME_ZONE}.`
      );
    }
    formatters.set(timeZone, f);
  }
  return f;
}
