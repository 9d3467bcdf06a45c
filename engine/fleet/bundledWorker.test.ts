/** @jest-environment ./engine/testing/nodeEnvironment.js */
// The container image's layout (engine/Dockerfile): the training worker bundled by esbuild, the WebAssembly
// backend's .wasm files copied beside it. A bundler that dropped the backends' registration, or a .wasm the
// bundle cannot find, shows here rather than in a deployed engine.
import { buildSync } from 'esbuild';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { Registry } from 'prom-client';
import { Logger } from '../log';
import { newSeriesState, SeriesState } from '../series';
import type { TargetRuntime } from '../targetRuntime';
import { fleetSchema } from './fleetConfig';
import { FleetService } from './fleetService';
import { weeklyFleet } from './testFleet';

const HOUR = 3_600_000;

describe('the bundled training worker', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ecoti-fleet-bundle-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function trainWithBundle(withWasm: boolean) {
    const out = join(dir, withWasm ? 'app' : 'app-without-wasm');
    buildSync({
      entryPoints: [join(__dirname, 'trainWorker.ts')],
      bundle: true,
      platform: 'node',
      target: 'node22',
      outfile: join(out, 'trainWorker.js'),
      logLevel: 'error',
    });
    const wasmDir = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')));
    for (const f of readdirSync(wasmDir).filter((n) => withWasm && n.endsWith('.wasm'))) {
      copyFileSync(join(wasmDir, f), join(out, f));
    }
    const states = new Map<string, SeriesState>();
    weeklyFleet(10, 24 * 30, 4).forEach((s, i) => {
      const state = newSeriesState(`host${i}`, { host: `host${i}` }, i, 24 * 30, HOUR, 0);
      s.values.forEach((v, k) => state.history.push(Date.UTC(2026, 0, 5) + k * HOUR, v));
      states.set(state.key, state);
    });
    const rt = { target: { name: 'power', stepMs: HOUR }, states, pathSteps: 24 } as unknown as TargetRuntime;
    const warnings: string[] = [];
    const log = { info: () => {}, warn: (m: string) => warnings.push(m) } as unknown as Logger;
    const registry = new Registry();
    const config = fleetSchema.parse({ enabled: true, inputHours: 96, hidden: 8, maxWindows: 500, maxEpochs: 2 });
    const service = new FleetService(config, join(out, 'state'), registry, log, Date.now, {
      file: join(out, 'trainWorker.js'),
      execArgv: [],
    });
    await service.retrainIfDue(rt);
    expect(warnings).toEqual([]);
    expect(service.challengerFor(rt)?.name).toBe('fleet');
    expect(await registry.metrics()).toMatch(/ecoti_engine_fleet_windows\{target="power"\} 500/);
  }

  it('trains a fleet model from the bundle, as the container runs it', () => trainWithBundle(true), 120_000);

  // The pure-JS backend must be in the bundle too: a bare import of it is dropped by esbuild.
  it('still trains, on the pure-JS backend, when the .wasm files are missing', () => trainWithBundle(false), 120_000);
});
