// i18next-cli configuration for each plugin of the app. The app and each nested plugin are separate
// bundles, each with its own copy of @grafana/i18n, so each reads its own namespace (its plugin id,
// set by initPluginTranslations) from locales beside its plugin.json. The keys of a namespace are
// those of the files its bundle is built from, found by following imports from its module.
import fs from 'fs';
import path from 'path';
import type { I18nextToolkitConfig } from 'i18next-cli';
import { reachableSources } from '../moduleGraph';

const ROOT = path.resolve(__dirname, '../..');

/** The folders under src/ that hold a plugin.json and the module Grafana loads for it. */
export const PLUGIN_DIRS = ['.', 'datasource', 'panels/recommendations'];

export interface Bundle {
  id: string;
  /** Folder of the plugin.json, relative to the repository root. */
  dir: string;
  languages: string[];
  /** Source files of the bundle, relative to the repository root. */
  sources: string[];
}

export function bundles(): Bundle[] {
  return PLUGIN_DIRS.map((d) => {
    const dir = path.join('src', d);
    const pluginJson = JSON.parse(fs.readFileSync(path.join(ROOT, dir, 'plugin.json'), 'utf8'));
    const entry = ['module.ts', 'module.tsx'].map((m) => path.join(ROOT, dir, m)).find((m) => fs.existsSync(m));
    if (!entry) {
      throw new Error(`${dir} has a plugin.json but no module.ts(x)`);
    }
    return {
      id: pluginJson.id,
      dir,
      languages: pluginJson.languages ?? [],
      sources: reachableSources(entry).map((f) => path.relative(ROOT, f)),
    };
  });
}

/** Grafana's documented extraction settings, for one bundle. */
export function extractConfig(bundle: Bundle): I18nextToolkitConfig {
  return {
    locales: bundle.languages,
    extract: {
      input: bundle.sources,
      output: path.join(bundle.dir, 'locales/{{language}}/{{namespace}}.json'),
      defaultNS: bundle.id,
      functions: ['t', '*.t'],
      transComponents: ['Trans'],
    },
  };
}
