/** @jest-environment ./engine/testing/nodeEnvironment.js */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from './config';
import { Engine } from './engine';
import { Logger } from './log';
import { PersistedSeries, saveTargetState, statePath } from './store';
import { tempDirs, writeChecksummed } from './testing/stateFiles';

const NOW = Date.UTC(2024, 4, 15, 12);
const STEP = 300_000;

function engineAt(stateDir: string, now = NOW): Engine {
  const config = parseConfig({
    stateDir,
    targets: [
      { name: 'rack_power', promql: 'sum by (rack) (x)', kind: 'power' },
      { name: 'inlet', promql: 'y', kind: 'temperature', horizons: ['1h'] },
    ],
  });
  return new Engine({ config, clock: () => now });
}

function series(rack: string, savedAt = NOW - 60_000): PersistedSeries {
  return {
    key: `rack=${JSON.stringify(rack)}`,
    labels: { rack },
    fittedAt: savedAt,
    selectedAt: savedAt,
    chosenModel: { name: 'seasonal-mean' },
    levelOffset: 0,
    anomalyScore: 0,
    anomalyEvents: [],
    forecast: {
      origin: savedAt - STEP,
      stepMs: STEP,
      mean: new Float32Array(400).fill(1000),
      lower: new Float32Array(400).fill(900),
      upper: new Float32Array(400).fill(1100),
      z: 1.96,
      method: 'seasonal-mean',
      seasonalities: [288],
    },
  };
}

async function errors(engine: Engine): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const v of (await engine.metrics.errors.get()).values) {
    out[`${v.labels.target}/${v.labels.kind}`] = v.value;
  }
  return out;
}

describe('engine state at start-up and on write', () => {
  const dir = tempDirs('ecoti-persist-');

  it('starts with a checksum-valid file holding labels: null: that series dropped and counted, the rest served', async () => {
    const d = dir();
    const engine = engineAt(d);
    const rt = engine.targets[0];
    // Rack b has labels: null, and the checksum matches: only the field checks can refuse it.
    const payload = JSON.stringify({
      target: 'rack_power',
      definition: rt.definition,
      savedAt: NOW - 60_000,
      lastSuccess: NOW - 60_000,
      series: [
        JSON.parse(JSON.stringify(series('a'), (k, v) => (v instanceof Float32Array ? { f32: f32(v) } : v))),
        {
          ...JSON.parse(JSON.stringify(series('b'), (k, v) => (v instanceof Float32Array ? { f32: f32(v) } : v))),
          labels: null,
        },
      ],
    });
    writeChecksummed(d, 'rack_power', payload);
    writeFileSync(
      join(d, 'inlet.state.json'),
      '{"format":"ecoti-engine-state","version":1,"checksum":"00","payload":"{}"'
    );

    expect(() => engine.loadState()).not.toThrow();
    expect([...rt.states.keys()]).toEqual(['rack="a"']);
    expect(rt.ready).toBe(true);
    expect(await errors(engine)).toEqual({ 'rack_power/state_corrupt': 1, 'inlet/state_corrupt': 1 });
  });

  it('refuses a model choice dated after the save (it would never be re-selected) and a savedAt of 1e300, logging why', async () => {
    const d = dir();
    const lines: string[] = [];
    const config = parseConfig({
      stateDir: d,
      targets: [
        { name: 'rack_power', promql: 'sum by (rack) (x)', kind: 'power' },
        { name: 'inlet', promql: 'y', kind: 'temperature', horizons: ['1h'] },
      ],
    });
    const engine = new Engine({ config, clock: () => NOW, log: new Logger('info', (l) => lines.push(l)) });
    const [rt, inlet] = engine.targets;
    const asJson = (x: unknown) =>
      JSON.parse(JSON.stringify(x, (k, v) => (v instanceof Float32Array ? { f32: f32(v) } : v)));
    const saved = (target: string, definition: string, savedAt: number, list: unknown[]) =>
      JSON.stringify({ target, definition, savedAt, lastSuccess: savedAt, series: list });
    writeChecksummed(
      d,
      'rack_power',
      saved('rack_power', rt.definition, NOW - 60_000, [
        asJson(series('a')),
        { ...asJson(series('b')), selectedAt: 1e300 },
      ])
    );
    writeChecksummed(d, 'inlet', saved('inlet', inlet.definition, 1e300, [asJson(series('c'))]));

    expect(() => engine.loadState()).not.toThrow();
    expect([...rt.states.keys()]).toEqual(['rack="a"']);
    expect(inlet.states.size).toBe(0);
    expect(await errors(engine)).toEqual({ 'rack_power/state_corrupt': 1, 'inlet/state_corrupt': 1 });
    const warned = lines.map((l) => JSON.parse(l)).filter((l) => l.level === 'warn');
    expect(warned).toEqual([
      expect.objectContaining({
        target: 'rack_power',
        dropped: [{ key: 'rack="b"', reason: 'selectedAt 1e+300 is not a date' }],
      }),
      expect.objectContaining({ target: 'inlet', reason: expect.stringMatching(/savedAt 1e\+300 is not a date$/) }),
    ]);
  });

  it('sweeps orphaned temp files before loading, and loads the state they did not replace', async () => {
    const d = dir();
    const engine = engineAt(d);
    saveTargetState(d, {
      target: 'rack_power',
      definition: engine.targets[0].definition,
      savedAt: NOW - 60_000,
      lastSuccess: NOW - 60_000,
      series: [series('a')],
    });
    writeFileSync(join(d, 'rack_power.state.json.tmp-999-1715774400000-1'), '{"format":"ecoti-eng');
    engine.loadState();
    expect(readdirSync(d)).toEqual(['rack_power.state.json']);
    expect(engine.targets[0].states.size).toBe(1);
    expect(await errors(engine)).toEqual({});
  });

  it('counts a state saved after "now" as a clock jump, and schedules every series for a refit', async () => {
    const d = dir();
    const later = NOW + 3 * 86_400_000;
    const engine = engineAt(d);
    saveTargetState(d, {
      target: 'rack_power',
      definition: engine.targets[0].definition,
      savedAt: later,
      lastSuccess: later,
      series: [
        { ...series('a', later), anomalyEvents: [{ start: later, end: later, maxScore: 0.9, value: 1, expected: 0 }] },
      ],
    });
    engine.loadState();
    const s = engine.targets[0].states.get('rack="a"')!;
    expect(await errors(engine)).toEqual({ 'rack_power/clock': 1 });
    expect(s.fittedAt).toBe(-Infinity);
    expect(s.selectedAt).toBe(NOW);
    expect(s.anomalyEvents).toEqual([]);
    expect(engine.targets[0].needsFullFetch).toBe(true);
  });

  it('saves marks left from before the clock went back so that the next start realigns them, not drops them', async () => {
    const d = dir();
    const hourAhead = NOW + 3_600_000;
    const first = engineAt(d);
    const event = { start: NOW - 600_000, end: NOW + 1_800_000, maxScore: 0.9, value: 1, expected: 0 };
    saveTargetState(d, {
      target: 'rack_power',
      definition: first.targets[0].definition,
      savedAt: hourAhead,
      lastSuccess: hourAhead,
      series: [{ ...series('a', hourAhead), anomalyEvents: [event] }],
    });
    // Loaded an hour before its save: realigned, but its forecast (origin an hour ahead) and the event that
    // spans the jump are kept until the refit. Written back now, then loaded again.
    first.loadState();
    first.targets[0].dirty = true;
    await first.stop();
    const second = engineAt(d);
    second.loadState();
    const s = second.targets[0].states.get('rack="a"');
    expect(await errors(second)).toEqual({ 'rack_power/clock': 1 });
    expect(s?.forecast?.origin).toBe(hourAhead - STEP);
    expect(s?.anomalyEvents).toEqual([event]);
  });

  it('counts a failed write and leaves no temp file when the state path is a directory', async () => {
    const d = dir();
    const engine = engineAt(d);
    mkdirSync(statePath(d, 'rack_power'));
    const rt = engine.targets[0];
    rt.dirty = true;
    await engine.stop();
    expect(await errors(engine)).toEqual({ 'rack_power/state_write_failed': 1 });
    expect(readdirSync(d)).toEqual(['rack_power.state.json']);
  });
});

function f32(a: Float32Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}
