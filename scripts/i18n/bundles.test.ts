import { bundles, extractConfig } from './bundles';

describe('i18n bundles', () => {
  const byId = Object.fromEntries(bundles().map((b) => [b.id, b]));

  it('has one per plugin, the app and its nested data source and panel', () => {
    expect(Object.keys(byId).sort()).toEqual([
      'renault-ecoti-app',
      'renault-ecoti-datasource',
      'renault-ecoti-recommendations-panel',
    ]);
  });

  it('follows imports, the lazy ones of the app root included, to every file that renders text', () => {
    expect(byId['renault-ecoti-app'].sources).toEqual(
      expect.arrayContaining(['src/module.tsx', 'src/pages/App/App.tsx', 'src/components/AppConfig/AppConfig.tsx'])
    );
    expect(byId['renault-ecoti-datasource'].sources).toEqual(
      expect.arrayContaining([
        'src/datasource/components/QueryEditor/PredictFields.tsx',
        // The config editor embeds the app's site-settings form: its keys belong in this namespace too.
        'src/shared/SiteSettingsFields.tsx',
      ])
    );
    expect(byId['renault-ecoti-recommendations-panel'].sources).toEqual(
      expect.arrayContaining(['src/components/Recommendations/RecommendationCard.tsx'])
    );
  });

  it('leaves out tests and other plugins’ code', () => {
    const panel = byId['renault-ecoti-recommendations-panel'].sources;
    expect(panel.filter((f) => /\.test\.tsx?$|\/testing\//.test(f))).toEqual([]);
    expect(panel.filter((f) => f.startsWith('src/datasource/') || f.startsWith('src/pages/'))).toEqual([]);
    expect(byId['renault-ecoti-datasource'].sources.filter((f) => f.startsWith('src/pages/'))).toEqual([]);
  });

  it('writes each namespace beside its plugin.json, where Grafana looks for it', () => {
    const config = extractConfig(byId['renault-ecoti-datasource']);
    expect(config.extract.output).toBe('src/datasource/locales/{{language}}/{{namespace}}.json');
    expect(config.extract.defaultNS).toBe('renault-ecoti-datasource');
    expect(config.locales).toEqual(['en-US', 'pt-BR']);
  });
});
