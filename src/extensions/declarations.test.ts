import { AppPlugin } from '@grafana/data';
import fs from 'fs';
import path from 'path';
import { PREDICT_DEFAULTS } from '../datasource/query/migrateQuery';
import appJson from '../plugin.json';
import { ECOTI_LINKS, ecotiLinks } from './ecotiLinks';
import { PREDICTED_ALERT_LINK } from './predictedAlertLink';
import { FORECAST_HORIZON } from './exploreState';
import { fakeDeps } from './testing/panelContexts';

// Grafana 12 registers a link only if the app's plugin.json declares one with the same title and
// every one of its targets (and loads the app for an extension point only if it is declared there).
describe('extensions declared in plugin.json', () => {
  // Registered as module.tsx does; the last test checks module.tsx registers these and nothing else.
  const plugin = new AppPlugin();
  for (const link of ecotiLinks(fakeDeps())) {
    plugin.addLink(link);
  }
  const registered = plugin.addedLinkConfigs.map(({ title, description, targets }) => ({
    title,
    description,
    targets: [targets].flat(),
  }));
  const declared = appJson.extensions.addedLinks;

  it('declares every registered link with the same title, description and targets, and no other', () => {
    expect(registered).toHaveLength(Object.keys(ECOTI_LINKS).length + [PREDICTED_ALERT_LINK].length);
    expect(declared).toEqual(registered);
  });

  it('gives each a title Grafana accepts (10 characters at least) and its menus do not cut (under 25)', () => {
    expect(registered.filter(({ title }) => title.length < 10 || title.length >= 25)).toEqual([]);
  });

  it('translates the titles to lengths the menus do not cut either', () => {
    for (const language of ['en-US', 'pt-BR']) {
      const file = path.join(__dirname, '../locales', language, `${appJson.id}.json`);
      const messages: Record<string, unknown> = JSON.parse(fs.readFileSync(file, 'utf8')).extensions;
      const lengths = Object.values(messages).flatMap((m) =>
        typeof m === 'object' ? [(m as { title: string }).title.length] : []
      );
      expect({ language, count: lengths.length, tooLong: lengths.filter((n) => n >= 25) }).toEqual({
        language,
        count: registered.length,
        tooLong: [],
      });
    }
  });

  it('declares nothing the app does not add: no components, functions or extension points', () => {
    expect(Object.keys(appJson.extensions)).toEqual(['addedLinks']);
  });

  it('registers in module.tsx the links ecotiLinks() builds, and no other extension', () => {
    const source = fs.readFileSync(path.join(__dirname, '../module.tsx'), 'utf8');
    expect(source).toMatch(/for \(const link of ecotiLinks\(grafanaDeps\)\) \{\s*plugin\.addLink\(link\);\s*\}/);
    expect(source.match(/\.(addLink|addComponent|addFunction|exposeComponent|configureExtension\w*)\(/g)).toEqual([
      '.addLink(',
    ]);
  });

  it('forecasts as far ahead as a new query in the editor does', () => {
    expect(FORECAST_HORIZON).toBe(PREDICT_DEFAULTS.horizon);
  });
});
