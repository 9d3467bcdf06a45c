// A dashboard run as a Brazilian viewer gets it: the data source's translations loaded in pt-BR (its legends, column
// headers and recommendation texts come from t() at query time, as in Grafana with the viewer's language set to
// Portuguese), then English again for whatever runs next.
import i18next from 'i18next';
import { config } from '@grafana/runtime';
import { loadPortuguese } from '../../src/locales/testing/portuguese';
import datasourceJson from '../../src/datasource/plugin.json';
import portuguese from '../../src/datasource/locales/pt-BR/renault-ecoti-datasource.json';

export async function inPortuguese<T>(run: () => Promise<T>): Promise<T> {
  const language = config.language;
  await loadPortuguese(datasourceJson.id, portuguese);
  try {
    return await run();
  } finally {
    await i18next.changeLanguage('en-US');
    config.language = language;
  }
}
