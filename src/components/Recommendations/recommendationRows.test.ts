import { createDataFrame, FieldType } from '@grafana/data';
import { currencyUnitOf, readRecommendations, RecommendationRow } from './recommendationRows';
import { currencyUnit } from '../../shared/currencyUnit';
import { FLEET_EVIDENCE, fleetRecommendationFrame, fleetRecommendations } from './testing/fleetRecommendations';
import { buildRecommendationFrame } from '../../datasource/frames/recommendationFrame';

function rowsOf(read: ReturnType<typeof readRecommendations>): RecommendationRow[] {
  if (read.status !== 'ok') {
    throw new Error(`expected rows, got ${read.status}`);
  }
  return read.rows;
}

describe('readRecommendations', () => {
  it('reads every recommendation of the data source frame, with the units and decimals of its fields', () => {
    const recs = fleetRecommendations();
    const rows = rowsOf(readRecommendations([fleetRecommendationFrame()]));
    expect(rows.map((r) => r.id)).toEqual(recs.map((r) => r.id));
    const idle = rows.find((r) => r.rule === 'idle-server')!;
    const rec = recs.find((r) => r.rule === 'idle-server')!;
    expect(idle).toMatchObject({
      key: rec.id,
      title: rec.title,
      category: 'infrastructure',
      target: 'zombie-01',
      kWhPerMonth: { value: rec.kWhPerMonth, unit: 'kwatth', decimals: 0 },
      kgCO2ePerMonth: { value: rec.kgCO2ePerMonth, unit: 'masskg', decimals: 1 },
      moneyPerMonth: { value: rec.moneyPerMonth, unit: 'currencyBRL', decimals: 0 },
      currency: 'BRL',
      confidence: rec.confidence,
      action: rec.action,
      assumptions: rec.assumptions,
      evidenceQuery: FLEET_EVIDENCE.query,
      upstreamUid: FLEET_EVIDENCE.upstreamUid,
    });
  });

  it('merges the energy and infrastructure queries and shows a recommendation two queries return only once', () => {
    const energy = fleetRecommendationFrame('A', 'energy');
    const infra = fleetRecommendationFrame('B', 'infrastructure');
    const all = fleetRecommendationFrame('C');
    const rows = rowsOf(readRecommendations([energy, infra, all]));
    expect(rows).toHaveLength(fleetRecommendations().length);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
    expect(rows.slice(0, energy.length).every((r) => r.category === 'energy')).toBe(true);
  });

  it('reads a hand-made table with only some of the fields, taking the currency from its ISO code column', () => {
    const table = createDataFrame({
      fields: [
        { name: 'Title', type: FieldType.string, values: ['Turn off the lab rack', 'Swap PSUs'] },
        { name: 'moneyPerMonth', type: FieldType.string, values: ['120.5', 'n/a'] },
        { name: 'currency', type: FieldType.string, values: ['EUR', 'EUR'] },
        { name: 'confidence', type: FieldType.number, values: [85, null] },
      ],
    });
    const rows = rowsOf(readRecommendations([table]));
    expect(rows[0]).toMatchObject({
      key: '0:0',
      title: 'Turn off the lab rack',
      moneyPerMonth: { value: 120.5, unit: 'currencyEUR' },
      kWhPerMonth: { value: null, unit: 'kwatth' },
      confidence: 0.85,
    });
    expect(rows[1]).toMatchObject({ moneyPerMonth: { value: null }, confidence: null, category: undefined });
  });

  it('says there is no data when there are no frames or only empty ones', () => {
    expect(readRecommendations(undefined)).toEqual({ status: 'no-data' });
    expect(readRecommendations([])).toEqual({ status: 'no-data' });
    expect(
      readRecommendations([createDataFrame({ fields: [{ name: 'Time', type: FieldType.time, values: [] }] })])
    ).toEqual({ status: 'no-data' });
  });

  it('tells an empty recommendations table (nothing to recommend) from no data', () => {
    const empty = buildRecommendationFrame('A', [], FLEET_EVIDENCE, 'BRL');
    expect(readRecommendations([empty])).toEqual({ status: 'none-found' });
  });

  it('passes on the query error when nothing could be read', () => {
    const empty = buildRecommendationFrame('A', [], FLEET_EVIDENCE, 'BRL');
    expect(
      readRecommendations([empty], [{ refId: 'A', message: 'None of the signal queries returned series.' }])
    ).toEqual({
      status: 'query-error',
      message: 'None of the signal queries returned series.',
    });
    // Rows win over an error from another query.
    expect(readRecommendations([fleetRecommendationFrame()], [{ refId: 'B', message: 'boom' }]).status).toBe('ok');
  });

  it('names the fields a non-recommendation table lacks, and the ones it has', () => {
    const series = createDataFrame({
      fields: [
        { name: 'Time', type: FieldType.time, values: [1, 2] },
        { name: 'Value', type: FieldType.number, values: [3, 4] },
        { name: 'moneyPerMonth', type: FieldType.number, values: [3, 4] },
      ],
    });
    expect(readRecommendations([series])).toEqual({
      status: 'missing-fields',
      missing: ['title', 'kWhPerMonth', 'kgCO2ePerMonth'],
      found: ['Time', 'Value', 'moneyPerMonth'],
    });
  });
});

describe('currencyUnitOf', () => {
  it('uses Grafana’s currency unit where it has one, as the data source does, and the code as a suffix otherwise', () => {
    for (const code of ['BRL', 'EUR', 'USD']) {
      expect(currencyUnitOf(code)).toBe(currencyUnit(code));
    }
    expect(currencyUnitOf('CLP')).toBe('suffix:CLP');
  });
});
