import fs from 'fs';
import path from 'path';
import appJson from '../plugin.json';
import panelJson from '../panels/recommendations/plugin.json';
import datasourceJson from '../datasource/plugin.json';
import { validateQuery, withDefaults } from '../datasource/query/validateQuery';
import type { EcotiQuery } from '../datasource/types';

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

  const checkEcotiTarget = (t: EcotiQuery, where: string) => {
    expect({ where, problems: validateQuery(withDefaults(t), 'default-upstream') }).toEqual({ where, problems: [] });
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

  it('only uses variables it defines', () => {
    const defined = new Set([...variables.map((v) => v.name), '__range', '__interval', '__rate_interval']);
    const used = JSON.stringify(json.panels).match(/\$\{?(\w+)/g) ?? [];
    for (const u of used) {
      expect(defined.has(u.replace(/^\$\{?/, ''))).toBe(true);
    }
  });
});
