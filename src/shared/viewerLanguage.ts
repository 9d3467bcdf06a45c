// The language a plugin's own translations resolved to for the viewer, so numbers follow the language of the words
// around them. Each locale file names its language under "language-tag"; read through t(), whose namespace is the
// plugin that bundles the caller (app, data source or panel), rather than Grafana's runtime config, which would
// tie pure formatting code to the browser runtime. English when unknown.
import { t } from '@grafana/i18n';

export function viewerLanguage(): string {
  return t('language-tag', 'en-US');
}

export function isEnglish(language: string): boolean {
  return /^en(-|$)/i.test(language);
}
