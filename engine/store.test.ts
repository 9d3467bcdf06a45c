/** @jest-environment ./engine/testing/nodeEnvironment.js */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTargetState, PersistedTarget, saveTargetState, statePath } from './store';

function sample(): PersistedTarget {
  return {
    target: 'rack_power',
    definition: 'def-1',
    savedAt: 1_700_000_000_000,
    lastSuccess: 1_700_000_000_000,
    series: [
      {
        key: 'rack="a"',
        labels: { rack: 'a' },
        fittedAt: 1_700_000_000_000,
        selectedAt: -Infinity,
        levelOffset: 3.25,
        anomalyScore: 0.1,
        anomalyEvents: [{ start: 1, end: 2, maxScore: 0.7, value: 10, expected: 5 }],
        month: { start: 0, kWh: 12.5, peakKWh: 1, until: 5 },
        forecast: {
          origin: 1_699_999_900_000,
          stepMs: 300_000,
          mean: Float32Array.from([1, 2.5, 3]),
          lower: Float32Array.from([0, 1.5, 2]),
          upper: Float32Array.from([2, 3.5, 4]),
          z: 1.96,
          method: 'mstl',
          seasonalities: [288],
        },
      },
    ],
  };
}

describe('persisted state', () => {
  const made: string[] = [];
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'ecoti-state-'));
    made.push(d);
    return d;
  };
  afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('round-trips forecasts exactly and leaves no temporary files', () => {
    const d = dir();
    saveTargetState(d, sample());
    expect(readdirSync(d)).toEqual(['rack_power.state.json']);
    const r = loadTargetState(d, 'rack_power', 'def-1');
    expect(r.status).toBe('ok');
    const s = (r as { state: PersistedTarget }).state;
    expect(s.series[0].forecast!.mean).toEqual(Float32Array.from([1, 2.5, 3]));
    expect(s.series[0].selectedAt).toBe(-Infinity);
    expect(s.series[0].anomalyEvents[0].maxScore).toBe(0.7);
  });

  it('reports a missing file as missing, not as an error', () => {
    expect(loadTargetState(dir(), 'rack_power', 'def-1')).toEqual({ status: 'missing' });
  });

  it('sets aside a truncated file and reports it corrupt', () => {
    const d = dir();
    saveTargetState(d, sample());
    const p = statePath(d, 'rack_power');
    writeFileSync(p, readFileSync(p, 'utf8').slice(0, 100));
    const r = loadTargetState(d, 'rack_power', 'def-1', 42);
    expect(r).toMatchObject({ status: 'corrupt', movedTo: `${p}.corrupt-42` });
    expect(readdirSync(d)).toEqual(['rack_power.state.json.corrupt-42']);
  });

  it('detects a flipped byte through the checksum', () => {
    const d = dir();
    saveTargetState(d, sample());
    const p = statePath(d, 'rack_power');
    writeFileSync(p, readFileSync(p, 'utf8').replace('3.25', '9.25'));
    expect(loadTargetState(d, 'rack_power', 'def-1')).toMatchObject({
      status: 'corrupt',
      reason: expect.stringContaining('checksum'),
    });
  });

  it('rebuilds state from another format version or another target definition', () => {
    const d = dir();
    saveTargetState(d, sample());
    const p = statePath(d, 'rack_power');
    writeFileSync(p, readFileSync(p, 'utf8').replace('"version":1', '"version":0'));
    expect(loadTargetState(d, 'rack_power', 'def-1')).toMatchObject({ status: 'old_version' });
    saveTargetState(d, sample());
    expect(loadTargetState(d, 'rack_power', 'def-2')).toMatchObject({ status: 'other_definition' });
  });
});
