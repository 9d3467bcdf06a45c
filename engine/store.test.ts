/** @jest-environment ./engine/testing/nodeEnvironment.js */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  loadTargetState,
  PersistedTarget,
  saveTargetState,
  SET_ASIDE_KEPT,
  STATE_VERSION,
  statePath,
  sweepStateDir,
} from './store';
import { CLOCK_TOLERANCE_MS } from './clockGuard';
import { Labels, seriesKey } from './labels';
import { tempDirs, writeChecksummed } from './testing/stateFiles';

const SAVED_AT = 1_700_000_000_000;
const DAY = 86_400_000;

function sample(): PersistedTarget {
  return {
    target: 'rack_power',
    definition: 'def-1',
    savedAt: SAVED_AT,
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

/** Float32 values as the state file writes them. */
function f32(values: number[]): { f32: string } {
  return { f32: Buffer.from(Float32Array.from(values).buffer).toString('base64') };
}

/** Gives a series other labels and the key that matches them, so that only the label check can refuse it. */
function relabel(x: { key: string; labels: Labels }, labels: Labels): void {
  x.labels = labels;
  x.key = seriesKey(labels);
}

/** The payload of a saved sample as plain JSON, to be altered and written back with a valid checksum. */
function savedPayload(dir: string): any {
  saveTargetState(dir, sample());
  return JSON.parse(JSON.parse(readFileSync(statePath(dir, 'rack_power'), 'utf8')).payload);
}

describe('persisted state', () => {
  const dir = tempDirs('ecoti-state-');

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
    writeFileSync(p, readFileSync(p, 'utf8').replace(`"version":${STATE_VERSION}`, '"version":0'));
    expect(loadTargetState(d, 'rack_power', 'def-1')).toMatchObject({ status: 'old_version' });
    saveTargetState(d, sample());
    expect(loadTargetState(d, 'rack_power', 'def-2')).toMatchObject({ status: 'other_definition' });
  });

  it('drops a checksum-valid series with labels: null or any wrong-typed field, and keeps the others', () => {
    const wrong: Array<[string, (x: any) => void, RegExp]> = [
      ['labels: null', (x) => (x.labels = null), /labels is not an object/],
      ['labels as a list', (x) => (x.labels = ['a']), /labels is not an object/],
      ['a numeric label value', (x) => (x.labels = { rack: 1 }), /label rack is not a string/],
      ['a reserved label name', (x) => (x.labels = { rack: 'b', target: 'x' }), /label name "target"/],
      ['a __name__ label', (x) => relabel(x, { rack: 'b', __name__: 'up' }), /label name "__name__"/],
      [
        'a __proto__ label',
        (x) => relabel(x, JSON.parse('{"__proto__": "x", "rack": "b"}')),
        /label name "__proto__" is not one the engine exports/,
      ],
      ['a label name starting with __', (x) => relabel(x, { rack: 'b', __meta: 'x' }), /label name "__meta"/],
      ['a label name with a dash', (x) => relabel(x, { rack: 'b', 'r-1': 'x' }), /label name "r-1"/],
      ['a key that is not its labels', (x) => (x.key = 'rack="z"'), /key does not match its labels/],
      ['levelOffset as text', (x) => (x.levelOffset = '3.25'), /levelOffset is not a finite number/],
      ['fittedAt: null', (x) => (x.fittedAt = null), /fittedAt is not a finite number/],
      ['an anomaly score of 7', (x) => (x.anomalyScore = 7), /anomalyScore is outside \[0, 1\]/],
      ['anomalyEvents: {}', (x) => (x.anomalyEvents = {}), /anomalyEvents is not a list/],
      ['an event ending first', (x) => (x.anomalyEvents[0].end = 0), /anomalyEvents\[0\] ends before it starts/],
      ['month.kWh as text', (x) => (x.month.kWh = '12'), /month\.kWh is not a finite number/],
      ['a short lower bound', (x) => (x.forecast.lower = { f32: 'AACAPw==' }), /differ in length/],
      ['a NaN in the mean', (x) => (x.forecast.mean = { f32: 'AADAfw==' }), /forecast\.mean holds a non-finite/],
      ['a partial float', (x) => (x.forecast.mean = { f32: 'AAA=' }), /partial float/],
      ['stepMs: 0', (x) => (x.forecast.stepMs = 0), /step and z must be positive/],
      ['stepMs: 1e300', (x) => (x.forecast.stepMs = 1e300), /forecast\.stepMs 1e\+300 is outside the steps/],
      [
        'a step of half a second',
        (x) => (x.forecast.stepMs = 500),
        /forecast\.stepMs 500 is outside .*1000 to 86400000/,
      ],
      ['z: 1e300', (x) => (x.forecast.z = 1e300), /forecast\.z 1e\+300 is beyond that of any interval level/],
      ['a lower bound above the upper', (x) => (x.forecast.lower = f32([0, 4, 2])), /step 1 has its mean outside/],
      ['a mean above its band', (x) => (x.forecast.mean = f32([1, 2.5, 4.5])), /step 2 has its mean outside/],
      ['a mean below its band', (x) => (x.forecast.mean = f32([-1, 2.5, 3])), /step 0 has its mean outside/],
      ['selectedAt: 1e300', (x) => (x.selectedAt = 1e300), /selectedAt 1e\+300 is not a date/],
      [
        'selectedAt a day after the save',
        (x) => (x.selectedAt = SAVED_AT + DAY),
        /selectedAt \d+ is after the file was saved/,
      ],
      [
        'fittedAt 2 s after the save',
        (x) => (x.fittedAt = SAVED_AT + 2000),
        /fittedAt \d+ is after the file was saved/,
      ],
      ['a forecast from the future', (x) => (x.forecast.origin = SAVED_AT + DAY), /forecast\.origin \d+ is after/],
      ['an event ending in the future', (x) => (x.anomalyEvents[0].end = SAVED_AT + DAY), /anomalyEvents\[0\]\.end/],
      ['a month counted ahead', (x) => (x.month.until = SAVED_AT + DAY), /month\.until \d+ is after/],
      ['a level correction learnt ahead', (x) => (x.levelAt = SAVED_AT + DAY), /levelAt \d+ is after/],
      ['a level correction at no date', (x) => (x.levelAt = 'soon'), /levelAt is not a finite number/],
      [
        'an event before any date',
        (x) => (x.anomalyEvents[0].start = -1e300),
        /anomalyEvents\[0\]\.start -1e\+300 is not a date/,
      ],
      ['a fractional season', (x) => (x.forecast.seasonalities = [1.5]), /whole periods/],
      ['an unknown chosen model', (x) => (x.chosenModel = { name: 'prophet' }), /chosenModel: unknown forecast method/],
      [
        'an ensemble of unknown models',
        (x) => (x.chosenModel = { name: 'ensemble', components: ['mstl', 'lineer'] }),
        /chosenModel: ensemble\(mstl\+lineer\) combines unknown model "lineer"/,
      ],
      ['auto as a choice', (x) => (x.chosenModel = { name: 'auto' }), /chosenModel: auto is not a chosen model/],
    ];
    for (const [what, spoil, reason] of wrong) {
      const d = dir();
      const payload = savedPayload(d);
      const good = payload.series[0];
      const bad = JSON.parse(JSON.stringify({ ...good, key: 'rack="b"', labels: { rack: 'b' } }));
      spoil(bad);
      payload.series = [bad, good];
      writeChecksummed(d, 'rack_power', payload);
      const r = loadTargetState(d, 'rack_power', 'def-1');
      expect([what, r.status]).toEqual([what, 'ok']);
      const { state, dropped } = r as Extract<typeof r, { status: 'ok' }>;
      expect([what, state.series.map((x) => x.key)]).toEqual([what, ['rack="a"']]);
      expect([what, dropped]).toEqual([what, [{ key: expect.any(String), reason: expect.stringMatching(reason) }]]);
      // The file is kept: the next save replaces it with the series that survived.
      expect(readdirSync(d)).toEqual(['rack_power.state.json']);
    }
  });

  it("reads a version 1 file's chosen method as a typed model, and drops a series whose method is unknown", () => {
    const d = dir();
    const payload = savedPayload(d);
    const good = payload.series[0];
    good.chosenMethod = 'ensemble(seasonal-mean+mstl)';
    const bad = { ...good, key: 'rack="b"', labels: { rack: 'b' }, chosenMethod: 'prophet' };
    const none = { ...good, key: 'rack="c"', labels: { rack: 'c' }, chosenMethod: undefined };
    payload.series = [good, bad, none];
    writeChecksummed(d, 'rack_power', payload, 1);
    const r = loadTargetState(d, 'rack_power', 'def-1') as Extract<
      ReturnType<typeof loadTargetState>,
      { status: 'ok' }
    >;
    expect(r.status).toBe('ok');
    expect(r.state.series.map((x) => [x.key, x.chosenModel])).toEqual([
      ['rack="a"', { name: 'ensemble', components: ['seasonal-mean', 'mstl'] }],
      ['rack="c"', undefined],
    ]);
    expect(r.dropped).toEqual([
      { key: 'rack="b"', reason: expect.stringMatching(/^chosenMethod: unknown forecast method "prophet"/) },
    ]);
  });

  it("keeps times within the clock's jitter tolerance of the save, and a file saved ahead of now", () => {
    const d = dir();
    const payload = savedPayload(d);
    payload.series[0].selectedAt = SAVED_AT + CLOCK_TOLERANCE_MS;
    payload.lastSuccess = SAVED_AT + CLOCK_TOLERANCE_MS;
    writeChecksummed(d, 'rack_power', payload);
    // Loaded a day before its save (the clock went back while the engine was down): clockGuard realigns it.
    const r = loadTargetState(d, 'rack_power', 'def-1', SAVED_AT - DAY);
    expect(r).toMatchObject({ status: 'ok', dropped: [] });
    expect((r as { state: PersistedTarget }).state.series[0].selectedAt).toBe(SAVED_AT + CLOCK_TOLERANCE_MS);
  });

  it('drops the second of two series with the same key', () => {
    const d = dir();
    const payload = savedPayload(d);
    payload.series = [payload.series[0], { ...payload.series[0], levelOffset: 99 }];
    writeChecksummed(d, 'rack_power', payload);
    const r = loadTargetState(d, 'rack_power', 'def-1') as { state: PersistedTarget; dropped: unknown[] };
    expect(r.state.series.map((x) => x.levelOffset)).toEqual([3.25]);
    expect(r.dropped).toEqual([{ key: 'rack="a"', reason: 'a second series with the same key' }]);
  });

  it('sets aside a checksum-valid file whose top level is wrong, without throwing', () => {
    for (const spoil of [
      (p: any) => (p.series = null),
      (p: any) => (p.savedAt = 'yesterday'),
      (p: any) => (p.target = 7),
      (p: any) => Object.assign(p, { series: 'x' }),
      (p: any) => (p.savedAt = 1e300),
      (p: any) => (p.lastSuccess = SAVED_AT + DAY),
    ]) {
      const d = dir();
      const payload = savedPayload(d);
      spoil(payload);
      writeChecksummed(d, 'rack_power', payload);
      expect(loadTargetState(d, 'rack_power', 'def-1', 7)).toMatchObject({
        status: 'corrupt',
        reason: expect.stringContaining('unexpected shape'),
      });
      expect(readdirSync(d)).toEqual(['rack_power.state.json.corrupt-7']);
    }
    const d = dir();
    writeChecksummed(d, 'rack_power', null);
    expect(loadTargetState(d, 'rack_power', 'def-1')).toMatchObject({ status: 'corrupt' });
  });

  it('keeps a label named f32 or a label valued "Infinity" as the text it is', () => {
    const d = dir();
    const s = sample();
    s.series[0].labels = { f32: 'AAAAAA==', rack: 'Infinity' };
    s.series[0].key = 'f32="AAAAAA==",rack="Infinity"';
    saveTargetState(d, s);
    const r = loadTargetState(d, 'rack_power', 'def-1') as { state: PersistedTarget };
    expect(r.state.series[0].labels).toEqual({ f32: 'AAAAAA==', rack: 'Infinity' });
  });

  it('removes its temp file when a write fails: the state path is a directory', () => {
    const d = dir();
    mkdirSync(statePath(d, 'rack_power'));
    expect(() => saveTargetState(d, sample())).toThrow(/EISDIR|directory/);
    expect(readdirSync(d)).toEqual(['rack_power.state.json']);
  });

  it('fails cleanly when the state directory is a file', () => {
    const d = dir();
    const file = join(d, 'not-a-dir');
    writeFileSync(file, 'x');
    expect(() => saveTargetState(file, sample())).toThrow();
    expect(readdirSync(d)).toEqual(['not-a-dir']);
  });

  it('sweeps the temp files a crash left, and only those, and keeps the newest set-aside files', () => {
    const d = dir();
    saveTargetState(d, sample());
    const orphans = [
      'rack_power.state.json.tmp-4242-1700000000000-3',
      'rack_power.state.json.tmp-17-1700000000000',
      'host_power.state.json.tmp-1-1-1',
    ];
    const others = ['notes.txt', 'rack_power.state.json.tmp-manual', 'other.json.tmp-1-2'];
    for (const name of [...orphans, ...others]) {
      writeFileSync(join(d, name), 'partial');
    }
    mkdirSync(join(d, 'sub'));
    writeFileSync(join(d, 'sub', 'rack_power.state.json.tmp-1-2-3'), 'not ours to touch');
    const setAside = [10, 20, 30, 40, 50].map((t) => `rack_power.state.json.corrupt-${t}`);
    for (const name of [...setAside, 'rack_power.state.json.old_version-45', 'host_power.state.json.corrupt-1']) {
      writeFileSync(join(d, name), 'old');
    }
    const swept = sweepStateDir(d);
    expect(swept.temps.sort()).toEqual([...orphans].sort());
    expect(swept.setAside.sort()).toEqual([
      'rack_power.state.json.corrupt-10',
      'rack_power.state.json.corrupt-20',
      'rack_power.state.json.corrupt-30',
    ]);
    expect(readdirSync(d).sort()).toEqual(
      [
        ...others,
        'sub',
        'rack_power.state.json',
        'rack_power.state.json.corrupt-40',
        'rack_power.state.json.corrupt-50',
        'rack_power.state.json.old_version-45',
        'host_power.state.json.corrupt-1',
      ].sort()
    );
    expect(readdirSync(join(d, 'sub'))).toHaveLength(1);
    expect(loadTargetState(d, 'rack_power', 'def-1').status).toBe('ok');
    expect(sweepStateDir(join(d, 'absent'))).toEqual({ temps: [], setAside: [] });
  });

  it('keeps at most SET_ASIDE_KEPT set-aside files of a target however often its file is corrupt', () => {
    const d = dir();
    for (let t = 1; t <= 6; t++) {
      saveTargetState(d, sample());
      writeFileSync(statePath(d, 'rack_power'), 'garbage');
      expect(loadTargetState(d, 'rack_power', 'def-1', t)).toMatchObject({ status: 'corrupt' });
    }
    expect(SET_ASIDE_KEPT).toBe(3);
    expect(readdirSync(d).sort()).toEqual([4, 5, 6].map((t) => `rack_power.state.json.corrupt-${t}`));
  });
});
