import { createDataFrame, FieldType } from '@grafana/data';
import { recommendationsView } from './recommendationsView';
import { fleetRecommendationFrame } from './testing/fleetRecommendations';

const options = { sortBy: 'money' as const, categories: [], minConfidence: 0 };

describe('recommendationsView', () => {
  it('gives the shown cards, their totals, and how many the options hid', () => {
    const view = recommendationsView([fleetRecommendationFrame()], undefined, { ...options, minConfidence: 0.8 });
    expect(view.kind).toBe('cards');
    if (view.kind === 'cards') {
      expect(view.rows.map((r) => r.rule)).toEqual(['consolidation', 'idle-server', 'pue-drift']);
      expect(view.totals.count).toBe(3);
      expect(view).toMatchObject({ total: 5, hidden: 2 });
    }
  });

  it('says the options hid everything, and which option hid how many', () => {
    const view = recommendationsView([fleetRecommendationFrame()], undefined, {
      ...options,
      categories: ['infrastructure'],
      minConfidence: 0.95,
    });
    expect(view).toEqual({
      kind: 'empty',
      reason: {
        status: 'filtered',
        total: 5,
        hiddenByCategory: 3,
        hiddenByConfidence: 2,
        minConfidence: 0.95,
        categories: ['infrastructure'],
      },
    });
  });

  it('passes on why the data itself has no cards', () => {
    expect(recommendationsView([], undefined, options)).toEqual({ kind: 'empty', reason: { status: 'no-data' } });
    const series = createDataFrame({ fields: [{ name: 'Time', type: FieldType.time, values: [1] }] });
    expect(recommendationsView([series], undefined, options)).toMatchObject({
      kind: 'empty',
      reason: { status: 'missing-fields', found: ['Time'] },
    });
  });
});
