// The contract between a Grafana alert rule and an engine target: a rule labelled ecoti_managed="true" asks the
// engine to forecast a query and export its time to a threshold, which the rule's own query then reads. The app's
// Predicted alerts page writes such rules (src/alerting/predictedAlertRule.ts); this module reads them. The names
// and limits live in src/shared/predictedAlertContract.ts, which both import.
//
// CONTRACT (also in the README, "Targets from Grafana alert rules"):
//   labels       ecoti_managed   "true"
//                ecoti_target    "rule_<rule uid, its - made _>" (uid: [a-zA-Z0-9_-], at most 40 characters): the
//                                target's name, exported as target="…", letters, digits and _ like a YAML target's"
//   annotations  ecoti_query     the upstream PromQL, at most 4096 characters
//                ecoti_kind      power | energy_counter_joules | energy_counter_kwh | utilisation | temperature
//                ecoti_threshold a finite number, in the kind's unit (W, ratio 0–1, °C)
//                ecoti_direction above | below
//                ecoti_step      optional: a duration (default: training.step)
//                ecoti_horizon   optional: a duration; the target's horizons are 1h, 24h and it, deduplicated
// The rule's query is ecoti_time_to_threshold_seconds{target="<ecoti_target>", bound="mean"} on the Prometheus
// that scrapes the engine. A paused rule is not forecast. Every field is checked by the same schema as a YAML
// target (configSchema.ts), so the limits are the same; a rule that breaks the contract is reported, not guessed at.
import type { TargetConfig } from './config';
import { parseDuration } from './duration';
import { TargetContext, targetProblems, targetSchema } from './configSchema';
import {
  CONTRACT,
  isRuleUid,
  MAX_QUERY_LENGTH,
  MAX_UID_LENGTH,
  ruleTargetName,
} from '../src/shared/predictedAlertContract';

/** Horizons every rule target exports, besides its own. */
const DEFAULT_RULE_HORIZONS = ['1h', '24h'];
/** A decimal number as Grafana's form and Go's strconv write it; no hex, no Infinity, no blanks. */
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/** A managed rule the engine cannot forecast, and why (logged and counted once per rule and problem). */
export interface InvalidRule {
  uid: string;
  title: string;
  /** The name its errors are counted under: rule_<uid> when the uid is usable, else "grafana". */
  target: string;
  problem: string;
}

export interface RuleTargets {
  targets: TargetConfig[];
  invalid: InvalidRule[];
}

/** The rules' shape this module reads: Grafana's ProvisionedAlertRule, fields it does not need left out. */
interface ProvisionedRuleFields {
  uid?: unknown;
  title?: unknown;
  isPaused?: unknown;
  labels?: unknown;
  annotations?: unknown;
}

const isStringMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The targets of the managed rules in a GET /api/v1/provisioning/alert-rules answer (an array of
 * ProvisionedAlertRule). Throws only when the answer is not an array of rules at all.
 */
export function ruleTargetsFrom(body: unknown, context: TargetContext): RuleTargets {
  if (!Array.isArray(body)) {
    throw new Error('expected a JSON array of alert rules (ProvisionedAlertRules)');
  }
  const targets: TargetConfig[] = [];
  const invalid: InvalidRule[] = [];
  for (const raw of body as ProvisionedRuleFields[]) {
    if (!isStringMap(raw) || !isStringMap(raw.labels) || raw.labels[CONTRACT.managedLabel] !== 'true') {
      continue;
    }
    if (raw.isPaused === true) {
      continue;
    }
    const result = ruleTarget(raw, context);
    if ('problem' in result) {
      invalid.push(result);
    } else if (targets.some((t) => t.name === result.name)) {
      // Uids a-b and a_b give one name: the first listed keeps it.
      invalid.push({
        uid: String(raw.uid),
        title: typeof raw.title === 'string' ? raw.title : '',
        target: result.name,
        problem: `another rule already forecasts as ${result.name}`,
      });
    } else {
      targets.push(result);
    }
  }
  return { targets, invalid };
}

/** One managed rule as a target, or what is wrong with it. */
export function ruleTarget(rule: ProvisionedRuleFields, context: TargetContext): TargetConfig | InvalidRule {
  const uid = typeof rule.uid === 'string' ? rule.uid : '';
  const title = typeof rule.title === 'string' ? rule.title : '';
  const usableUid = isRuleUid(uid);
  const fail = (problem: string): InvalidRule => ({
    uid,
    title,
    target: usableUid ? ruleTargetName(uid) : 'grafana',
    problem,
  });
  if (!usableUid) {
    return fail(`uid "${uid.slice(0, 60)}" is not 1–${MAX_UID_LENGTH} letters, digits, - or _`);
  }
  const labels = rule.labels as Record<string, unknown>;
  const name = ruleTargetName(uid);
  if (labels[CONTRACT.targetLabel] !== name) {
    return fail(`label ${CONTRACT.targetLabel} must be "${name}" (rule_ and the rule's uid, - made _)`);
  }
  const annotations = isStringMap(rule.annotations) ? rule.annotations : {};
  const text = (key: string): string | undefined => {
    const v = annotations[key];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  };
  const query = text(CONTRACT.query);
  if (!query) {
    return fail(`annotation ${CONTRACT.query} (the PromQL to forecast) is missing`);
  }
  if (query.length > MAX_QUERY_LENGTH) {
    return fail(`annotation ${CONTRACT.query} is longer than ${MAX_QUERY_LENGTH} characters`);
  }
  const thresholdText = text(CONTRACT.threshold);
  const threshold = thresholdText !== undefined && NUMBER.test(thresholdText) ? Number(thresholdText) : NaN;
  if (!Number.isFinite(threshold)) {
    return fail(`annotation ${CONTRACT.threshold} must be a finite number, got "${thresholdText ?? ''}"`);
  }
  const horizon = text(CONTRACT.horizon);
  const horizons = [...DEFAULT_RULE_HORIZONS];
  if (horizon !== undefined && !horizons.some((h) => parseDuration(h) === parseDuration(horizon))) {
    horizons.push(horizon);
  }
  const step = text(CONTRACT.step);
  const candidate = {
    name,
    promql: query,
    kind: text(CONTRACT.kind),
    horizons,
    threshold: { value: threshold, direction: text(CONTRACT.direction) },
    ...(step !== undefined ? { step } : {}),
  };
  const parsed = targetSchema.safeParse(candidate);
  if (!parsed.success) {
    const annotationOf = (path: PropertyKey[]): string => {
      const field = String(path[0]);
      const key =
        field === 'kind'
          ? CONTRACT.kind
          : field === 'threshold'
            ? CONTRACT.direction
            : field === 'step'
              ? CONTRACT.step
              : field === 'horizons'
                ? CONTRACT.horizon
                : field;
      return key;
    };
    return fail(parsed.error.issues.map((i) => `${annotationOf(i.path)}: ${i.message}`).join('; '));
  }
  const problems: string[] = [];
  targetProblems(parsed.data, context, (path, message) => problems.push(`${String(path[0])}: ${message}`));
  if (problems.length > 0) {
    return fail(problems.join('; '));
  }
  return parsed.data as TargetConfig;
}
