import { migrateQuery } from './migrateQuery';
import { isKind, queryKind, readsUpstreamQuery } from './queryKind';

const kindOf = (queryType: string, target: string) => queryKind(migrateQuery({ refId: 'A', queryType, target }));

describe('queryKind', () => {
  it('runs the recommendation rules for both the recommendations type and the optimisation insight', () => {
    expect(kindOf('recommendations', 'energy')).toBe('recommendations');
    expect(kindOf('recommendations', 'infrastructure')).toBe('recommendations');
    expect(kindOf('insights', 'optimization')).toBe('recommendations');
  });

  it('tells forecasts, anomalies and trends apart', () => {
    for (const target of ['consumption', 'emissions', 'costs', 'raw']) {
      expect(kindOf('predict', target)).toBe('predict');
    }
    expect(kindOf('insights', 'anomalies')).toBe('anomalies');
    expect(kindOf('insights', 'trends')).toBe('trends');
  });

  it('narrows to the kind’s own fields', () => {
    const q = migrateQuery({ refId: 'A', queryType: 'insights', target: 'anomalies', sensitivity: 0.9 });
    expect(isKind(q, 'anomalies') && q.sensitivity).toBe(0.9);
    expect(isKind(q, 'predict')).toBe(false);
  });

  it('reads one upstream query for every kind but the recommendations', () => {
    expect(readsUpstreamQuery(migrateQuery({ refId: 'A', queryType: 'insights', target: 'trends' }))).toBe(true);
    expect(readsUpstreamQuery(migrateQuery({ refId: 'A', queryType: 'insights', target: 'optimization' }))).toBe(false);
  });
});
