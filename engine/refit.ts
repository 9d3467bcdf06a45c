// Refitting a target's due series in one update cycle: which are due (spread over the refit interval by
// phase), each fitted with the target's settings, a failure kept as the previous forecast, and the event loop
// handed back between slices so scrapes and the API are answered during a long round of fits.
import { fitSeries, FitSettings } from './fit';
import { Logger } from './log';
import { EngineMetrics } from './metrics';
import { dueForRefit, replaySteps } from './schedule';
import type { TargetRuntime } from './targetRuntime';
import type { FleetService } from './fleet/fleetService';

/** Hand the event loop back (scrapes, API) after this much fitting. */
export const FIT_SLICE_MS = 50;

export interface RefitContext {
  clock: () => number;
  refitMs: number;
  /** How long auto's model choice is reused (schedule.reselect). */
  reselectMs: number;
  level: number;
  metrics: EngineMetrics;
  log: Logger;
  /** Fleet models (config `fleet`), when enabled. */
  fleet?: FleetService;
}

export function fitSettings(rt: TargetRuntime, ctx: Pick<RefitContext, 'reselectMs' | 'level' | 'fleet'>): FitSettings {
  const challenger = ctx.fleet?.challengerFor(rt);
  return {
    ...(challenger ? { challenger } : {}),
    kind: rt.target.kind,
    pathSteps: rt.pathSteps,
    level: ctx.level,
    method: rt.target.trainingMethod,
    reselectMs: ctx.reselectMs,
    replaySteps: replaySteps(rt.target.stepMs),
  };
}

/** Keys of the series with history whose refit is due now. */
export function dueSeries(rt: TargetRuntime, now: number, refitMs: number): string[] {
  const candidates = [...rt.states.values()]
    .filter((s) => s.history.length > 0)
    .map((s) => ({ key: s.key, fittedAt: s.fittedAt, phaseMs: s.phaseMs }));
  return dueForRefit(candidates, now, refitMs);
}

/** Refits the series that are due, yielding to the event loop between slices. Never throws. */
export async function refitDue(rt: TargetRuntime, ctx: RefitContext): Promise<void> {
  const settings = fitSettings(rt, ctx);
  let sliceStart = performance.now();
  for (const key of dueSeries(rt, ctx.clock(), ctx.refitMs)) {
    refitOne(rt, key, settings, ctx);
    if (performance.now() - sliceStart > FIT_SLICE_MS) {
      await new Promise((r) => setImmediate(r));
      sliceStart = performance.now();
    }
  }
}

function refitOne(rt: TargetRuntime, key: string, settings: FitSettings, ctx: RefitContext): void {
  const state = rt.states.get(key);
  if (!state) {
    return;
  }
  const name = rt.target.name;
  const endTimer = ctx.metrics.fitDuration.startTimer({ target: name });
  try {
    fitSeries(state, settings, ctx.clock());
    ctx.metrics.fits.inc({ target: name });
    rt.dirty = true;
  } catch (e) {
    // Keep the previous forecast; try again at the next refit.
    state.fittedAt = ctx.clock();
    rt.lastFitError = e as Error;
    ctx.metrics.error(name, 'fit_error');
    ctx.log.warn('refit failed; keeping the previous forecast', {
      target: name,
      series: key,
      error: (e as Error).message,
    });
  } finally {
    endTimer();
  }
}
