import { buildEcotiRequest } from './buildEcotiRequest';

describe('buildEcotiRequest', () => {
  const from = Date.UTC(2026, 10, 1, 3);
  const to = Date.UTC(2026, 10, 18, 15);

  it('sends every target to the EcoTI data source over an absolute range, with an interval for it', () => {
    const req = buildEcotiRequest({
      requestId: 'ecoti-overview-month',
      datasource: { uid: 'ecoti', type: 'renault-ecoti-datasource' },
      targets: [{ refId: 'trend', queryType: 'insights', target: 'trends', expr: 'up' }],
      from,
      to,
    });
    expect(req.range.from.valueOf()).toBe(from);
    expect(req.range.to.valueOf()).toBe(to);
    expect(req.targets).toEqual([
      {
        refId: 'trend',
        queryType: 'insights',
        target: 'trends',
        expr: 'up',
        datasource: { uid: 'ecoti', type: 'renault-ecoti-datasource' },
      },
    ]);
    // 17.5 days over at most 1000 points: Grafana's rounded interval, never finer than span / 1000.
    expect(req.intervalMs).toBeGreaterThanOrEqual((to - from) / 1000);
    expect(req.interval).toMatch(/^\d+[smhd]$/);
    expect(req).toMatchObject({
      requestId: 'ecoti-overview-month',
      app: 'renault-ecoti-app',
      scopedVars: {},
      maxDataPoints: 1000,
    });
  });
});
