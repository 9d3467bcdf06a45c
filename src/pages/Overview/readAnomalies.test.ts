import { buildAnomalyRegionsFrame } from '../../datasource/frames/insightFrames';
import { topAnomalies } from './readAnomalies';

const HOUR = 3_600_000;
const t0 = Date.UTC(2026, 10, 10);
const region = (series: string, start: number, score: number) => ({
  series,
  labels: { instance: series },
  unit: 'watt',
  start,
  end: start + HOUR,
  score,
  expected: 300,
  actual: 520,
  reason: `power 520 W where about 300 W was expected`,
});

describe('topAnomalies', () => {
  it('lists the highest scores first, most recent first among equals, up to the limit', () => {
    const frame = buildAnomalyRegionsFrame('anomalies', [
      region('web-01', t0, 0.7),
      region('db-01', t0 + HOUR, 0.99),
      region('web-02', t0 + 2 * HOUR, 0.7),
      region('web-03', t0 + 3 * HOUR, 0.5),
    ]);
    const rows = topAnomalies([frame], 3);
    expect(rows.map((r) => r.series)).toEqual(['db-01', 'web-02', 'web-01']);
    expect(rows[0]).toEqual({
      start: t0 + HOUR,
      end: t0 + 2 * HOUR,
      series: 'db-01',
      score: 0.99,
      text: 'db-01: power 520 W where about 300 W was expected',
      unit: 'watt',
      expected: 300,
      actual: 520,
    });
  });

  it('reads nothing from frames that are not anomaly tables, such as score series', () => {
    expect(topAnomalies([buildAnomalyRegionsFrame('a', [])])).toEqual([]);
  });
});
