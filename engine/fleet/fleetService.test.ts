/** @jest-environment ./engine/testing/nodeEnvironment.js */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Registry } from 'prom-client';
import { newSeriesState, SeriesState } from '../series';
import type { TargetRuntime } from '../targetRuntime';
import { fitSeries } from '../fit';
import { Logger } from '../log';
import { fleetSchema } from './fleetConfig';
import { FleetService } from './fleetService';
import { weeklyFleet } from './testFleet';

const HOUR = 3_600_000;
const silent = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} } as unknown as Logger;

/** A target's runtime as the engine holds it, with 30 days of hourly history per series. */
function runtime(count: number): TargetRuntime {
  const states = new Map<string, SeriesState>();
  weeklyFleet(count, 24 * 30, 4).forEach((s, i) => {
    const state = newSeriesState(`host${i}`, { host: `host${i}` }, i, 24 * 30, HOUR, 0);
    // The fleet's series start on different days; the engine's share one clock.
    s.values.forEach((v, k) => state.history.push(Date.UTC(2026, 0, 5) + k * HOUR, v));
    states.set(state.key, state);
  });
  return { target: { name: 'power', stepMs: HOUR }, states, pathSteps: 24 } as unknown as TargetRuntime;
}

describe('FleetService', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ecoti-fleet-service-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const config = fleetSchema.parse({ enabled: true, inputHours: 96, hidden: 16, maxWindows: 2000, maxEpochs: 5 });

  it('trains in a worker thread, persists the model, reports it in /metrics and hands it to the refits', async () => {
    const rt = runtime(20);
    const registry = new Registry();
    const now = Date.UTC(2026, 1, 10);
    const service = new FleetService(config, dir, registry, silent, () => now);
    expect(service.challengerFor(rt)).toBeUndefined();
    await service.retrainIfDue(rt);
    const challenger = service.challengerFor(rt);
    expect(challenger?.name).toBe('fleet');
    const files = readdirSync(join(dir, 'fleet')).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^power\.[0-9a-f]{16}\.weights$/);
    expect(files[1]).toBe('power.manifest.json');
    const text = await registry.metrics();
    expect(text).toMatch(/ecoti_engine_fleet_windows\{target="power"\} 2000/);
    expect(text).toMatch(/ecoti_engine_fleet_model_version\{target="power"\} 1/);
    expect(text).toMatch(/ecoti_engine_fleet_training_seconds\{target="power"\} [0-9.]+/);
    expect(Number(/ecoti_engine_fleet_heap_bytes\{target="power"\} (\d+)/.exec(text)?.[1])).toBeGreaterThan(0);
    // Not due again within the retrain interval.
    await service.retrainIfDue(rt);
    expect(/ecoti_engine_fleet_model_version\{target="power"\} (\d+)/.exec(await registry.metrics())?.[1]).toBe('1');
    // A refit of a series with the challenger: forecast() reports how it fared against auto.
    const state = rt.states.get('host0')!;
    const path = fitSeries(
      state,
      { kind: 'power', pathSteps: 24, level: 0.95, method: 'auto', reselectMs: 86_400_000, replaySteps: 0, challenger },
      now
    );
    expect(path.mean).toHaveLength(24);
  }, 120_000);

  it('loads the persisted model at first use, and rebuilds from a corrupt file without failing', async () => {
    const rt = runtime(10);
    const now = Date.UTC(2026, 1, 10);
    await new FleetService(config, dir, new Registry(), silent, () => now).retrainIfDue(rt);
    const restarted = new FleetService(config, dir, new Registry(), silent, () => now);
    expect(restarted.challengerFor(rt)?.name).toBe('fleet');
    writeFileSync(join(dir, 'fleet', 'power.manifest.json'), 'not json');
    const afterCrash = new FleetService(config, dir, new Registry(), silent, () => now);
    expect(afterCrash.challengerFor(rt)).toBeUndefined();
    await afterCrash.retrainIfDue(rt);
    expect(afterCrash.challengerFor(rt)?.name).toBe('fleet');
  }, 120_000);

  it('keeps no model choice for a series the fleet model won, so no state file holds a name the core cannot refit', () => {
    const rt = runtime(1);
    const state = rt.states.get('host0')!;
    const s = weeklyFleet(1, 24 * 30, 4)[0];
    const start = Date.UTC(2026, 0, 5);
    // An oracle: it knows the series' values, so it wins any backtest.
    const oracle = {
      name: 'fleet',
      predict: (_h: Float64Array, horizon: number, lastTime: number) =>
        Float64Array.from({ length: horizon }, (_, h) => s.values[(lastTime - start) / HOUR + 1 + h] ?? 0),
    };
    const settings = {
      kind: 'power' as const,
      pathSteps: 24,
      level: 0.95,
      method: 'auto',
      reselectMs: 86_400_000,
      replaySteps: 0,
    };
    const path = fitSeries(state, { ...settings, challenger: oracle }, Date.UTC(2026, 1, 10));
    expect(path.method).toMatch(/fleet/);
    expect(state.chosenModel).toBeUndefined();
    // Without the fleet model, auto's choice is kept for reuse as before.
    fitSeries(state, settings, Date.UTC(2026, 1, 10));
    expect(state.chosenModel?.name).not.toMatch(/fleet/);
    expect(state.chosenModel).toBeDefined();
  });
});
