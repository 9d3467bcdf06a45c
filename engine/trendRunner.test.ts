/** @jest-environment ./engine/testing/nodeEnvironment.js */
import { Logger } from './log';
import { SeriesInput, seriesTrend } from './seriesTrend';
import { TrendRunner } from './trendRunner';

const STEP = 300_000;

/** Two weeks at 5 minutes: a daily cycle on a slope of `perDay`, and a step up of 100 in the last third. */
function series(perDay: number): SeriesInput {
  const n = 4032;
  const timestamps = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    timestamps[i] = Date.UTC(2024, 4, 1) + i * STEP;
    values[i] = 500 + (perDay * i) / 288 + 50 * Math.sin((2 * Math.PI * i) / 288) + (i > 2700 ? 100 : 0);
  }
  return { timestamps, values };
}

const runners: TrendRunner[] = [];
afterAll(() => Promise.all(runners.map((r) => r.close())));

describe('TrendRunner', () => {
  it('computes trends in a worker thread, exactly as on the main thread', async () => {
    const runner = new TrendRunner(new Logger('silent'));
    runners.push(runner);
    const trends = await runner.run(() => [series(0), series(10), series(-5)]);
    expect(runner.lastRunIn).toBe('worker');
    expect(trends).toEqual([series(0), series(10), series(-5)].map(seriesTrend));
    expect((trends[1] as { slopePerDay: number }).slopePerDay).toBeGreaterThan(
      (trends[0] as { slopePerDay: number }).slopePerDay
    );
  });

  it('names the series the ML core cannot analyse instead of failing the batch', async () => {
    const runner = new TrendRunner(new Logger('silent'));
    runners.push(runner);
    // Lengths that disagree: the ML core refuses the series, with a message.
    const broken = () => ({ timestamps: new Float64Array([0, STEP, 2 * STEP]), values: new Float64Array([1, 2]) });
    const trends = await runner.run(() => [series(1), broken()]);
    expect(trends[0]).toHaveProperty('slopePerDay');
    expect(trends[1]).toEqual({ error: 'The series has 3 timestamps but 2 values.' });
    expect(trends[1]).toEqual(seriesTrend(broken()));
  });

  it('falls back to the main thread, for good, when no worker can start', async () => {
    const lines: string[] = [];
    const runner = new TrendRunner(new Logger('warn', (l) => lines.push(l)), {
      file: '/nonexistent/trendWorker.js',
      execArgv: [],
    });
    runners.push(runner);
    const trends = await runner.run(() => [series(3)]);
    expect(runner.lastRunIn).toBe('inline');
    expect(trends).toEqual([seriesTrend(series(3))]);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]).msg).toBe('trend worker failed; computing trends on the main thread in slices');
    await runner.run(() => [series(3)]);
    expect(lines).toHaveLength(1);
  });
});
