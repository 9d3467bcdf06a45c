import { validateQuery } from '../../datasource/query/validateQuery';
import { migrateQuery } from '../../datasource/query/migrateQuery';
import { isKind } from '../../datasource/query/queryKind';
import { monthWindow, overviewRequests, OVERVIEW_QUERIES } from './overviewRequests';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = Date.UTC(2026, 10, 16, 12, 30);
const win = monthWindow(now, 'America/Sao_Paulo');
const ds = { uid: 'ecoti', type: 'renault-ecoti-datasource' };
const requests = overviewRequests(win, ds);

describe('overviewRequests', () => {
  it('asks for energy, emissions and cost from the start of the month, forecast past its end', () => {
    const month = requests.month;
    expect(month.range.from.valueOf()).toBe(win.monthStart);
    expect(month.range.to.valueOf()).toBe(now);
    expect(month.targets.map((t) => [t.refId, t.queryType, t.target])).toEqual([
      ['energy', 'predict', 'consumption'],
      ['emissions', 'predict', 'emissions'],
      ['cost', 'predict', 'costs'],
    ]);
    for (const t of month.targets) {
      if (!isKind(t, 'predict')) {
        throw new Error(`${t.refId} is not a predict query`);
      }
      expect(t).toMatchObject({
        expr: OVERVIEW_QUERIES.sitePower,
        seriesKind: 'power_w',
        includeHistory: true,
        datasource: ds,
      });
      const hours = Number(t.horizon.replace('h', ''));
      expect(now + hours * HOUR).toBeGreaterThanOrEqual(win.monthEnd + HOUR);
    }
  });

  it('looks back 7 days for anomalies and open recommendations, 30 days for the trend', () => {
    expect(requests.anomalies.range.from.valueOf()).toBe(now - 7 * DAY);
    expect(requests.anomalies.targets[0]).toMatchObject({
      queryType: 'insights',
      target: 'anomalies',
      expr: OVERVIEW_QUERIES.hostPower,
    });
    expect(requests.trend.range.from.valueOf()).toBe(now - 30 * DAY);
    expect(requests.trend.targets[0]).toMatchObject({ queryType: 'insights', target: 'trends' });
    expect(requests.savings.targets[0]).toMatchObject({ queryType: 'insights', target: 'optimization' });
  });

  it('sends complete queries the data source accepts, so none depends on its defaults', () => {
    for (const request of Object.values(requests)) {
      for (const { datasource, ...target } of request.targets) {
        expect(validateQuery(target, 'prom')).toEqual([]);
        expect(migrateQuery(target)).toEqual(target);
      }
    }
  });
});
