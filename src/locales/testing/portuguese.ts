// For tests: i18next running in pt-BR, as in Grafana with the user's language set to Portuguese,
// with a plugin's locale file loaded into its namespace.
import i18next from 'i18next';
import { initPluginTranslations } from '@grafana/i18n';
import { config } from '@grafana/runtime';

export async function loadPortuguese(pluginId: string, messages: Record<string, unknown>): Promise<void> {
  // Grafana's own strings are loaded first, which is what makes pt-BR the resolved language.
  await i18next.init({
    lng: 'pt-BR',
    fallbackLng: 'en-US',
    resources: { 'pt-BR': { grafana: { loaded: 'sim' } } },
    returnEmptyString: false,
  });
  await initPluginTranslations(pluginId, [async (language) => (language === 'pt-BR' ? messages : {})]);
  // Grafana puts the language it resolved in its config once its translations load.
  config.language = 'pt-BR';
}
