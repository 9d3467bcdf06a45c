// Turns a state file's payload back into typed state, checking every field before the engine uses it: a file
// can pass its checksum and still hold what this engine never writes (a hand edit, a bug in an older build).
// A bad series is dropped with its reason (it is rebuilt from Prometheus); a bad file as a whole is refused.
import { CLOCK_TOLERANCE_MS } from './clockGuard';
import { DURATION_BOUNDS } from './configSchema';
import { parseDuration } from './duration';
import {
  forecastMethodFor,
  forecastMethodProblem,
  ForecastModelChoice,
  MAX_FORECAST_HORIZON,
  readForecastMethod,
} from './ml';
import { Labels, RESERVED_LABELS, seriesKey } from './labels';
import { AnomalyEvent, ForecastPath, MAX_EVENTS, MonthEnergy } from './series';
import type { PersistedFields, PersistedSeries, PersistedTarget } from './store';

/** A field that does not hold what the engine writes there. */
export class StateShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StateShapeError';
  }
}

export interface DecodedTarget {
  state: PersistedTarget;
  /** Series left out, each with what was wrong. */
  dropped: Array<{ key: string; reason: string }>;
}

type Json = Record<string, unknown>;

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** The range of a Date (±8.64e15 ms): a time beyond it cannot be logged or served (toISOString throws). */
const MAX_DATE_MS = 8.64e15;
/** The step of any target the config accepts (training.step's bounds; chooseStep never leaves them). */
const MIN_STEP_MS = parseDuration(DURATION_BOUNDS['training.step'].min)!;
const MAX_STEP_MS = parseDuration(DURATION_BOUNDS['training.step'].max)!;
/** The z of the highest interval level below 1 a double holds (training.level < 1): zForLevel gives 8.29. */
const MAX_Z = 8.3;

function fail(message: string): never {
  throw new StateShapeError(message);
}

function isPlainObject(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && Object.getPrototypeOf(x) === Object.prototype;
}

function object(x: unknown, what: string): Json {
  return isPlainObject(x) ? x : fail(`${what} is not an object`);
}

function finite(x: unknown, what: string): number {
  return typeof x === 'number' && Number.isFinite(x) ? x : fail(`${what} is not a finite number`);
}

/**
 * An instant no later than `latest` (the file's savedAt plus the clock's jitter tolerance): the engine stamps
 * every time before it saves, so a later one was not written by it, and one far ahead would hold a series back
 * (a model choice dated next century is never re-selected).
 */
function time(x: unknown, what: string, latest: number): number {
  const t = finite(x, what);
  if (Math.abs(t) > MAX_DATE_MS) {
    fail(`${what} ${t} is not a date`);
  }
  return t <= latest ? t : fail(`${what} ${t} is after the file was saved (savedAt + ${CLOCK_TOLERANCE_MS} ms)`);
}

/** A time that may be "never" (-Infinity, written as the string "-Infinity"). */
function timeOrNever(x: unknown, what: string, latest: number): number {
  return x === '-Infinity' ? -Infinity : time(x, what, latest);
}

function string(x: unknown, what: string): string {
  return typeof x === 'string' ? x : fail(`${what} is not a string`);
}

function unitInterval(x: unknown, what: string): number {
  const v = finite(x, what);
  return v >= 0 && v <= 1 ? v : fail(`${what} is outside [0, 1]`);
}

/** Float32 path values, written as { f32: base64 }; every value must be finite. */
function floats(x: unknown, what: string): Float32Array {
  const b64 = string(object(x, what).f32, `${what}.f32`);
  const buf = Buffer.from(b64, 'base64');
  if (buf.byteLength % 4 !== 0) {
    fail(`${what} has a partial float`);
  }
  const out = new Float32Array(buf.byteLength / 4);
  new Uint8Array(out.buffer).set(buf);
  if (!out.every(Number.isFinite)) {
    fail(`${what} holds a non-finite value`);
  }
  return out;
}

function labels(x: unknown): Labels {
  const o = object(x, 'labels');
  for (const [name, value] of Object.entries(o)) {
    // Prometheus reserves names starting with __ (__name__); "__proto__" would also reach Object.prototype.
    if (!LABEL_NAME.test(name) || name.startsWith('__') || RESERVED_LABELS.has(name)) {
      fail(`label name ${JSON.stringify(name)} is not one the engine exports`);
    }
    string(value, `label ${name}`);
  }
  return o as Labels;
}

function event(x: unknown, i: number, latest: number): AnomalyEvent {
  const o = object(x, `anomalyEvents[${i}]`);
  const start = time(o.start, `anomalyEvents[${i}].start`, latest);
  const end = time(o.end, `anomalyEvents[${i}].end`, latest);
  if (end < start) {
    fail(`anomalyEvents[${i}] ends before it starts`);
  }
  return {
    start,
    end,
    maxScore: unitInterval(o.maxScore, `anomalyEvents[${i}].maxScore`),
    value: finite(o.value, `anomalyEvents[${i}].value`),
    // The scorer may have had no expectation yet: NaN, which JSON writes as null.
    expected: o.expected === null ? NaN : finite(o.expected, `anomalyEvents[${i}].expected`),
  };
}

function month(x: unknown, latest: number): MonthEnergy | undefined {
  if (x === undefined) {
    return undefined;
  }
  const o = object(x, 'month');
  return {
    start: time(o.start, 'month.start', latest),
    kWh: finite(o.kWh, 'month.kWh'),
    peakKWh: finite(o.peakKWh, 'month.peakKWh'),
    until: time(o.until, 'month.until', latest),
  };
}

function forecast(x: unknown, latest: number): ForecastPath | undefined {
  if (x === undefined) {
    return undefined;
  }
  const o = object(x, 'forecast');
  const mean = floats(o.mean, 'forecast.mean');
  const lower = floats(o.lower, 'forecast.lower');
  const upper = floats(o.upper, 'forecast.upper');
  if (mean.length === 0 || mean.length > MAX_FORECAST_HORIZON) {
    fail(`forecast has ${mean.length} steps`);
  }
  if (lower.length !== mean.length || upper.length !== mean.length) {
    fail('forecast bounds and mean differ in length');
  }
  const stepMs = finite(o.stepMs, 'forecast.stepMs');
  const z = finite(o.z, 'forecast.z');
  if (!(stepMs > 0) || !(z > 0)) {
    fail('forecast step and z must be positive');
  }
  if (stepMs < MIN_STEP_MS || stepMs > MAX_STEP_MS) {
    fail(`forecast.stepMs ${stepMs} is outside the steps a target can have (${MIN_STEP_MS} to ${MAX_STEP_MS} ms)`);
  }
  if (z > MAX_Z) {
    fail(`forecast.z ${z} is beyond that of any interval level (at most ${MAX_Z})`);
  }
  // The ML core returns lower ≤ mean ≤ upper, and the engine's clamping and float32 rounding keep that order.
  for (let i = 0; i < mean.length; i++) {
    if (!(lower[i] <= mean[i] && mean[i] <= upper[i])) {
      fail(`forecast step ${i} has its mean outside [lower, upper]`);
    }
  }
  const seasonalities = Array.isArray(o.seasonalities) ? o.seasonalities : fail('forecast.seasonalities is not a list');
  if (!seasonalities.every((p) => Number.isInteger(p) && p > 1)) {
    fail('forecast.seasonalities holds something other than whole periods');
  }
  return {
    origin: time(o.origin, 'forecast.origin', latest),
    stepMs,
    mean,
    lower,
    upper,
    z,
    method: string(o.method, 'forecast.method'),
    seasonalities: seasonalities as number[],
  };
}

/** A model auto chose, which forecast() must accept back by name ('auto' itself is not a choice). */
function checkedChoice(choice: ForecastModelChoice, what: string): ForecastModelChoice {
  const problem =
    choice.name === 'auto' ? 'auto is not a chosen model' : forecastMethodProblem(forecastMethodFor(choice));
  return problem ? fail(`${what}: ${problem}`) : choice;
}

function chosenModel(o: Json, version: number): ForecastModelChoice | undefined {
  if (version === 1) {
    // Version 1 kept the choice as the method string it is refitted with: the ML core reads it back.
    return o.chosenMethod === undefined
      ? undefined
      : checkedChoice(readForecastMethod(string(o.chosenMethod, 'chosenMethod')).choice, 'chosenMethod');
  }
  if (o.chosenModel === undefined) {
    return undefined;
  }
  const c = object(o.chosenModel, 'chosenModel');
  const name = string(c.name, 'chosenModel.name');
  if (c.components === undefined) {
    return checkedChoice({ name }, 'chosenModel');
  }
  const parts = Array.isArray(c.components) ? c.components : fail('chosenModel.components is not a list');
  const components = parts.map((p, i) => string(p, `chosenModel.components[${i}]`));
  return checkedChoice({ name, components }, 'chosenModel');
}

function series(x: unknown, version: number, latest: number): PersistedSeries {
  const o = object(x, 'series');
  const key = string(o.key, 'key');
  const l = labels(o.labels);
  if (seriesKey(l) !== key) {
    fail('key does not match its labels');
  }
  const events = Array.isArray(o.anomalyEvents) ? o.anomalyEvents : fail('anomalyEvents is not a list');
  if (events.length > MAX_EVENTS) {
    fail(`anomalyEvents holds ${events.length} events, more than the ${MAX_EVENTS} kept`);
  }
  return {
    key,
    labels: l,
    fittedAt: timeOrNever(o.fittedAt, 'fittedAt', latest),
    selectedAt: timeOrNever(o.selectedAt, 'selectedAt', latest),
    chosenModel: chosenModel(o, version),
    levelOffset: finite(o.levelOffset, 'levelOffset'),
    ...(o.levelAt === undefined ? {} : { levelAt: time(o.levelAt, 'levelAt', latest) }),
    anomalyScore: unitInterval(o.anomalyScore, 'anomalyScore'),
    anomalyEvents: events.map((e, i) => event(e, i, latest)),
    month: month(o.month, latest),
    forecast: forecast(o.forecast, latest),
  };
}

/**
 * The latest time a series' saved state holds. A file's savedAt is at least this: the decoder refuses later times,
 * and marks left from before a backward clock jump (a forecast served stale until its refit) are then read back
 * as a file saved "after now", which clockGuard realigns, instead of a series refused.
 */
export function latestTime(s: PersistedFields): number {
  let latest = Math.max(s.fittedAt, s.selectedAt, s.forecast?.origin ?? -Infinity, s.levelAt ?? -Infinity);
  for (const e of s.anomalyEvents) {
    latest = Math.max(latest, e.start, e.end);
  }
  return s.month ? Math.max(latest, s.month.start, s.month.until) : latest;
}

/**
 * Checks and converts a parsed payload of a readable format `version` (older ones migrated); throws
 * StateShapeError when the file as a whole is unusable.
 */
export function decodeTarget(payload: unknown, version: number): DecodedTarget {
  const o = object(payload, 'the state');
  const list = Array.isArray(o.series) ? o.series : fail('series is not a list');
  // savedAt may be ahead of now (the clock went back while the engine was down: clockGuard.checkLoaded realigns).
  const savedAt = time(o.savedAt, 'savedAt', MAX_DATE_MS);
  const latest = savedAt + CLOCK_TOLERANCE_MS;
  const dropped: DecodedTarget['dropped'] = [];
  const kept = new Map<string, PersistedSeries>();
  list.forEach((x, i) => {
    const key = isPlainObject(x) && typeof x.key === 'string' ? x.key : `#${i}`;
    try {
      const s = series(x, version, latest);
      if (kept.has(s.key)) {
        fail('a second series with the same key');
      }
      kept.set(s.key, s);
    } catch (e) {
      if (!(e instanceof StateShapeError)) {
        throw e;
      }
      dropped.push({ key, reason: e.message });
    }
  });
  return {
    state: {
      target: string(o.target, 'target'),
      definition: string(o.definition, 'definition'),
      savedAt,
      lastSuccess: timeOrNever(o.lastSuccess, 'lastSuccess', latest),
      series: [...kept.values()],
    },
    dropped,
  };
}
