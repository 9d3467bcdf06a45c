// The contract between a predicted-alert rule in Grafana and the engine that forecasts it: the app's page writes
// rules with these labels and annotations (src/alerting/predictedAlertRule.ts), the engine reads them back
// (engine/ruleTargets.ts). One pure file both import, so the names and limits cannot drift apart; eslint keeps it
// free of Grafana, React and Node like src/shared/settings.ts, the other file of src the engine may import.

/** What the engine can forecast: its config's target kinds, and so the kinds a predicted alert may name. */
export const TARGET_KINDS = [
  'power',
  'energy_counter_joules',
  'energy_counter_kwh',
  'utilisation',
  'temperature',
] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** The unit a counter kind counts in, as the ML core names it; undefined for the kinds that are not counters. */
export function counterUnitOf(kind: string): 'J' | 'kWh' | undefined {
  return kind === 'energy_counter_joules' ? 'J' : kind === 'energy_counter_kwh' ? 'kWh' : undefined;
}

/** Labels and annotations the engine reads; the names are the contract. */
export const CONTRACT = {
  managedLabel: 'ecoti_managed',
  targetLabel: 'ecoti_target',
  query: 'ecoti_query',
  kind: 'ecoti_kind',
  threshold: 'ecoti_threshold',
  direction: 'ecoti_direction',
  step: 'ecoti_step',
  horizon: 'ecoti_horizon',
} as const;

/** Longest upstream PromQL the engine accepts in ecoti_query. */
export const MAX_QUERY_LENGTH = 4096;
/** Grafana's limit on a rule uid, and its characters (ProvisionedAlertRule.uid in the API schema). */
export const MAX_UID_LENGTH = 40;
export const UID_PATTERN = /^[a-zA-Z0-9_-]+$/;

/** Whether Grafana accepts uid as a rule uid: 1–40 letters, digits, - or _. */
export function isRuleUid(uid: string): boolean {
  return UID_PATTERN.test(uid) && uid.length <= MAX_UID_LENGTH;
}

/**
 * The engine target a managed rule becomes (its ecoti_target label); its exported series carry it as target="…".
 * Engine target names are PromQL-label-like (letters, digits, _), so the uid's dashes become underscores.
 */
export function ruleTargetName(uid: string): string {
  return `rule_${uid.replace(/-/g, '_')}`;
}
