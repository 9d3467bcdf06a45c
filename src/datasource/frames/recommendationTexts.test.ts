import { RULE_MESSAGES, type Recommendation, type RuleMessageKey } from '../../ml';
import { loadPortuguese } from '../../locales/testing/portuguese';
import { fleetRecommendations } from '../../components/Recommendations/testing/fleetRecommendations';
import pluginJson from '../plugin.json';
import english from '../locales/en-US/renault-ecoti-datasource.json';
import portuguese from '../locales/pt-BR/renault-ecoti-datasource.json';
import { localeFormat, RULE_TEXTS, textsInLanguage } from './recommendationTexts';
import { buildRecommendationFrame } from './recommendationFrame';

// As in Grafana with the viewer's language set to Portuguese: the data source's file in its namespace.
beforeAll(() => loadPortuguese(pluginJson.id, portuguese));

const KEYS = Object.keys(RULE_MESSAGES).sort() as RuleMessageKey[];

/** The value at a dotted key of a nested locale file. */
function entry(file: object, key: string): unknown {
  return key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as never)[k] : undefined), file);
}

const placeholders = (s: string) => [...new Set([...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]))].sort();

describe('recommendation texts in the viewer’s language', () => {
  it('has a t() for every message the rules can write, and no other', () => {
    expect(Object.keys(RULE_TEXTS).sort()).toEqual(KEYS);
  });

  it('has a pt-BR translation of every message key, naming the same values as the English', () => {
    const missing = KEYS.filter((key) => {
      const translated = entry(portuguese, `recommendations.${key}`);
      return typeof translated !== 'string' || translated.trim() === '';
    });
    expect(missing).toEqual([]);
    for (const key of KEYS) {
      const translated = entry(portuguese, `recommendations.${key}`) as string;
      expect({ key, values: placeholders(translated) }).toEqual({ key, values: placeholders(RULE_MESSAGES[key]) });
    }
  });

  it('takes its English defaults from the ML core’s templates, word for word', () => {
    // The en-US file holds the t() defaults (npm run i18n:check keeps it so).
    for (const key of KEYS) {
      expect({ key, english: entry(english, `recommendations.${key}`) }).toEqual({ key, english: RULE_MESSAGES[key] });
    }
  });

  it('formats numbers, prices, identifiers and currencies as a Brazilian reads them', () => {
    const pt = localeFormat('pt-BR');
    const show = (v: Parameters<typeof pt.value>[0]) => pt.value(v, () => 'nested');
    expect(show({ kind: 'number', value: 1234.5, unit: 'kWh/month', digits: 1 })).toBe('1.234,5');
    expect(show({ kind: 'number', value: 182.6, unit: 'W', digits: 0 })).toBe('183');
    expect(show({ kind: 'number', value: 0.0817, unit: 'gCO2e/kWh' })).toBe('0,0817');
    // Prices as given still show cents.
    expect(show({ kind: 'number', value: 2.1, unit: 'currency/kWh' })).toBe('2,10');
    expect(show({ kind: 'number', value: 0.6875, unit: 'currency/kWh', digits: 3 })).toBe('0,688');
    expect(show({ kind: 'list', items: ['web-01', 'web-02', 'web-03'] })).toBe('web-01, web-02 e web-03');
    expect(show({ kind: 'currency', code: 'BRL' })).toBe('R$');
    expect(show({ kind: 'currency', code: 'USD' })).toBe('US$');
    // A code Intl refuses is shown as it is.
    expect(show({ kind: 'currency', code: 'reais' })).toBe('reais');
    expect(show({ kind: 'text', value: 'srv-12 & co' })).toBe('srv-12 & co');
  });

  it('renders every rule in pt-BR, and nests the price note in the viewer’s language too', () => {
    const toTexts = textsInLanguage('pt-BR');
    const byRule = new Map(fleetRecommendations().map((r) => [r.rule, toTexts(r)]));
    expect(byRule.get('idle-server')!.title).toBe('Desligar ou reaproveitar o servidor ocioso zombie-01');
    expect(byRule.get('cooling-set-point')!.title).toBe('Aumentar o set-point de refrigeração de rack-A em 3,0 °C');
    expect(byRule.get('idle-server')!.assumptions).toContain(
      'tarifa média de R$ 0,688/kWh (ponta de R$ 2,10 das 18h às 21h em dias úteis, fora de ponta R$ 0,55)'
    );
    expect(byRule.get('pue-drift')!.target).toBe('instalação');
    // A host name is text, not HTML, and never translated.
    const idle = fleetRecommendations().find((r) => r.rule === 'idle-server')!;
    const odd: Recommendation = {
      ...idle,
      messages: {
        ...idle.messages!,
        title: { key: 'idle-server.title', values: { host: { kind: 'text', value: '<srv & "12">' } } },
      },
    };
    expect(toTexts(odd).title).toBe('Desligar ou reaproveitar o servidor ocioso <srv & "12">');
  });

  it('keeps the ML core’s English strings for English viewers and for languages we have no translation of', () => {
    for (const language of ['en-US', 'fr-FR']) {
      const toTexts = textsInLanguage(language);
      for (const r of fleetRecommendations()) {
        expect(toTexts(r)).toEqual({
          title: r.title,
          target: r.target,
          evidence: r.evidence,
          action: r.action,
          assumptions: r.assumptions,
        });
      }
    }
  });

  it('keeps the strings of a recommendation made without messages', () => {
    const { messages, ...handMade } = fleetRecommendations()[0];
    expect(messages).toBeDefined();
    expect(textsInLanguage('pt-BR')(handMade).title).toBe(handMade.title);
  });

  it('writes the texts into the frame in the language Grafana reports for the viewer', () => {
    const recs = fleetRecommendations();
    const evidence = { query: 'q', upstreamUid: 'p' };
    const titles = (language?: string) =>
      buildRecommendationFrame('A', recs, evidence, 'BRL', undefined, language).fields.find((f) => f.name === 'title')!
        .values;
    // loadPortuguese set Grafana's config.language to pt-BR, as Grafana does once its translations load.
    expect(titles()).toEqual(titles('pt-BR'));
    expect(titles()[0]).toBe('Consolidar 3 servidores em 1');
    expect(titles('en-US')).toEqual(recs.map((r) => r.title));
  });
});
