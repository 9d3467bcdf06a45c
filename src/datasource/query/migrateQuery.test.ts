import fs from 'fs';
import path from 'path';
import datasourceJson from '../plugin.json';
import type { StoredEcotiQuery } from '../types';
import { DEFAULT_QUERY, migrateQuery } from './migrateQuery';
import { queryKind } from './queryKind';
import { validateQuery } from './validateQuery';

/** Every EcoTI query of the dashboards the app ships, as Grafana will hand them to the data source. */
function shippedQueries(): Array<{ where: string; query: StoredEcotiQuery }> {
  const dir = path.join(__dirname, '../../dashboards');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((file) => {
      const json = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
      const isEcoti = (ds?: { type?: string }) => ds?.type === datasourceJson.id;
      const panels = json.panels.flatMap((p: { title: string; datasource?: { type?: string }; targets?: [] }) =>
        (p.targets ?? [])
          .filter((t: { datasource?: { type?: string } }) => isEcoti(t.datasource ?? p.datasource))
          .map((query: StoredEcotiQuery) => ({ where: `${file}: ${p.title}`, query }))
      );
      const annotations = json.annotations.list
        .filter((a: { datasource?: { type?: string } }) => isEcoti(a.datasource))
        .map((a: { name: string; target: StoredEcotiQuery }) => ({ where: `${file}: ${a.name}`, query: a.target }));
      return [...panels, ...annotations];
    });
}

describe('migrateQuery', () => {
  const shipped = shippedQueries();

  it('finds the EcoTI queries of the shipped dashboards', () => {
    expect(shipped.length).toBeGreaterThanOrEqual(15);
  });

  it.each(shipped)('keeps every field of $where and only adds what was missing', ({ query }) => {
    const migrated = migrateQuery(query);
    expect(migrated).toMatchObject({ ...query });
    expect(migrateQuery(migrated)).toEqual(migrated);
    expect(validateQuery(query, 'prom')).toEqual([]);
  });

  it('fills the defaults of each kind in', () => {
    expect(migrateQuery({ refId: 'A', queryType: 'predict', target: 'raw', expr: 'up' })).toEqual({
      refId: 'A',
      queryType: 'predict',
      target: 'raw',
      expr: 'up',
      seriesKind: 'auto',
      horizon: '24h',
      level: 0.95,
      method: 'auto',
      includeHistory: true,
      period: 'step',
    });
    expect(migrateQuery({ refId: 'A', queryType: 'insights', target: 'anomalies', expr: 'up' })).toEqual({
      refId: 'A',
      queryType: 'insights',
      target: 'anomalies',
      expr: 'up',
      sensitivity: 0.5,
      anomalyOutput: 'all',
    });
    expect(migrateQuery({ refId: 'A', queryType: 'recommendations' })).toEqual({
      refId: 'A',
      queryType: 'recommendations',
      target: 'energy',
    });
  });

  it('reads a query saved before types existed as the default forecast', () => {
    expect(migrateQuery({ refId: 'A' })).toEqual({ refId: 'A', ...DEFAULT_QUERY });
    // A new panel's query is the same as an empty one read back.
    expect(migrateQuery({ refId: 'B', ...DEFAULT_QUERY })).toEqual({ refId: 'B', ...DEFAULT_QUERY });
  });

  it('renames the first versions’ upstreamExpr to expr, and prefers expr when both are there', () => {
    const legacy = migrateQuery({ refId: 'A', queryType: 'predict', target: 'raw', upstreamExpr: 'node_load1' });
    expect(legacy).toMatchObject({ expr: 'node_load1' });
    expect(legacy).not.toHaveProperty('upstreamExpr');
    expect(migrateQuery({ refId: 'A', upstreamExpr: 'old', expr: 'new' })).toMatchObject({ expr: 'new' });
  });

  it('reads numbers typed as strings into dashboard JSON, and leaves the rest for validation to name', () => {
    const q = migrateQuery({ refId: 'A', queryType: 'predict', target: 'raw', level: '0.8', expr: 'up' });
    expect(q).toMatchObject({ level: 0.8 });
    const bad = migrateQuery({ refId: 'A', queryType: 'insights', target: 'anomalies', sensitivity: 'high' });
    expect(bad).toMatchObject({ sensitivity: NaN });
    expect(
      validateQuery({ refId: 'A', queryType: 'insights', target: 'anomalies', sensitivity: 'high', expr: 'up' }, 'p')
    ).toEqual([expect.objectContaining({ field: 'sensitivity' })]);
  });

  it('keeps the fields of other kinds, so a kind can be switched and back without losing them', () => {
    const flat: StoredEcotiQuery = {
      refId: 'A',
      queryType: 'insights',
      target: 'optimization',
      expr: 'rack_power_watts',
      horizon: '7d',
      signals: { power: 'my_power' },
    };
    const q = migrateQuery(flat);
    expect(queryKind(q)).toBe('recommendations');
    expect(migrateQuery({ ...q, queryType: 'predict', target: 'raw' })).toMatchObject({
      expr: 'rack_power_watts',
      horizon: '7d',
      signals: { power: 'my_power' },
    });
  });

  it('replaces what it does not know by the default, for validation to report', () => {
    expect(migrateQuery({ refId: 'A', queryType: 'predict', target: 'watts', seriesKind: 'kW' })).toMatchObject({
      target: 'consumption',
      seriesKind: 'auto',
    });
    expect(
      migrateQuery({ refId: 'A', queryType: 'insights', target: 'anomalies', anomalyOutput: 'chart' })
    ).toMatchObject({ anomalyOutput: 'all' });
  });
});
