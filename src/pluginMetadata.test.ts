import fs from 'fs';
import path from 'path';
import appJson from './plugin.json';

// Installing the one app must install all three plugins: check the app's includes point at real
// nested plugins with the ids other code, provisioning and dashboards rely on.
describe('plugin metadata', () => {
  const nested = appJson.includes.filter((i) => i.type === 'datasource' || i.type === 'panel');

  it('includes the data source and the recommendations panel', () => {
    const ids = nested.map((i) => JSON.parse(fs.readFileSync(path.join(__dirname, i.path!), 'utf8')).id);
    expect(ids.sort()).toEqual(['renault-ecoti-datasource', 'renault-ecoti-recommendations-panel']);
    expect(appJson.id).toBe('renault-ecoti-app');
  });

  it('gives every nested plugin a module entry and its own logo', () => {
    for (const include of nested) {
      const dir = path.join(__dirname, path.dirname(include.path!));
      const meta = JSON.parse(fs.readFileSync(path.join(dir, 'plugin.json'), 'utf8'));
      expect(fs.existsSync(path.join(dir, 'module.ts')) || fs.existsSync(path.join(dir, 'module.tsx'))).toBe(true);
      expect(fs.existsSync(path.join(dir, meta.info.logos.small))).toBe(true);
    }
  });

  it('declares the same supported Grafana range everywhere', () => {
    const ranges = [
      appJson,
      ...nested.map((i) => JSON.parse(fs.readFileSync(path.join(__dirname, i.path!), 'utf8'))),
    ].map((m) => m.dependencies.grafanaDependency);
    expect(new Set(ranges)).toEqual(new Set(['>=12.3.0']));
  });
});
