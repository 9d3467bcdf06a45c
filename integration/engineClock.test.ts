/** @jest-environment ./engine/testing/nodeEnvironment.js */
// Clock jumps against a real Prometheus: an engine whose clock is injected runs its update cycles while the
// clock jumps 30 days ahead, 2 hours back and 3 days back, and then runs ahead of every sample Prometheus has.
// Each jump must be counted (kind clock) and, once recovered, every series must again have forecast points
// from the new "now" on, as the API serves them.
import { parseConfig } from '../engine/config';
import { Engine } from '../engine/engine';
import { forecastPath } from '../engine/predict';
import { removeDir, tempDir } from './harness';
import { PrometheusServer, startPrometheus } from './support/prometheusServer';

jest.setTimeout(90_000);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const STEP = 5 * MINUTE;
/** The engine's first "now": 40 days before the real one, on the hour, so every sample is in Prometheus' past. */
const T0 = Math.floor((Date.now() - 40 * DAY) / HOUR) * HOUR;
/** Two islands of history: around T0, and the five days up to T0 + 30 d. Nothing after T0 + 30 d. */
const ISLANDS: Array<[number, number]> = [
  [T0 - 2 * DAY - HOUR, T0],
  [T0 + 25 * DAY - 3 * HOUR, T0 + 30 * DAY],
];
const RACKS = { 'rack-a': 1000, 'rack-b': 600 };

function openMetrics(): string {
  const lines = ['# TYPE clock_rack_power_watts gauge'];
  for (const [rack, base] of Object.entries(RACKS)) {
    for (const [from, to] of ISLANDS) {
      for (let t = from; t <= to; t += STEP) {
        const v = base * (1 + 0.2 * Math.sin((2 * Math.PI * t) / DAY));
        lines.push(`clock_rack_power_watts{rack="${rack}"} ${v.toFixed(2)} ${t / 1000}`);
      }
    }
  }
  return `${lines.join('\n')}\n# EOF\n`;
}

describe('engine under clock jumps (real Prometheus)', () => {
  let prometheus: PrometheusServer;
  const stateDir = tempDir('clock-state');
  let now = T0;
  let engine: Engine;

  beforeAll(async () => {
    prometheus = await startPrometheus({ openMetrics: openMetrics() });
    const config = parseConfig({
      prometheus: { url: prometheus.url, timeout: '10s', retries: 0 },
      stateDir,
      schedule: { update: '1m', refit: '1h' },
      training: { window: '2d', step: '5m', method: 'seasonal-mean' },
      targets: [
        { name: 'rack_power', promql: 'clock_rack_power_watts', kind: 'power', horizons: ['1h', '6h'], anomaly: false },
      ],
    });
    engine = new Engine({ config, clock: () => now });
  });

  afterAll(async () => {
    await prometheus?.stop();
    removeDir(stateDir);
  });

  const rt = () => engine.targets[0];

  async function clockErrors(): Promise<number> {
    const v = (await engine.metrics.errors.get()).values.find((x) => x.labels.kind === 'clock');
    return v?.value ?? 0;
  }

  /** Forecast points over the next hour per series, as /api/ai/predict serves them, and the newest origin. */
  function pointsNextHour(): number[] {
    return [...rt().states.values()].map((s) => forecastPath(s, now, HOUR).length);
  }

  function origins(): number[] {
    return [...rt().states.values()].map((s) => s.forecast?.origin ?? NaN);
  }

  /** Runs update rounds at the current clock until the target has succeeded at it (backoff is honoured). */
  async function update(): Promise<void> {
    await engine.runDueTargets();
  }

  it('forecasts both racks at the first clock', async () => {
    await update();
    expect(rt().lastError).toBeUndefined();
    expect(rt().states.size).toBe(2);
    expect(pointsNextHour()).toEqual([13, 13]);
    expect(await clockErrors()).toBe(0);
    // An ordinary minute later is not a jump.
    now += MINUTE;
    await update();
    expect(await clockErrors()).toBe(0);
  });

  it('30 days ahead: counts the jump, fetches history again and refits at the new time', async () => {
    now = T0 + 30 * DAY;
    await update();
    expect(await clockErrors()).toBe(1);
    expect(rt().lastError).toBeUndefined();
    expect(rt().states.size).toBe(2);
    expect(origins().every((o) => o <= now && o > now - 2 * HOUR)).toBe(true);
    expect(pointsNextHour()).toEqual([13, 13]);
  });

  it('2 hours back: counts the jump, drops the future-dated history and serves points from the new now', async () => {
    // Without the recovery the 1 h forecast would start 2 h ahead of "now": no points in the next hour.
    now = T0 + 30 * DAY - 2 * HOUR;
    await update();
    expect(await clockErrors()).toBe(2);
    expect(rt().lastError).toBeUndefined();
    expect(origins().every((o) => o <= now && o > now - 2 * HOUR)).toBe(true);
    expect([...rt().states.values()].every((s) => s.history.lastT <= now)).toBe(true);
    expect(pointsNextHour()).toEqual([13, 13]);
  });

  it('3 days back: the same, and the target runs at once instead of waiting for its next run 3 days later', async () => {
    now = T0 + 27 * DAY - 2 * HOUR;
    await update();
    expect(await clockErrors()).toBe(3);
    expect(rt().nextRunAt).toBeLessThanOrEqual(now + MINUTE);
    expect(origins().every((o) => o <= now && o > now - 2 * HOUR)).toBe(true);
    expect(pointsNextHour()).toEqual([13, 13]);
    expect(engine.isStale(rt(), now)).toBe(false);
  });

  it('ahead of every sample: keeps both series, fails the cycle as clock (stale), recovers when the clock is back', async () => {
    now = T0 + 60 * DAY;
    await update();
    // One for the jump, one for the cycle that found no data at the new time.
    expect(await clockErrors()).toBe(5);
    expect(rt().states.size).toBe(2);
    expect(rt().lastErrorKind).toBe('clock');
    expect(engine.isStale(rt(), now)).toBe(true);
    // The clock is corrected back to where the data are.
    now = T0 + 30 * DAY;
    await update();
    expect(await clockErrors()).toBe(6);
    expect(rt().lastError).toBeUndefined();
    expect(engine.isStale(rt(), now)).toBe(false);
    expect(pointsNextHour()).toEqual([13, 13]);
  });

  it('after a restart with the clock 3 days behind the saved state: counted at load, points after the first update', async () => {
    await engine.stop();
    const config = engine.config;
    now = T0 + 27 * DAY;
    engine = new Engine({ config, clock: () => now });
    engine.loadState();
    expect(await clockErrors()).toBe(1);
    expect(rt().states.size).toBe(2);
    await update();
    expect(await clockErrors()).toBe(1);
    expect(origins().every((o) => o <= now && o > now - 2 * HOUR)).toBe(true);
    expect(pointsNextHour()).toEqual([13, 13]);
  });
});
