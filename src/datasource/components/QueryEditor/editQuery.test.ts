import type { TrendsQuery } from '../../types';
import { upstreamEditorQuery, withQueryType, withTarget, withUpstreamQuery } from './editQuery';

const trends: TrendsQuery = { refId: 'A', queryType: 'insights', target: 'trends', expr: 'rack_power_watts' };

describe('editQuery', () => {
  it('gives a new type its first target and defaults, and loses nothing on the way back', () => {
    const recs = withQueryType(trends, 'recommendations');
    expect(recs).toMatchObject({ queryType: 'recommendations', target: 'energy' });
    const predict = withQueryType(recs, 'predict');
    expect(predict).toMatchObject({ target: 'consumption', horizon: '24h', expr: 'rack_power_watts' });
  });

  it('gives the anomalies target its defaults when chosen', () => {
    expect(withTarget(trends, 'anomalies')).toMatchObject({ sensitivity: 0.5, anomalyOutput: 'all' });
  });

  it('keeps a text copy of the upstream editor’s query when it has one', () => {
    const promQuery = { refId: 'A', expr: 'sum(up)', range: true };
    expect(withUpstreamQuery(trends, promQuery)).toMatchObject({ upstreamQuery: promQuery, expr: 'sum(up)' });
    const other = withUpstreamQuery(trends, { refId: 'A', queryText: 'SELECT 1' } as never);
    expect(other.expr).toBe('rack_power_watts');
  });

  it('gives the upstream editor its saved model, or one built from the text', () => {
    expect(upstreamEditorQuery(trends)).toEqual({ refId: 'A', expr: 'rack_power_watts' });
    expect(upstreamEditorQuery({ ...trends, upstreamQuery: { refId: 'A', expr: 'x', range: true } })).toEqual({
      refId: 'A',
      expr: 'x',
      range: true,
    });
  });
});
