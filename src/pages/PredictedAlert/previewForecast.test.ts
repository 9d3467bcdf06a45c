import type { UpstreamSeries } from '../../datasource/frames/toSeries';
import { MAX_PREVIEW_SERIES, previewForecast } from './previewForecast';

const MIN = 60_000;
const HOUR = 60 * MIN;
const NOW = Date.UTC(2026, 10, 30, 12);

function series(name: string, value: (t: number) => number, points = 7 * 24 * 12, stepMs = 5 * MIN): UpstreamSeries {
  const timestamps = Float64Array.from({ length: points }, (_, i) => NOW - (points - 1 - i) * stepMs);
  return { key: name, name, labels: { host: name }, timestamps, values: timestamps.map(value) };
}

describe('previewForecast', () => {
  it('reads a joules counter as the engine does: average watts per step, then forecasts and times the crossing', () => {
    // 1,200 W held: 1,200 J a second, 360,000 J per 5-minute step; the exporter restarts and counts from zero.
    const counter = series('srv-01', (t) => {
      const s = (t - (NOW - 7 * 24 * HOUR)) / 1000;
      return t < NOW - 2 * 24 * HOUR ? 1_200 * s : 1_200 * (s - 5 * 24 * 3600 + 300);
    });
    const p = previewForecast([counter], {
      kind: 'energy_counter_joules',
      threshold: 1_500,
      direction: 'above',
      leadMs: 24 * HOUR,
    });
    expect(p.failed).toEqual([]);
    const s = p.series[0];
    expect(s.history.values.length).toBe(counter.values.length - 1);
    // Every step reads 1,200 W, the restart included (a drop reads as a count from zero, as rate() does).
    const finite = [...s.history.values].filter(Number.isFinite);
    expect(Math.min(...finite)).toBeCloseTo(1_200, 6);
    expect(Math.max(...finite)).toBeCloseTo(1_200, 6);
    expect(s.forecast.mean[0]).toBeCloseTo(1_200, 0);
    expect(s.forecast.timestamps.length).toBe(24 * 12);
    expect(s.crossing.mean).toBe(Infinity);
    expect(
      previewForecast([counter], { kind: 'energy_counter_joules', threshold: 1_000, direction: 'above', leadMs: HOUR })
        .series[0].crossing
    ).toEqual({
      mean: 0,
      lower: 0,
      upper: 0,
    });
  });

  it('lists the soonest crossing first and reports, rather than throws on, a series it cannot forecast', () => {
    const flat = series('flat', () => 100);
    const rising = series('rising', (t) => 100 + (t - NOW) / HOUR);
    const empty = series('empty', () => NaN);
    const p = previewForecast([flat, empty, rising], {
      kind: 'power',
      threshold: 110,
      direction: 'above',
      leadMs: 48 * HOUR,
    });
    expect(p.series.map((s) => s.name)).toEqual(['{host="rising"}', '{host="flat"}']);
    expect(p.series[0].crossing.mean / 3600).toBeGreaterThan(8);
    expect(p.series[0].crossing.mean / 3600).toBeLessThan(12);
    expect(p.failed).toEqual([
      { name: 'empty', message: 'needs at least two readings in the training window to forecast.' },
    ]);
  });

  it('previews at most MAX_PREVIEW_SERIES series and counts the rest', () => {
    const many = Array.from({ length: MAX_PREVIEW_SERIES + 3 }, (_, i) => series(`h${i}`, () => i, 48));
    const p = previewForecast(many, { kind: 'power', threshold: 1_000, direction: 'above', leadMs: HOUR });
    expect(p.series).toHaveLength(MAX_PREVIEW_SERIES);
    expect(p.skipped).toBe(3);
  });
});
