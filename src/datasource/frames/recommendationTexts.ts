// The recommendations' texts in the viewer's language: each rule message through t() (one call per key, so that
// the extractor finds them), its numbers, lists and currency formatted for the viewer's locale.
import { t } from '@grafana/i18n';
import {
  fillTemplate,
  RULE_MESSAGES,
  type MessageUnit,
  type MessageValue,
  type Recommendation,
  type RuleMessage,
  type RuleMessageKey,
} from '../../ml';
import pluginJson from '../plugin.json';
import { AS_TEXT } from './frameNames';
import { isEnglish } from '../../shared/viewerLanguage';

/** A message's values, formatted. */
type Shown = Record<string, string>;

/**
 * One t() per rule message, the ML core's English template as its default (a test holds them equal). Values are
 * interpolated as text: host names and sensor ids are not HTML.
 */
export const RULE_TEXTS: Record<RuleMessageKey, (values: Shown) => string> = {
  'common.price-note': (v) =>
    t(
      'recommendations.common.price-note',
      'price {{price}} {{currency}}/kWh (peak {{peakPrice}} {{peakStart}}:00–{{peakEnd}}:00, off-peak {{offPeakPrice}})',
      { ...v, ...AS_TEXT }
    ),
  'common.price-note-weekdays': (v) =>
    t(
      'recommendations.common.price-note-weekdays',
      'price {{price}} {{currency}}/kWh (peak {{peakPrice}} {{peakStart}}:00–{{peakEnd}}:00 weekdays, off-peak {{offPeakPrice}})',
      { ...v, ...AS_TEXT }
    ),

  'idle-server.title': (v) =>
    t('recommendations.idle-server.title', 'Power off or repurpose idle server {{host}}', { ...v, ...AS_TEXT }),
  'idle-server.evidence': (v) =>
    t(
      'recommendations.idle-server.evidence',
      'CPU {{cpuMean}}% on average (p95 {{cpuP95}}%) over {{days}} days while drawing a steady {{watts}} W (±{{variation}}%).',
      { ...v, ...AS_TEXT }
    ),
  'idle-server.action': (v) =>
    t(
      'recommendations.idle-server.action',
      'Confirm with the owner that {{host}} serves nothing, then decommission it or give it a workload; if it must stay, enable power capping or a deep idle state.',
      { ...v, ...AS_TEXT }
    ),
  'idle-server.assumptions': (v) =>
    t(
      'recommendations.idle-server.assumptions',
      'Saves the measured mean draw {{watts}} W × {{hours}} h/month × PUE {{pue}}; {{carbonIntensity}} gCO2e/kWh; {{priceNote}}.',
      { ...v, ...AS_TEXT }
    ),

  'consolidation.title': (v) =>
    t('recommendations.consolidation.title', 'Consolidate {{hostsNow}} hosts onto {{hostsNeeded}}', {
      ...v,
      ...AS_TEXT,
    }),
  'consolidation.evidence': (v) =>
    t(
      'recommendations.consolidation.evidence',
      '{{hostsNow}} hosts share a usage profile averaging {{meanCpu}}% CPU; their combined p95 ({{combinedP95}}% of one host) fits on {{hostsNeeded}} at 70% headroom.',
      { ...v, ...AS_TEXT }
    ),
  'consolidation.action': (v) =>
    t(
      'recommendations.consolidation.action',
      'Move the workloads of {{freed}} onto {{keep}}, then power the freed hosts off.',
      { ...v, ...AS_TEXT }
    ),
  'consolidation.assumptions': (v) =>
    t(
      'recommendations.consolidation.assumptions',
      'Freed hosts save their idle draw ({{idleWatts}} W in all, from a linear fit of power on CPU); load moved, not removed; {{hours}} h/month × PUE {{pue}}; {{carbonIntensity}} gCO2e/kWh; {{priceNote}}. Peaks assumed to coincide (conservative).',
      { ...v, ...AS_TEXT }
    ),

  'cooling-set-point.title': (v) =>
    t('recommendations.cooling-set-point.title', 'Raise the cooling set point for {{sensor}} by {{raise}} °C', {
      ...v,
      ...AS_TEXT,
    }),
  'cooling-set-point.evidence': (v) =>
    t(
      'recommendations.cooling-set-point.evidence',
      'Inlet air averages {{mean}} °C (p95 {{p95}} °C), below the ASHRAE recommended {{min}}–{{max}} °C.',
      { ...v, ...AS_TEXT }
    ),
  'cooling-set-point.action': (v) =>
    t(
      'recommendations.cooling-set-point.action',
      'Raise the CRAC/CRAH supply set point in steps of {{step}} °C, watching inlet temperatures stay within {{min}}–{{max}} °C.',
      { ...v, ...AS_TEXT }
    ),
  'cooling-set-point.assumptions': (v) =>
    t(
      'recommendations.cooling-set-point.assumptions',
      'Cooling ≈ (PUE {{pue}} − 1) × IT load {{itWatts}} W, shared evenly by {{sensors}} sensor(s); {{savingPerDegree}}% of cooling energy saved per °C (rule of thumb); {{carbonIntensity}} gCO2e/kWh; {{priceNote}}.',
      { ...v, ...AS_TEXT }
    ),

  'load-shifting.title': (v) =>
    t(
      'recommendations.load-shifting.title',
      'Move flexible jobs out of the {{peakStart}}:00–{{peakEnd}}:00 peak tariff window',
      { ...v, ...AS_TEXT }
    ),
  'load-shifting.target': (v) =>
    t('recommendations.load-shifting.target', '{{hosts}} metered host(s)', { ...v, ...AS_TEXT }),
  'load-shifting.evidence': (v) =>
    t(
      'recommendations.load-shifting.evidence',
      '{{peakKWh}} kWh/month of facility energy falls in the peak window, billed at {{peakPrice}} instead of {{offPeakPrice}} {{currency}}/kWh.',
      { ...v, ...AS_TEXT }
    ),
  'load-shifting.action': (v) =>
    t(
      'recommendations.load-shifting.action',
      'Reschedule batch jobs, backups and report generation (cron, Kubernetes CronJobs) to start after {{peakEnd}}:00 or before {{peakStart}}:00.',
      { ...v, ...AS_TEXT }
    ),
  'load-shifting.action-weekdays': (v) =>
    t(
      'recommendations.load-shifting.action-weekdays',
      'Reschedule batch jobs, backups and report generation (cron, Kubernetes CronJobs) to start after {{peakEnd}}:00 or before {{peakStart}}:00, or at weekends.',
      { ...v, ...AS_TEXT }
    ),
  'load-shifting.assumptions': (v) =>
    t(
      'recommendations.load-shifting.assumptions',
      '{{flexibleShare}}% of peak-window energy is flexible and moves, not disappears (so kWh and CO2e do not change with one grid factor); {{shiftedKWh}} kWh/month shifted; window scaled to {{windowDays}} days; PUE {{pue}}.',
      { ...v, ...AS_TEXT }
    ),

  'pue-drift.title': (v) =>
    t('recommendations.pue-drift.title', 'PUE is drifting up ({{from}} → {{to}}): find the cause', {
      ...v,
      ...AS_TEXT,
    }),
  'pue-drift.target': (v) => t('recommendations.pue-drift.target', 'site', { ...v, ...AS_TEXT }),
  'pue-drift.evidence': (v) =>
    t(
      'recommendations.pue-drift.evidence',
      'Facility ÷ IT power rises by {{perWeek}} per week (95% range {{lowerPerWeek}} to {{upperPerWeek}}) over {{days}} days.',
      { ...v, ...AS_TEXT }
    ),
  'pue-drift.action': (v) =>
    t(
      'recommendations.pue-drift.action',
      'Check cooling (filters, refrigerant, set points, blanking panels), UPS efficiency and lighting; compare with the change points of the PUE trend.',
      { ...v, ...AS_TEXT }
    ),
  'pue-drift.assumptions': (v) =>
    t(
      'recommendations.pue-drift.assumptions',
      'Returning PUE from {{to}} to {{from}} at the mean IT load {{itWatts}} W × {{hours}} h/month; {{carbonIntensity}} gCO2e/kWh; {{priceNote}}.',
      { ...v, ...AS_TEXT }
    ),
};

export interface RecommendationTexts {
  title: string;
  target: string;
  evidence: string;
  action: string;
  assumptions: string;
}

/** The languages this plugin ships translations for, besides English. */
const TRANSLATED = (pluginJson.languages ?? []).filter((l) => !isEnglish(l)).map((l) => l.toLowerCase());

/**
 * How recommendations' texts read for a viewer. In a language the data source is translated into: the messages
 * through t(), numbers in that language's format. Otherwise (English, or a language without our translations,
 * where the sentences would stay English): the recommendation's own English strings, exactly as the ML core wrote
 * them. A recommendation without messages (made by hand, not by the rules) keeps its strings too.
 */
export function textsInLanguage(language: string): (r: Recommendation) => RecommendationTexts {
  const english = (r: Recommendation) => ({
    title: r.title,
    target: r.target,
    evidence: r.evidence,
    action: r.action,
    assumptions: r.assumptions,
  });
  if (!TRANSLATED.includes(language.toLowerCase())) {
    return english;
  }
  const format = localeFormat(language);
  // One t() per key and frame: the template in the viewer's language, its placeholders kept, then filled here
  // with the formatted values (i18next's interpolation costs ~50 µs a call, and a fleet has thousands of texts).
  const templates = new Map<RuleMessageKey, string>();
  const template = (key: RuleMessageKey) => {
    let text = templates.get(key);
    if (text === undefined) {
      text = RULE_TEXTS[key](keptPlaceholders(key));
      templates.set(key, text);
    }
    return text;
  };
  const translate = (m: RuleMessage): string =>
    fillTemplate(template(m.key), m.values, (v) => format.value(v, translate));
  return (r) => {
    const m = r.messages;
    if (!m) {
      return english(r);
    }
    return {
      title: translate(m.title),
      target: m.target ? translate(m.target) : r.target,
      evidence: translate(m.evidence),
      action: translate(m.action),
      assumptions: translate(m.assumptions),
    };
  };
}

/** Each placeholder of a key's template as its own value, so that t() gives the template back unfilled. */
function keptPlaceholders(key: RuleMessageKey): Shown {
  const names = [...RULE_MESSAGES[key].matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);
  return Object.fromEntries(names.map((name) => [name, `{{${name}}}`]));
}

/** How a language shows the values of a message. Made once per frame: Intl formatters are costly to build. */
export interface LocaleFormat {
  value(v: MessageValue, nested: (m: RuleMessage) => string): string;
}

export function localeFormat(language: string): LocaleFormat {
  const numbers = new Map<string, Intl.NumberFormat>();
  const symbols = new Map<string, string>();
  const list = new Intl.ListFormat(language, { style: 'long', type: 'conjunction' });
  const number = (value: number, unit: MessageUnit, digits?: number) => {
    const key = `${unit}|${digits ?? ''}`;
    let f = numbers.get(key);
    if (!f) {
      f = new Intl.NumberFormat(language, numberOptions(unit, digits));
      numbers.set(key, f);
    }
    return f.format(value);
  };
  const symbol = (code: string) => {
    let s = symbols.get(code);
    if (s === undefined) {
      s = currencySymbol(code, language);
      symbols.set(code, s);
    }
    return s;
  };
  return {
    value(v, nested) {
      switch (v.kind) {
        case 'number':
          return number(v.value, v.unit, v.digits);
        case 'text':
          return v.value;
        case 'list':
          return list.format(v.items);
        case 'currency':
          return symbol(v.code);
        case 'message':
          return nested(v.message);
      }
    },
  };
}

/** Fixed decimals when the rule gives them; otherwise the number as given, prices with at least cents. */
function numberOptions(unit: MessageUnit, digits?: number): Intl.NumberFormatOptions {
  if (digits !== undefined) {
    return { minimumFractionDigits: digits, maximumFractionDigits: digits };
  }
  return { minimumFractionDigits: unit === 'currency/kWh' ? 2 : 0, maximumFractionDigits: 6 };
}

/** The currency's symbol in the language (BRL in pt-BR: R$); the code itself when Intl does not know it. */
function currencySymbol(code: string, language: string): string {
  try {
    const parts = new Intl.NumberFormat(language, { style: 'currency', currency: code }).formatToParts(0);
    return parts.find((p) => p.type === 'currency')?.value ?? code;
  } catch {
    return code;
  }
}
