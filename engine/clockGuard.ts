// Wall-clock jumps (an NTP step, a clock set by hand, a VM resumed after days) detected between the engine's
// rounds of cycles and recovered from: each target affected counts an error of kind `clock`, logs the jump, and
// is put back on the new timeline (history fetched again, every series refitted at once, future-dated marks
// cleared), instead of dropping its series or serving forecasts with no points.
import type { TargetRuntime } from './targetRuntime';
import type { PersistedTarget } from './store';
import { Logger } from './log';
import { EngineMetrics } from './metrics';

/** A cycle that cannot run on this clock: no data at all where the clock says "now" just after a jump. */
export class ClockError extends Error {
  readonly kind = 'clock' as const;
  constructor(message: string) {
    super(message);
    this.name = 'ClockError';
  }
}

/** Clock readings this close are jitter, not a jump backwards. */
export const CLOCK_TOLERANCE_MS = 1000;
/** Added to two update intervals in the forward limit: the longest a round of cycles may plausibly take. */
const LONGEST_ROUND_MS = 3_600_000;

export interface ClockJump {
  direction: 'forward' | 'backward';
  /** The time the engine had reached, and the time the clock now reads. */
  from: number;
  to: number;
}

/**
 * The longest gap between two rounds that is not a jump: what the target's forecasts cover (longest horizon
 * plus the time to the next refit) or half its training window, whichever is shorter; never less than two
 * update intervals plus an hour, so a slow round or a long update interval is not mistaken for one.
 */
export function forwardLimitMs(rt: TargetRuntime, updateMs: number): number {
  const covered = rt.pathSteps * rt.target.stepMs;
  return Math.max(Math.min(covered, rt.target.windowMs / 2), 2 * updateMs + LONGEST_ROUND_MS);
}

/** A jump between the time reached (`from`) and `now`, if any. */
export function detectJump(from: number, now: number, forwardLimit: number): ClockJump | undefined {
  if (!Number.isFinite(from)) {
    return undefined;
  }
  if (now < from - CLOCK_TOLERANCE_MS) {
    return { direction: 'backward', from, to: now };
  }
  if (now - from > forwardLimit) {
    return { direction: 'forward', from, to: now };
  }
  return undefined;
}

/**
 * Puts a target on the new timeline: fetch the whole window again (dropping points dated after now), refit
 * every series in the next cycle (a fit or model choice dated in the future would otherwise wait until then),
 * clear marks dated after now. Forecasts are kept, served stale, until the refit replaces them.
 */
export function realign(rt: TargetRuntime, now: number): void {
  rt.needsFullFetch = true;
  rt.fetchedUntil = NaN;
  rt.nextRunAt = Math.min(rt.nextRunAt, now);
  rt.lastPersist = -Infinity;
  for (const s of rt.states.values()) {
    s.fittedAt = -Infinity;
    if (s.selectedAt > now) {
      s.selectedAt = now;
    }
    if (s.levelAt !== undefined && s.levelAt > now) {
      s.levelAt = now;
    }
    s.anomalyEvents = s.anomalyEvents.filter((e) => e.start <= now);
    if (s.month && s.month.until > now) {
      s.month = undefined;
    }
  }
}

export class ClockGuard {
  /** The clock at the previous round; NaN before the first. */
  private reached = NaN;
  /** Targets realigned after a jump whose refetch has not yet returned data. */
  private readonly unconfirmed = new Set<TargetRuntime>();

  constructor(
    private readonly metrics: EngineMetrics,
    private readonly log: Logger,
    private readonly updateMs: number
  ) {}

  /** Before each round of cycles: detects a jump since the last round and realigns every target it affects. */
  check(targets: TargetRuntime[], now: number): ClockJump | undefined {
    const from = this.reached;
    this.reached = now;
    let found: ClockJump | undefined;
    for (const rt of targets) {
      const jump = detectJump(from, now, forwardLimitMs(rt, this.updateMs));
      if (jump) {
        this.recover(rt, jump, 'between two updates');
        found = jump;
      }
    }
    return found;
  }

  /** After loading a target's state: a file saved after "now" means the clock went back while the engine was down. */
  checkLoaded(rt: TargetRuntime, saved: PersistedTarget, now: number): void {
    let latest = saved.savedAt;
    for (const s of saved.series) {
      latest = Math.max(latest, s.fittedAt, s.forecast?.origin ?? -Infinity);
    }
    if (now < latest - CLOCK_TOLERANCE_MS) {
      this.recover(rt, { direction: 'backward', from: latest, to: now }, 'since the state was saved');
    }
  }

  /**
   * After a full fetch: while a realigned target has series but the query returned none at all, the clock is
   * likely ahead of the data (or behind all of it). The cycle fails with kind `clock`, so the series and their
   * last forecasts are kept and served stale, and it is tried again with backoff.
   */
  confirmData(rt: TargetRuntime, seriesReturned: number, now: number): void {
    if (!this.unconfirmed.has(rt)) {
      return;
    }
    if (seriesReturned === 0 && rt.states.size > 0) {
      throw new ClockError(
        `Prometheus has no data for ${rt.target.name} in the training window before ${new Date(now).toISOString()} ` +
          `although it had ${rt.states.size} series before the clock jumped; is this host's clock right?`
      );
    }
    this.unconfirmed.delete(rt);
  }

  private recover(rt: TargetRuntime, jump: ClockJump, when: string): void {
    realign(rt, jump.to);
    this.unconfirmed.add(rt);
    this.metrics.error(rt.target.name, 'clock');
    this.log.warn(`the clock jumped ${jump.direction} ${when}; fetching history again and refitting`, {
      target: rt.target.name,
      from: new Date(jump.from).toISOString(),
      to: new Date(jump.to).toISOString(),
      jumpSeconds: Math.round((jump.to - jump.from) / 1000),
    });
  }
}
