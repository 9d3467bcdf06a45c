// The site's local time and the daily shapes that follow it (office load, outdoor heat).

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Local wall-clock hour in [0, 24) and whether it is Saturday or Sunday, at the site's fixed UTC offset. */
export function localClock(
  dc: { scenario: { utcOffsetHours: number } },
  t: number
): { hour: number; weekend: boolean } {
  const local = t + dc.scenario.utcOffsetHours * HOUR;
  const hour = (((local % DAY) + DAY) % DAY) / HOUR;
  // 1970-01-01 was a Thursday: day index 0 → Thursday, so Saturday is 2 and Sunday is 3 (mod 7).
  const dow = ((Math.floor(local / DAY) % 7) + 7) % 7;
  return { hour, weekend: dow === 2 || dow === 3 };
}

/** Office-hours load shape: 0 at 04:00, 1 at 16:00, sharpened so nights stay flat. */
export function dailyShape(hour: number): number {
  const c = 0.5 - 0.5 * Math.cos((2 * Math.PI * (hour - 4)) / 24);
  return Math.pow(c, 1.5);
}

/** Outdoor influence on the room, 0 at 03:30 and 1 at 15:30 local (cooling works harder in the afternoon). */
export function outdoorShape(hour: number): number {
  return 0.5 - 0.5 * Math.cos((2 * Math.PI * (hour - 3.5)) / 24);
}
