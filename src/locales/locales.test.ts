import fs from 'fs';
import path from 'path';
import { bundles } from '../../scripts/i18n/bundles';

// Which keys each locale file has is checked by `npm run i18n:check` (i18next-cli against the code).
// Here: Grafana can load every file, and the Portuguese ones are complete and keep the placeholders.
const ROOT = path.join(__dirname, '../..');
const LANGUAGES = ['en-US', 'pt-BR'];
type Messages = Record<string, string>;

function flatten(json: unknown, prefix = ''): Messages {
  const out: Messages = {};
  for (const [k, v] of Object.entries(json as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    Object.assign(out, typeof v === 'string' ? { [key]: v } : flatten(v, key));
  }
  return out;
}
const read = (dir: string, language: string, id: string): Messages =>
  flatten(JSON.parse(fs.readFileSync(path.join(ROOT, dir, 'locales', language, `${id}.json`), 'utf8')));
// Which values a text names; a translation may name one twice (pt-BR writes "R$ 2,10 em vez de R$ 0,55").
const placeholders = (s: string) => [...new Set([...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]))].sort();

/** Keys as they must be in a language's file: plural keys get every form the language's plural rules have. */
function expectedKeys(english: Messages, language: string): string[] {
  const forms = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  const keys = new Set<string>();
  for (const key of Object.keys(english)) {
    const plural = /^(.*)_(zero|one|two|few|many|other)$/.exec(key);
    if (plural) {
      forms.forEach((f) => keys.add(`${plural[1]}_${f}`));
    } else {
      keys.add(key);
    }
  }
  return [...keys].sort();
}

const all = bundles();

describe.each(all)('translations of $id', ({ id, dir, languages }) => {
  it('declares en-US and pt-BR in plugin.json, so Grafana loads its files', () => {
    expect(languages).toEqual(LANGUAGES);
  });

  it('initialises its translations in its module, under its own id', () => {
    const module = ['module.ts', 'module.tsx'].map((m) => path.join(ROOT, dir, m)).find((m) => fs.existsSync(m))!;
    expect(fs.readFileSync(module, 'utf8')).toMatch(/await initPluginTranslations\(pluginJson\.id\)/);
  });

  it('translates every key to pt-BR, keeping the placeholders', () => {
    const english = read(dir, 'en-US', id);
    const portuguese = read(dir, 'pt-BR', id);
    expect(Object.keys(english).length).toBeGreaterThan(0);
    expect(Object.keys(portuguese).sort()).toEqual(expectedKeys(english, 'pt-BR'));
    for (const [key, text] of Object.entries(portuguese)) {
      const source = english[key] ?? english[key.replace(/_\w+$/, '_other')];
      expect({ key, text: text.trim() !== '' }).toEqual({ key, text: true });
      expect({ key, placeholders: placeholders(text) }).toEqual({ key, placeholders: placeholders(source) });
    }
  });
});

describe('strings shared between bundles', () => {
  // A component rendered by two plugins reads its keys from each plugin's namespace: same words in both.
  it.each([
    ['cards', 'renault-ecoti-recommendations-panel', 'renault-ecoti-app'],
    ['settings', 'renault-ecoti-datasource', 'renault-ecoti-app'],
  ])('%s keys of %s read as in %s', (prefix, nestedId, appId) => {
    const [nested, app] = [nestedId, appId].map((id) => all.find((bundle) => bundle.id === id)!);
    for (const language of LANGUAGES) {
      const shared = Object.entries(read(nested.dir, language, nested.id)).filter(([k]) => k.startsWith(`${prefix}.`));
      const appMessages = read(app.dir, language, app.id);
      expect(shared.length).toBeGreaterThan(0);
      expect(shared).toEqual(shared.map(([k]) => [k, appMessages[k]]));
    }
  });
});
