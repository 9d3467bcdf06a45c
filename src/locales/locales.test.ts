import fs from 'fs';
import path from 'path';
import { BUNDLES, extractMessages, flatten, Messages, messagesOf } from './translationKeys';

const SRC = path.join(__dirname, '..');
const LANGUAGES = ['en-US', 'pt-BR'];
const read = (file: string): Messages => flatten(JSON.parse(fs.readFileSync(path.join(SRC, file), 'utf8')));
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

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

describe.each(Object.entries(BUNDLES))('translations of %s', (id, bundle) => {
  const english = read(`${bundle.locales}/en-US/${id}.json`);

  it('declares en-US and pt-BR in plugin.json, so Grafana loads the files', () => {
    const pluginJson = path.join(SRC, bundle.locales, '..', 'plugin.json');
    expect(JSON.parse(fs.readFileSync(pluginJson, 'utf8')).languages).toEqual(LANGUAGES);
  });

  it('has in en-US exactly the keys and default texts of the code', () => {
    expect(english).toEqual(messagesOf(SRC, [...bundle.sources]));
  });

  it('translates every key to pt-BR, keeping the placeholders', () => {
    const portuguese = read(`${bundle.locales}/pt-BR/${id}.json`);
    expect(Object.keys(portuguese).sort()).toEqual(expectedKeys(english, 'pt-BR'));
    for (const [key, text] of Object.entries(portuguese)) {
      const source = english[key] ?? english[key.replace(/_\w+$/, '_other')];
      expect({ key, text: text.trim() !== '' }).toEqual({ key, text: true });
      expect({ key, placeholders: placeholders(text) }).toEqual({ key, placeholders: placeholders(source) });
    }
  });
});

describe('shared card strings', () => {
  it('are the same in the app’s and the panel’s files, since both bundles render the cards', () => {
    for (const language of LANGUAGES) {
      const cards = (m: Messages) => Object.entries(m).filter(([k]) => k.startsWith('cards.'));
      const app = read(`locales/${language}/renault-ecoti-app.json`);
      const panel = read(`panels/recommendations/locales/${language}/renault-ecoti-recommendations-panel.json`);
      expect(cards(panel)).toEqual(cards(app));
    }
  });
});

describe('extractMessages', () => {
  it('finds keys and defaults in one-line and multi-line calls, and plural defaults', () => {
    const source = `
      const a = t('a.b', 'Hello {{name}}', { name });
      const b = t(
        'a.c',
        'It’s (really) fine, isn\\'t it'
      );
      const c = t('a.d', '', { count: n, defaultValue_one: '{{count}} item', defaultValue_other: '{{count}} items' });
      rows.map((t) => t.target); foo.t('x', 'y'); format(value);
    `;
    expect(extractMessages(source)).toEqual({
      'a.b': 'Hello {{name}}',
      'a.c': "It’s (really) fine, isn't it",
      'a.d_one': '{{count}} item',
      'a.d_other': '{{count}} items',
    });
  });
});
