import fs from 'fs';
import path from 'path';
import appJson from '../plugin.json';
import panelJson from '../panels/recommendations/plugin.json';
import datasourceJson from '../datasource/plugin.json';
import { validateQuery } from '../datasource/query/validateQuery';
import { migrateQuery } from '../datasource/query/migrateQuery';
import { queryKind } from '../datasource/query/queryKind';
import type { StoredEcotiQuery } from '../datasource/types';

// Dashboards ship with the app and are provisioned: every panel type, data source and EcoTI query
// in them must exist in the plugin, or the board demo opens on broken panels.
const BUILT_IN_PANELS = new Set(['timeseries', 'stat', 'table', 'alertlist', 'bargauge', 'text']);
const PANEL_TYPES = new Set([...BUILT_IN_PANELS, panelJson.id]);
const DATASOURCE_TYPES = new Set([datasourceJson.id, 'prometheus', 'grafana']);

interface Ref {
  type?: string;
  uid?: string;
}

const dashboards = fs
  .readdirSync(__dirname)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, json: JSON.parse(fs.readFileSync(path.join(__dirname, f), 'utf8')) }));

describe.each(dashboards)('dashboard $file', ({ file, json }) => {
  const variables: Array<{ name: string; type: string; query: unknown }> = json.templating.list;
  const dsVariables = new Map(variables.filter((v) => v.type === 'datasource').map((v) => [v.name, v.query as string]));

  const checkRef = (ref: Ref | undefined, where: string) => {
    expect(ref).toBeDefined();
    expect(DATASOURCE_TYPES.has(ref!.type!)).toBe(true);
    if (ref!.type === 'grafana') {
      expect(ref!.uid).toBe('-- Grafana --');
      return;
    }
    // No fixed uids: a data source variable of the same plugin type, so any Grafana can import it.
    const m = /^\$\{(\w+)\}$/.exec(ref!.uid ?? '');
    expect({ where, uid: ref!.uid, variable: m && dsVariables.get(m[1]) }).toEqual({
      where,
      uid: ref!.uid,
      variable: ref!.type,
    });
  };

  const checkEcotiTarget = (t: StoredEcotiQuery, where: string) => {
    expect({ where, problems: validateQuery(t, 'default-upstream') }).toEqual({ where, problems: [] });
  };

  it('is listed in the app plugin.json includes', () => {
    expect(appJson.includes).toContainEqual(expect.objectContaining({ type: 'dashboard', path: `dashboards/${file}` }));
  });

  it('uses only panel types that exist, with unique ids inside the 24-column grid', () => {
    const ids = json.panels.map((p: { id: number }) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of json.panels) {
      expect({ title: p.title, type: PANEL_TYPES.has(p.type) }).toEqual({ title: p.title, type: true });
      expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
    }
  });

  it('references data sources through variables of the right type, and EcoTI queries the data source really has', () => {
    for (const p of json.panels) {
      if (p.type === 'alertlist') {
        continue;
      }
      checkRef(p.datasource, p.title);
      for (const t of p.targets) {
        checkRef(t.datasource ?? p.datasource, p.title);
        if ((t.datasource ?? p.datasource).type === datasourceJson.id) {
          checkEcotiTarget(t, p.title);
        } else {
          expect(typeof t.expr).toBe('string');
        }
      }
    }
    for (const a of json.annotations.list) {
      checkRef(a.datasource, a.name);
      if (a.datasource.type === datasourceJson.id) {
        checkEcotiTarget(a.target, a.name);
      }
    }
  });

  it('feeds the recommendations panel recommendation queries and the annotations anomaly queries', () => {
    const kinds = (targets: StoredEcotiQuery[]) => targets.map((t) => queryKind(migrateQuery(t)));
    for (const p of json.panels.filter((p: { type: string }) => p.type === panelJson.id)) {
      expect({ title: p.title, kinds: kinds(p.targets) }).toEqual({
        title: p.title,
        kinds: p.targets.map(() => 'recommendations'),
      });
    }
    for (const a of json.annotations.list.filter((a: { datasource: Ref }) => a.datasource.type === datasourceJson.id)) {
      expect({ name: a.name, kinds: kinds([a.target]) }).toEqual({ name: a.name, kinds: ['anomalies'] });
    }
  });

  it('only uses variables it defines', () => {
    const defined = new Set([...variables.map((v) => v.name), '__range', '__interval', '__rate_interval']);
    const used = JSON.stringify(json.panels).match(/\$\{?(\w+)/g) ?? [];
    for (const u of used) {
      expect(defined.has(u.replace(/^\$\{?/, ''))).toBe(true);
    }
  });
});
