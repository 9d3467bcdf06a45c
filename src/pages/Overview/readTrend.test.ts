import { buildTrendFrame } from '../../datasource/frames/insightFrames';
import { readTrends } from './readTrend';

const trend = (series: string, slopePerDay: number, lower: number, upper: number, changepoints: number[] = []) => ({
  series,
  labels: {},
  unit: 'watt',
  slopePerDay,
  lower,
  upper,
  changepoints,
});

describe('readTrends', () => {
  it('reads the slope with its 95% range and says which way it points only when the range is clear of zero', () => {
    const rows = readTrends([
      buildTrendFrame('trend', [trend('site', 12, 8, 15, [1, 5]), trend('b', -3, -5, -1), trend('c', 0.5, -1, 2)]),
    ]);
    expect(rows.map((r) => r.direction)).toEqual(['rising', 'falling', 'flat']);
    expect(rows[0]).toEqual({
      series: 'site',
      slopePerDay: 12,
      lower: 8,
      upper: 15,
      unit: 'watt',
      changepoints: 2,
      lastChange: 5,
      direction: 'rising',
    });
    expect(rows[1].lastChange).toBeNull();
  });
});
