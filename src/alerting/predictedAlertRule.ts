// The Grafana alert rule behind "alert me before this series crosses X": built here, in one pure function, so
// that the app's page, its tests (against Grafana's published API schema) and the engine's reader of managed
// rules all hold the same contract. The engine forecasts every rule labelled ecoti_managed="true" from the
// ecoti_* annotations; the rule's condition reads back the engine's ecoti_time_to_threshold_seconds.

import {
  CONTRACT,
  isRuleUid,
  MAX_QUERY_LENGTH,
  MAX_UID_LENGTH,
  ruleTargetName,
  TARGET_KINDS,
  type TargetKind,
} from '../shared/predictedAlertContract';

export { CONTRACT, MAX_QUERY_LENGTH, MAX_UID_LENGTH, UID_PATTERN } from '../shared/predictedAlertContract';
/** What the engine can forecast, so what a predicted alert may name (the contract's target kinds). */
export const PREDICTED_KINDS = TARGET_KINDS;
export type PredictedKind = TargetKind;
export type PredictedDirection = 'above' | 'below';
/** The engine target a managed rule becomes: its exported series carry it as target="…". */
export const ruleTarget = ruleTargetName;

/** A duration both Prometheus and Grafana read: a whole number and one unit. */
export const DURATION_PATTERN = /^[1-9]\d*(s|m|h|d|w)$/;
/** Grafana's server-side expressions run on this pseudo data source. */
export const EXPRESSION_DATASOURCE_UID = '__expr__';
/** Where the app files its rules: found by title, created with this uid when absent. */
export const RULE_FOLDER = { uid: 'ecoti-ai', title: 'EcoTI AI' } as const;
export const RULE_GROUP = 'ecoti-predicted';
/**
 * A forecast is refitted every few minutes and may wobble across the lead time: the crossing must hold this
 * long before the alert fires (the shipped capacity rule waits 15 min for a 24 h lead as well).
 */
export const PENDING_PERIOD = '15m';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** Seconds in a duration of DURATION_PATTERN; NaN otherwise. */
export function durationSeconds(text: string): number {
  const m = DURATION_PATTERN.exec(text.trim());
  return m ? Number(text.trim().slice(0, -1)) * UNIT_SECONDS[m[1]] : NaN;
}

/** A new rule uid: "ecoti-" and 12 random letters and digits (18 characters, within Grafana's 40). */
export function newRuleUid(random: () => number = Math.random): string {
  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let id = '';
  for (let i = 0; i < 12; i++) {
    id += chars[Math.floor(random() * chars.length) % chars.length];
  }
  return `ecoti-${id}`;
}

export interface PredictedAlertInput {
  uid: string;
  title: string;
  folderUid: string;
  orgId: number;
  /** The Prometheus that scrapes the engine: the rule's query A runs there. */
  engineDatasourceUid: string;
  /** The upstream PromQL, template variables already filled in. */
  query: string;
  kind: PredictedKind;
  /** In the kind's unit: W (power and energy counters), ratio 0–1 (utilisation), °C (temperature). */
  threshold: number;
  direction: PredictedDirection;
  /** "Alert when the forecast crosses within …": the condition's lead time and the engine's horizon. */
  lead: string;
  step?: string;
  /** The panel the rule came from, linked from its notifications. */
  panel?: { dashboardUid: string; panelId: number };
  /** Notification texts' language: Portuguese for a pt-BR author, English otherwise. */
  language?: string;
}

/** Grafana's ProvisionedAlertRule (POST /api/v1/provisioning/alert-rules), the fields this app sets. */
export interface ProvisionedAlertRule {
  uid: string;
  orgID: number;
  folderUID: string;
  ruleGroup: string;
  title: string;
  condition: string;
  data: Array<{
    refId: string;
    datasourceUid: string;
    relativeTimeRange?: { from: number; to: number };
    model: Record<string, unknown>;
  }>;
  noDataState: 'OK' | 'NoData' | 'Alerting';
  execErrState: 'OK' | 'Error' | 'Alerting';
  for: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  isPaused: boolean;
}

/** What is wrong with an input, in English for logs and tests (the page validates its form in the user's words). */
export function predictedAlertProblems(input: PredictedAlertInput): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, message: string) => !ok && problems.push(message);
  check(isRuleUid(input.uid), `uid "${input.uid}" must be 1–${MAX_UID_LENGTH} letters, digits, - or _`);
  check(input.title.trim().length > 0 && input.title.length <= 190, 'the title must be 1–190 characters');
  check(
    input.query.trim().length > 0 && input.query.length <= MAX_QUERY_LENGTH,
    `the query must be 1–${MAX_QUERY_LENGTH} characters`
  );
  check(!/\$\{?\w/.test(input.query), 'the query still holds a template variable: fill it in first');
  check((PREDICTED_KINDS as readonly string[]).includes(input.kind), `unknown kind "${input.kind}"`);
  check(Number.isFinite(input.threshold), 'the threshold must be a finite number');
  check(input.direction === 'above' || input.direction === 'below', 'the direction must be above or below');
  check(durationSeconds(input.lead) > 0, `lead time "${input.lead}" is not a duration such as 24h`);
  check(
    input.step === undefined || durationSeconds(input.step) > 0,
    `step "${input.step}" is not a duration such as 5m`
  );
  check(input.engineDatasourceUid.trim().length > 0, 'the Prometheus that scrapes the engine is missing');
  check(input.folderUid.trim().length > 0, 'the folder uid is missing');
  return problems;
}

/** The rule to POST. Throws on an input predictedAlertProblems() refuses: the page checks its form first. */
export function buildPredictedAlertRule(input: PredictedAlertInput): ProvisionedAlertRule {
  const problems = predictedAlertProblems(input);
  if (problems.length) {
    throw new Error(`Cannot build the alert rule: ${problems.join('; ')}.`);
  }
  const target = ruleTarget(input.uid);
  const leadSeconds = durationSeconds(input.lead);
  const texts = notificationTexts(input);
  const annotations: Record<string, string> = {
    summary: texts.summary,
    description: texts.description,
    runbook: texts.runbook,
    [CONTRACT.query]: input.query,
    [CONTRACT.kind]: input.kind,
    [CONTRACT.threshold]: String(input.threshold),
    [CONTRACT.direction]: input.direction,
    [CONTRACT.horizon]: input.lead,
  };
  if (input.step) {
    annotations[CONTRACT.step] = input.step;
  }
  if (input.panel) {
    annotations.__dashboardUid__ = input.panel.dashboardUid;
    annotations.__panelId__ = String(input.panel.panelId);
  }
  return {
    uid: input.uid,
    orgID: input.orgId,
    folderUID: input.folderUid,
    ruleGroup: RULE_GROUP,
    title: input.title.trim(),
    condition: 'C',
    data: [
      {
        refId: 'A',
        relativeTimeRange: { from: 600, to: 0 },
        datasourceUid: input.engineDatasourceUid,
        model: {
          refId: 'A',
          expr: `ecoti_time_to_threshold_seconds{target="${target}", bound="mean"}`,
          instant: true,
          range: false,
        },
      },
      {
        refId: 'C',
        datasourceUid: EXPRESSION_DATASOURCE_UID,
        model: {
          refId: 'C',
          type: 'threshold',
          expression: 'A',
          datasource: { type: EXPRESSION_DATASOURCE_UID, uid: EXPRESSION_DATASOURCE_UID },
          conditions: [{ evaluator: { type: 'lt', params: [leadSeconds] } }],
        },
      },
    ],
    // No series means the engine has not forecast this rule yet (it picks new rules up on its next poll) or the
    // upstream series is gone: neither is a predicted crossing, and the engine's own health alerts cover both.
    noDataState: 'OK',
    execErrState: 'Error',
    for: PENDING_PERIOD,
    labels: { [CONTRACT.managedLabel]: 'true', [CONTRACT.targetLabel]: target, severity: 'warning' },
    annotations,
    isPaused: false,
  };
}

const UNIT_TEXT: Record<PredictedKind, string> = {
  power: 'W',
  energy_counter_joules: 'W',
  energy_counter_kwh: 'W',
  utilisation: '',
  temperature: '°C',
};

/** Notification texts, written once at creation: Grafana sends them as they are, whoever reads them later. */
function notificationTexts(input: PredictedAlertInput) {
  const value = `${input.threshold}${UNIT_TEXT[input.kind] ? ` ${UNIT_TEXT[input.kind]}` : ''}`;
  // Every label of the series the engine forecast (the upstream's, plus target and bound), whatever the query.
  const series = '{{ range $k, $v := $labels }}{{ $k }}={{ $v }} {{ end }}';
  if (input.language?.toLowerCase().startsWith('pt')) {
    const verb = input.direction === 'above' ? 'ultrapassa' : 'cai abaixo de';
    return {
      summary: `${input.title.trim()}: previsão ${verb} ${value} em menos de ${input.lead}`,
      description: `A previsão média ${verb} ${value} em {{ humanizeDuration $values.A.Value }} (série: ${series.trim()}).`,
      runbook:
        'Abra a regra no Grafana e compare a série real com a faixa prevista. Se a tendência se confirmar, ' +
        'aja antes do horário previsto (mover carga, adiar jobs, ampliar capacidade).',
    };
  }
  const verb = input.direction === 'above' ? 'exceeds' : 'falls below';
  return {
    summary: `${input.title.trim()}: forecast ${verb} ${value} within ${input.lead}`,
    description: `The mean forecast ${verb} ${value} in {{ humanizeDuration $values.A.Value }} (series: ${series.trim()}).`,
    runbook:
      'Open the rule in Grafana and compare the actual series with the forecast band. If the trend holds, act ' +
      'before the forecast crossing time (move load, postpone jobs, add capacity).',
  };
}
