import { validateQuery } from '../../datasource/query/validateQuery';
import { recommendationsRequest } from './recommendationsRequest';

describe('recommendationsRequest', () => {
  it('asks for every open recommendation over the last 7 days, in a form the data source accepts', () => {
    const now = Date.UTC(2026, 10, 16, 12);
    const req = recommendationsRequest(now, { uid: 'ecoti', type: 'renault-ecoti-datasource' });
    expect(req.range.to.valueOf() - req.range.from.valueOf()).toBe(7 * 86_400_000);
    expect(req.targets).toEqual([
      {
        refId: 'recommendations',
        queryType: 'insights',
        target: 'optimization',
        datasource: { uid: 'ecoti', type: 'renault-ecoti-datasource' },
      },
    ]);
    expect(validateQuery(req.targets[0], 'prom')).toEqual([]);
  });
});
