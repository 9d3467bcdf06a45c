// Between the engine's runtime state and its state files: at start-up, sweep what a crash left, load and check
// each target's file and restore its series (counting what had to be set aside or dropped); while running,
// write each target's state at most once a minute and on shutdown, counting failed writes.
import type { TargetRuntime } from './targetRuntime';
import { Logger } from './log';
import { EngineMetrics, ErrorKind } from './metrics';
import { SeriesState } from './series';
import { latestTime } from './stateDecode';
import { loadTargetState, PersistedTarget, persistedFields, saveTargetState, sweepStateDir } from './store';

/** Persist a target's state at most this often (plus on shutdown). */
export const PERSIST_EVERY_MS = 60_000;

const UNUSABLE: Record<'corrupt' | 'old_version' | 'other_definition', ErrorKind> = {
  corrupt: 'state_corrupt',
  old_version: 'state_old_version',
  other_definition: 'state_other_definition',
};

export class StatePersistence {
  constructor(
    private readonly dir: string,
    private readonly metrics: EngineMetrics,
    private readonly log: Logger
  ) {}

  /** Removes temp files a crash left and old set-aside files; done once, before the first load or write. */
  sweep(): void {
    const swept = sweepStateDir(this.dir);
    if (swept.temps.length + swept.setAside.length > 0) {
      this.log.info('state directory swept', { dir: this.dir, tempFiles: swept.temps, oldSetAside: swept.setAside });
    }
  }

  /**
   * Loads a target's state file and restores its series through `newState`. Unusable files are set aside,
   * counted and rebuilt from Prometheus; invalid series are dropped and counted (state_corrupt). Never throws.
   */
  load(
    rt: TargetRuntime,
    now: number,
    newState: (key: string, labels: Record<string, string>) => SeriesState
  ): PersistedTarget | undefined {
    const name = rt.target.name;
    let result: ReturnType<typeof loadTargetState>;
    try {
      result = loadTargetState(this.dir, name, rt.definition, now);
    } catch (e) {
      // loadTargetState handles what it knows of; anything else must not stop the engine either.
      result = { status: 'corrupt', reason: (e as Error).message };
    }
    if (result.status === 'missing') {
      return undefined;
    }
    if (result.status !== 'ok') {
      this.metrics.error(name, UNUSABLE[result.status]);
      this.log.warn('state file unusable; rebuilding from Prometheus', {
        target: name,
        reason: result.reason,
        movedTo: result.movedTo,
      });
      return undefined;
    }
    if (result.dropped.length > 0) {
      this.metrics.errors.inc({ target: name, kind: 'state_corrupt' }, result.dropped.length);
      this.log.warn('state file holds invalid series; rebuilding those from Prometheus', {
        target: name,
        dropped: result.dropped.slice(0, 10),
        droppedCount: result.dropped.length,
      });
    }
    const saved = result.state;
    for (const s of saved.series) {
      const state = newState(s.key, s.labels);
      Object.assign(state, persistedFields(s));
      rt.states.set(s.key, state);
    }
    rt.lastSuccess = saved.lastSuccess;
    rt.ready = rt.states.size > 0;
    this.log.info('state loaded', {
      target: name,
      series: rt.states.size,
      savedAt: new Date(saved.savedAt).toISOString(),
    });
    return saved;
  }

  /** Writes the target's state if it changed and the last write is old enough (or `force`); never throws. */
  persist(rt: TargetRuntime, now: number, force: boolean): void {
    if (!rt.dirty || (!force && now - rt.lastPersist < PERSIST_EVERY_MS)) {
      return;
    }
    try {
      const series = [...rt.states.values()].map((s) => ({ key: s.key, labels: s.labels, ...persistedFields(s) }));
      saveTargetState(this.dir, {
        target: rt.target.name,
        definition: rt.definition,
        // Later than now only when the clock went back and marks of the old timeline remain (see latestTime).
        savedAt: series.reduce((t, s) => Math.max(t, latestTime(s)), Math.max(now, rt.lastSuccess)),
        lastSuccess: rt.lastSuccess,
        series,
      });
      rt.lastPersist = now;
      rt.dirty = false;
    } catch (e) {
      this.metrics.error(rt.target.name, 'state_write_failed');
      this.log.warn('could not persist state', {
        target: rt.target.name,
        dir: this.dir,
        error: (e as Error).message,
      });
    }
  }
}
