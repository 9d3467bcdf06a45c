// The texts of recommendations as structured messages: a key and typed values (numbers with their unit and
// decimals, identifiers, a currency code, nested messages), so that the edge can translate them and format
// numbers for the viewer. The English strings of `Recommendation` are rendered here, from the same templates.

/**
 * English templates, one per message key. `{{name}}` is a value of the message. They are the wording of the
 * stable API's English strings: change one and the legacy-text test says which strings changed.
 */
export const RULE_MESSAGES = {
  'common.price-note':
    'price {{price}} {{currency}}/kWh (peak {{peakPrice}} {{peakStart}}:00–{{peakEnd}}:00, off-peak {{offPeakPrice}})',
  'common.price-note-weekdays':
    'price {{price}} {{currency}}/kWh (peak {{peakPrice}} {{peakStart}}:00–{{peakEnd}}:00 weekdays, off-peak {{offPeakPrice}})',

  'idle-server.title': 'Power off or repurpose idle server {{host}}',
  'idle-server.evidence':
    'CPU {{cpuMean}}% on average (p95 {{cpuP95}}%) over {{days}} days while drawing a steady {{watts}} W (±{{variation}}%).',
  'idle-server.action':
    'Confirm with the owner that {{host}} serves nothing, then decommission it or give it a workload; if it must stay, enable power capping or a deep idle state.',
  'idle-server.assumptions':
    'Saves the measured mean draw {{watts}} W × {{hours}} h/month × PUE {{pue}}; {{carbonIntensity}} gCO2e/kWh; {{priceNote}}.',

  'consolidation.title': 'Consolidate {{hostsNow}} hosts onto {{hostsNeeded}}',
  'consolidation.evidence':
    '{{hostsNow}} hosts share a usage profile averaging {{meanCpu}}% CPU; their combined p95 ({{combinedP95}}% of one host) fits on {{hostsNeeded}} at 70% headroom.',
  'consolidation.action': 'Move the workloads of {{freed}} onto {{keep}}, then power the freed hosts off.',
  'consolidation.assumptions':
    'Freed hosts save their idle draw ({{idleWatts}} W in all, from a linear fit of power on CPU); load moved, not removed; {{hours}} h/month × PUE {{pue}}; {{carbonIntensity}} gCO2e/kWh; {{priceNote}}. Peaks assumed to coincide (conservative).',

  'cooling-set-point.title': 'Raise the cooling set point for {{sensor}} by {{raise}} °C',
  'cooling-set-point.evidence':
    'Inlet air averages {{mean}} °C (p95 {{p95}} °C), below the ASHRAE recommended {{min}}–{{max}} °C.',
  'cooling-set-point.action':
    'Raise the CRAC/CRAH supply set point in steps of {{step}} °C, watching inlet temperatures stay within {{min}}–{{max}} °C.',
  'cooling-set-point.assumptions':
    'Cooling ≈ (PUE {{pue}} − 1) × IT load {{itWatts}} W, shared evenly by {{sensors}} sensor(s); {{savingPerDegree}}% of cooling energy saved per °C (rule of thumb); {{carbonIntensity}} gCO2e/kWh; {{priceNote}}.',

  'load-shifting.title': 'Move flexible jobs out of the {{peakStart}}:00–{{peakEnd}}:00 peak tariff window',
  'load-shifting.target': '{{hosts}} metered host(s)',
  'load-shifting.evidence':
    '{{peakKWh}} kWh/month of facility energy falls in the peak window, billed at {{peakPrice}} instead of {{offPeakPrice}} {{currency}}/kWh.',
  'load-shifting.action':
    'Reschedule batch jobs, backups and report generation (cron, Kubernetes CronJobs) to start after {{peakEnd}}:00 or before {{peakStart}}:00.',
  'load-shifting.action-weekdays':
    'Reschedule batch jobs, backups and report generation (cron, Kubernetes CronJobs) to start after {{peakEnd}}:00 or before {{peakStart}}:00, or at weekends.',
  'load-shifting.assumptions':
    '{{flexibleShare}}% of peak-window energy is flexible and moves, not disappears (so kWh and CO2e do not change with one grid factor); {{shiftedKWh}} kWh/month shifted; window scaled to {{windowDays}} days; PUE {{pue}}.',

  'pue-drift.title': 'PUE is drifting up ({{from}} → {{to}}): find the cause',
  'pue-drift.target': 'site',
  'pue-drift.evidence':
    'Facility ÷ IT power rises by {{perWeek}} per week (95% range {{lowerPerWeek}} to {{upperPerWeek}}) over {{days}} days.',
  'pue-drift.action':
    'Check cooling (filters, refrigerant, set points, blanking panels), UPS efficiency and lighting; compare with the change points of the PUE trend.',
  'pue-drift.assumptions':
    'Returning PUE from {{to}} to {{from}} at the mean IT load {{itWatts}} W × {{hours}} h/month; {{carbonIntensity}} gCO2e/kWh; {{priceNote}}.',
} as const;

export type RuleMessageKey = keyof typeof RULE_MESSAGES;

/** What a number in a message measures; the template carries the unit's symbol, the value its meaning. */
export type MessageUnit =
  | 'W'
  | 'kWh/month'
  | '°C'
  | '%'
  | 'days'
  | 'h/month'
  | 'gCO2e/kWh'
  | 'PUE'
  | 'PUE/week'
  /** A price per kWh in the message's currency. */
  | 'currency/kWh'
  /** An hour of the day, 0–23, in the site's time zone. */
  | 'hour-of-day'
  | 'count';

export type MessageValue =
  /** A number, never pre-formatted: `digits` fixes its decimals; without it the number is shown as given. */
  | { kind: 'number'; value: number; unit: MessageUnit; digits?: number }
  /** An identifier from the data (host, sensor): shown as is, never translated. */
  | { kind: 'text'; value: string }
  /** Identifiers shown as a list. */
  | { kind: 'list'; items: string[] }
  /** An ISO 4217 currency code (English shows the code; the edge may show the viewer's symbol). */
  | { kind: 'currency'; code: string }
  /** A sentence of its own inside this one. */
  | { kind: 'message'; message: RuleMessage };

/** The names between `{{` and `}}` in a template, as a type. */
type Placeholders<S extends string> = S extends `${string}{{${infer Name}}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

export type MessageValues<K extends RuleMessageKey> = Record<Placeholders<(typeof RULE_MESSAGES)[K]>, MessageValue>;

/** One text: its key and exactly the values its template names (checked by the compiler). */
export type RuleMessage = { [K in RuleMessageKey]: { key: K; values: MessageValues<K> } }[RuleMessageKey];

/** The texts of one recommendation as messages; `target` only where the target is words, not an identifier. */
export interface RecommendationMessages {
  title: RuleMessage;
  evidence: RuleMessage;
  action: RuleMessage;
  assumptions: RuleMessage;
  target?: RuleMessage;
}

export function message<K extends RuleMessageKey>(key: K, values: MessageValues<K>): RuleMessage {
  return { key, values } as RuleMessage;
}

export function quantity(value: number, unit: MessageUnit, digits?: number): MessageValue {
  return digits === undefined ? { kind: 'number', value, unit } : { kind: 'number', value, unit, digits };
}

export function identifier(value: string): MessageValue {
  return { kind: 'text', value };
}

export function identifiers(items: string[]): MessageValue {
  return { kind: 'list', items: [...items] };
}

export function currency(code: string): MessageValue {
  return { kind: 'currency', code };
}

export function nested(m: RuleMessage): MessageValue {
  return { kind: 'message', message: m };
}

/** Replaces each `{{name}}` of a template with its value shown by `show`; unknown names stay as they are. */
export function fillTemplate(
  template: string,
  values: Readonly<Record<string, MessageValue>>,
  show: (value: MessageValue) => string
): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name) ? show(values[name]) : whole
  );
}

/** The English text of a message: what `Recommendation`'s string fields hold. */
export function renderEnglish(m: RuleMessage): string {
  return fillTemplate(RULE_MESSAGES[m.key], m.values, englishValue);
}

function englishValue(v: MessageValue): string {
  switch (v.kind) {
    case 'number':
      return v.digits === undefined ? `${v.value}` : v.value.toFixed(v.digits);
    case 'text':
      return v.value;
    case 'list':
      return v.items.join(', ');
    case 'currency':
      return v.code;
    case 'message':
      return renderEnglish(v.message);
  }
}

/** The English strings of a recommendation's messages, for its title, evidence, action and assumptions. */
export function englishTexts(m: RecommendationMessages) {
  return {
    title: renderEnglish(m.title),
    evidence: renderEnglish(m.evidence),
    action: renderEnglish(m.action),
    assumptions: renderEnglish(m.assumptions),
  };
}
