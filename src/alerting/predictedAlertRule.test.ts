/** @jest-environment ./engine/testing/nodeEnvironment.js */
import { parse as parseYaml } from 'yaml';
import fs from 'fs';
import path from 'path';
import {
  buildPredictedAlertRule,
  CONTRACT,
  durationSeconds,
  MAX_UID_LENGTH,
  newRuleUid,
  type PredictedAlertInput,
  predictedAlertProblems,
  ruleTarget,
  UID_PATTERN,
} from './predictedAlertRule';
import { POST_RULE_HEADERS, provisionedAlertRuleProblems } from './testing/grafanaApiSchema';

const INPUT: PredictedAlertInput = {
  uid: 'ecoti-k3v9q2m7x1ab',
  title: 'Rack r1 power',
  folderUid: 'ecoti-ai',
  orgId: 1,
  engineDatasourceUid: 'ecoti-prometheus',
  query: 'sum by (rack) (raritan_pdu_activepower_watt{rack="r1"})',
  kind: 'power',
  threshold: 6000,
  direction: 'above',
  lead: '24h',
  step: '5m',
};

describe('buildPredictedAlertRule', () => {
  it('builds a body that Grafana’s published ProvisionedAlertRule schema accepts', () => {
    expect(provisionedAlertRuleProblems(buildPredictedAlertRule(INPUT))).toEqual([]);
    expect(POST_RULE_HEADERS).toEqual(['X-Disable-Provenance']);
  });

  it('is refused by the schema when a required field is missing or mistyped (the check can fail)', () => {
    const rule = buildPredictedAlertRule(INPUT) as unknown as Record<string, unknown>;
    const without = (key: string) => Object.fromEntries(Object.entries(rule).filter(([k]) => k !== key));
    expect(provisionedAlertRuleProblems(without('for'))).toEqual([`(body): should have required property 'for'`]);
    expect(provisionedAlertRuleProblems(without('folderUID'))).toEqual([
      `(body): should have required property 'folderUID'`,
    ]);
    expect(provisionedAlertRuleProblems({ ...rule, orgID: '1' })).toEqual(['.orgID: should be integer']);
    expect(provisionedAlertRuleProblems({ ...rule, noDataState: 'Ok' })).toEqual([
      '.noDataState: should be equal to one of the allowed values',
    ]);
    expect(provisionedAlertRuleProblems({ ...rule, for: '15 minutes' })).toEqual([
      '.for: should match format "duration"',
    ]);
    expect(provisionedAlertRuleProblems({ ...rule, uid: `ecoti-${'x'.repeat(40)}` })).toEqual([
      '.uid: should NOT be longer than 40 characters',
    ]);
    expect(provisionedAlertRuleProblems({ ...rule, labels: { ecoti_managed: true } })).toEqual([
      ".labels['ecoti_managed']: should be string",
    ]);
  });

  it('carries the engine contract: managed label, target rule_<uid>, the query, kind, threshold, direction, step and horizon', () => {
    const rule = buildPredictedAlertRule(INPUT);
    expect(rule.labels).toEqual({
      ecoti_managed: 'true',
      ecoti_target: 'rule_ecoti_k3v9q2m7x1ab',
      severity: 'warning',
    });
    expect(rule.annotations).toEqual(
      expect.objectContaining({
        [CONTRACT.query]: INPUT.query,
        [CONTRACT.kind]: 'power',
        [CONTRACT.threshold]: '6000',
        [CONTRACT.direction]: 'above',
        [CONTRACT.step]: '5m',
        [CONTRACT.horizon]: '24h',
      })
    );
    // Every annotation and label value is a string: the schema's additionalProperties type.
    for (const v of [...Object.values(rule.labels), ...Object.values(rule.annotations)]) {
      expect(typeof v).toBe('string');
    }
    expect(Number(rule.annotations.ecoti_threshold)).toBe(6000);
  });

  it('reads the engine’s countdown of that target and fires under the lead time, as the shipped capacity rule does', () => {
    const rule = buildPredictedAlertRule({ ...INPUT, lead: '4h' });
    expect(rule.condition).toBe('C');
    expect(rule.data[0]).toEqual({
      refId: 'A',
      relativeTimeRange: { from: 600, to: 0 },
      datasourceUid: 'ecoti-prometheus',
      model: {
        refId: 'A',
        expr: 'ecoti_time_to_threshold_seconds{target="rule_ecoti_k3v9q2m7x1ab", bound="mean"}',
        instant: true,
        range: false,
      },
    });
    expect(rule.data[1].model).toEqual(
      expect.objectContaining({
        type: 'threshold',
        expression: 'A',
        conditions: [{ evaluator: { type: 'lt', params: [14_400] } }],
      })
    );
    expect({ noDataState: rule.noDataState, execErrState: rule.execErrState, for: rule.for }).toEqual({
      noDataState: 'OK',
      execErrState: 'Error',
      for: '15m',
    });
  });

  it('has the structure of the shipped Grafana-managed rule (provisioning/alerting/ecoti-rules.yaml)', () => {
    const file = path.join(__dirname, '../../provisioning/alerting/ecoti-rules.yaml');
    const shipped = parseYaml(fs.readFileSync(file, 'utf8')).groups[0].rules[0];
    const rule = buildPredictedAlertRule(INPUT);
    const shape = (r: { data: Array<{ refId: string; model: Record<string, unknown> }> }) =>
      r.data.map((d) => ({
        refId: d.refId,
        keys: Object.keys(d.model)
          .filter((k) => k !== 'datasource')
          .sort(),
      }));
    expect(shape(rule)).toEqual(shape(shipped));
    expect(rule.data[1].model.conditions).toEqual([{ evaluator: { type: 'lt', params: [86_400] } }]);
    expect(shipped.data[1].model.conditions).toEqual([{ evaluator: { type: 'lt', params: [86_400] } }]);
    expect([rule.noDataState, rule.execErrState]).toEqual([shipped.noDataState, shipped.execErrState]);
  });

  it('links notifications to the panel it came from, and writes them in Portuguese for a pt-BR author', () => {
    const rule = buildPredictedAlertRule({
      ...INPUT,
      panel: { dashboardUid: 'ecoti-sre', panelId: 7 },
      language: 'pt-BR',
    });
    expect(rule.annotations.__dashboardUid__).toBe('ecoti-sre');
    expect(rule.annotations.__panelId__).toBe('7');
    expect(rule.annotations.summary).toBe('Rack r1 power: previsão ultrapassa 6000 W em menos de 24h');
    expect(buildPredictedAlertRule(INPUT).annotations.summary).toBe(
      'Rack r1 power: forecast exceeds 6000 W within 24h'
    );
    expect(provisionedAlertRuleProblems(rule)).toEqual([]);
  });

  it('refuses an input that breaks the contract, saying what is wrong', () => {
    expect(predictedAlertProblems({ ...INPUT, query: 'x'.repeat(4097) })).toEqual([
      'the query must be 1–4096 characters',
    ]);
    expect(predictedAlertProblems({ ...INPUT, query: 'up{rack="$rack"}' })).toEqual([
      'the query still holds a template variable: fill it in first',
    ]);
    expect(predictedAlertProblems({ ...INPUT, threshold: Infinity, lead: '1 day' })).toEqual([
      'the threshold must be a finite number',
      'lead time "1 day" is not a duration such as 24h',
    ]);
    expect(() => buildPredictedAlertRule({ ...INPUT, uid: 'bad uid' })).toThrow(/uid "bad uid"/);
  });
});

describe('newRuleUid', () => {
  it('draws uids Grafana accepts, distinct from one draw to the next', () => {
    const uids = Array.from({ length: 200 }, () => newRuleUid());
    expect(new Set(uids).size).toBe(200);
    for (const uid of uids) {
      expect(uid).toMatch(/^ecoti-[a-z0-9]{12}$/);
      expect(UID_PATTERN.test(uid) && uid.length <= MAX_UID_LENGTH).toBe(true);
    }
    expect(ruleTarget('ecoti-abc')).toBe('rule_ecoti_abc');
  });
});

describe('durationSeconds', () => {
  it('reads whole-number durations of one unit, and nothing else', () => {
    expect([durationSeconds('24h'), durationSeconds('5m'), durationSeconds('7d'), durationSeconds('1w')]).toEqual([
      86_400, 300, 604_800, 604_800,
    ]);
    expect([durationSeconds('0h'), durationSeconds('1.5h'), durationSeconds('1h30m'), durationSeconds('')]).toEqual([
      NaN,
      NaN,
      NaN,
      NaN,
    ]);
  });
});
