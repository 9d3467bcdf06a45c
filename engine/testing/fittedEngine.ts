// An engine holding fitted state without Prometheus: racks of a week of 5-minute power history, fitted by the real
// fit path, for the API, server and fuzz tests (state is set directly, as a completed update cycle leaves it).
import { parseConfig } from '../config';
import { Engine } from '../engine';
import { fitSeries } from '../fit';
import { newSeriesState } from '../series';

export const STEP = 300_000;
/** Wednesday 2024-05-15 12:02 in São Paulo. */
export const NOW = Date.UTC(2024, 4, 15, 15, 2);
export const END = NOW - (NOW % STEP);

export interface FittedEngineOptions {
  /** Racks in the rack_power target (rack-a draws ~1000 W, rack-b ~600 W, further racks in between). */
  racks?: number;
  /** Series in the inlet temperature target; 0 leaves it as a target whose first update has not run. */
  inlets?: number;
  clock?: () => number;
}

const WEEK = 2016;

function fill(
  engine: Engine,
  name: string,
  series: Array<[string, Record<string, string>, number]>,
  kind: 'power' | 'temperature'
) {
  const rt = engine.target(name)!;
  for (const [key, labels, base] of series) {
    const s = newSeriesState(key, labels, 1, WEEK, STEP, 0);
    for (let k = 0; k < WEEK; k++) {
      const t = END - (WEEK - 1 - k) * STEP;
      s.history.push(t, base + 0.2 * base * Math.sin((2 * Math.PI * k) / 288) + ((k * 7919) % 13) * (base / 1000));
    }
    fitSeries(s, { kind, pathSteps: 301, level: 0.95, method: 'auto', reselectMs: 86_400_000, replaySteps: 12 }, NOW);
    rt.states.set(s.key, s);
  }
  rt.matchedSeries = rt.states.size;
  rt.ready = true;
  rt.lastSuccess = NOW - 1000;
  rt.fetchedUntil = END;
}

export function fittedEngine(options: FittedEngineOptions = {}): Engine {
  const { racks = 2, inlets = 0 } = options;
  const config = parseConfig({
    stateDir: '/nonexistent/ecoti-test',
    targets: [
      {
        name: 'rack_power',
        promql: 'sum by (rack) (x)',
        kind: 'power',
        horizons: ['1h', '24h'],
        threshold: { value: 1150 },
        budget: { kWhPerMonth: 500 },
      },
      { name: 'inlet', promql: 'y', kind: 'temperature', horizons: ['1h'] },
    ],
  });
  const engine = new Engine({ config, clock: options.clock ?? (() => NOW) });
  fill(
    engine,
    'rack_power',
    Array.from({ length: racks }, (_, i) => {
      const rack = `rack-${String.fromCharCode(97 + i)}`;
      return [`rack="${rack}"`, { rack }, i === 0 ? 1000 : i === 1 ? 600 : 700 + 10 * i];
    }),
    'power'
  );
  for (const s of engine.target('rack_power')!.states.values()) {
    s.month = { start: Date.UTC(2024, 4, 1, 3), kWh: 300, peakKWh: 40, until: END };
    s.anomalyScore = s.labels.rack === 'rack-a' ? 0.8 : 0.1;
    s.anomalyEvents =
      s.labels.rack === 'rack-a' ? [{ start: END - STEP, end: END, maxScore: 0.8, value: 1500, expected: 1000 }] : [];
  }
  if (inlets > 0) {
    fill(
      engine,
      'inlet',
      Array.from({ length: inlets }, (_, i) => {
        const instance = `srv-a${String(i + 1).padStart(2, '0')}`;
        return [`instance="${instance}"`, { instance }, 22 + i / 10];
      }),
      'temperature'
    );
  }
  return engine;
}
