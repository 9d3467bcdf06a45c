import { buildForecastFrame } from '../../datasource/frames/forecastFrame';
import { monthTotal } from './monthToDate';
import { monthWindow } from './overviewRequests';

const HOUR = 3_600_000;
const range = (from: number, to: number) =>
  Array.from({ length: Math.round((to - from) / HOUR) }, (_, i) => from + i * HOUR);

/** A real predict frame: hourly history of `historyKWh` per step, then a flat forecast with its band. */
function frame(opts: {
  from: number;
  now: number;
  until: number;
  historyKWh: number;
  mean: number;
  lower: number;
  upper: number;
  factor?: number;
}) {
  const history = range(opts.from, opts.now);
  const future = range(opts.now, opts.until);
  return buildForecastFrame({
    refId: 'energy',
    name: 'site',
    labels: {},
    history: { timestamps: history, values: history.map(() => opts.historyKWh) },
    forecast: {
      timestamps: future,
      mean: future.map(() => opts.mean),
      lower: future.map(() => opts.lower),
      upper: future.map(() => opts.upper),
      method: 'seasonal-naive',
      seasonalities: [24],
      model: { name: 'seasonal-naive', seasonalities: [24] },
      notes: [],
    },
    factorAt: () => opts.factor ?? 1,
    unit: 'kwatth',
    quantity: 'kWh',
    level: 0.95,
    colourIndex: 0,
    stepMs: HOUR,
    notices: [],
  });
}

describe('monthTotal', () => {
  // 16 November 2026, 12:00 UTC: 15.5 days (372 h) of November gone, 14.5 days (348 h) to go.
  const now = Date.UTC(2026, 10, 16, 12);
  const win = monthWindow(now, 'UTC');

  it('adds the month’s history so far to the forecast mean for the rest of the month', () => {
    const f = frame({ from: win.monthStart, now, until: win.monthEnd, historyKWh: 2, mean: 3, lower: 2.5, upper: 4 });
    const m = monthTotal([f], win)!;
    expect(m.soFar).toBeCloseTo(372 * 2, 9);
    // The forecast's first row repeats the last observation to join the lines; it is not counted twice.
    expect(m.rest).toBeCloseTo(348 * 3, 9);
    expect(m.total).toBeCloseTo(744 + 1044, 9);
    expect(m).toMatchObject({ unit: 'kwatth', level: 0.95, coversMonth: true, missingSteps: 0, series: 1 });
  });

  it('gives the range as the sums of the per-step bounds', () => {
    const m = monthTotal(
      [frame({ from: win.monthStart, now, until: win.monthEnd, historyKWh: 2, mean: 3, lower: 2.5, upper: 4 })],
      win
    )!;
    expect(m.totalLower).toBeCloseTo(744 + 348 * 2.5, 9);
    expect(m.totalUpper).toBeCloseTo(744 + 348 * 4, 9);
  });

  it('ignores history before the month and forecast after it, and sums several series', () => {
    const a = frame({
      from: win.monthStart - 48 * HOUR,
      now,
      until: win.monthEnd + 24 * HOUR,
      historyKWh: 1,
      mean: 1,
      lower: 1,
      upper: 1,
    });
    const b = frame({ from: win.monthStart, now, until: win.monthEnd, historyKWh: 10, mean: 10, lower: 9, upper: 11 });
    const m = monthTotal([a, b], win)!;
    expect(m.soFar).toBeCloseTo(372 * 11, 9);
    expect(m.rest).toBeCloseTo(348 * 11, 9);
    expect(m.series).toBe(2);
  });

  it('says when the forecast stops before the month ends', () => {
    const m = monthTotal(
      [frame({ from: win.monthStart, now, until: now + 24 * HOUR, historyKWh: 2, mean: 3, lower: 2, upper: 4 })],
      win
    )!;
    expect(m.coversMonth).toBe(false);
    expect(m.rest).toBeCloseTo(24 * 3, 9);
  });

  it('counts the steps without data instead of guessing them', () => {
    const f = frame({ from: win.monthStart, now, until: win.monthEnd, historyKWh: 2, mean: 3, lower: 2, upper: 4 });
    const value = f.fields[1].values as Array<number | null>;
    value[0] = value[1] = null;
    const m = monthTotal([f], win)!;
    expect(m.missingSteps).toBe(2);
    expect(m.soFar).toBeCloseTo(370 * 2, 9);
  });

  it('gives nothing for frames that are not forecasts', () => {
    expect(monthTotal([], win)).toBeNull();
  });
});

describe('monthWindow', () => {
  it('starts the month at local midnight of the site, not UTC', () => {
    // 1 November 01:00 UTC is still 31 October 22:00 in São Paulo (UTC−3).
    const win = monthWindow(Date.UTC(2026, 10, 1, 1), 'America/Sao_Paulo');
    expect(new Date(win.monthStart).toISOString()).toBe('2026-10-01T03:00:00.000Z');
    expect(new Date(win.monthEnd).toISOString()).toBe('2026-11-01T03:00:00.000Z');
  });

  it('spans a whole month in UTC', () => {
    const win = monthWindow(Date.UTC(2026, 1, 14), 'UTC');
    expect((win.monthEnd - win.monthStart) / (24 * HOUR)).toBe(28);
  });
});
