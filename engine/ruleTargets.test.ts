// Grafana rules labelled ecoti_managed="true" as engine targets: the contract read field by field, with the YAML
// targets' limits. (The rule the app's page builds, served by a fake Grafana to a real engine and Prometheus, is in
// integration/engineDiscovery.test.ts.)
import { ruleTargetsFrom } from './ruleTargets';

const context = { schedule: { refit: '1h', update: '1m' }, training: { step: '5m', window: '14d' } };

/** A rule as GET /api/v1/provisioning/alert-rules lists it (ProvisionedAlertRule), with the contract's fields. */
function rule(uid: string, annotations: Record<string, string> = {}, labels: Record<string, string> = {}) {
  return {
    id: 7,
    uid,
    orgID: 1,
    folderUID: 'ecoti-ai',
    ruleGroup: 'ecoti-predicted',
    title: `Rack power ${uid}`,
    condition: 'C',
    data: [],
    updated: '2026-11-30T17:00:00Z',
    noDataState: 'OK',
    execErrState: 'Error',
    for: '15m',
    provenance: '',
    isPaused: false,
    labels: { ecoti_managed: 'true', ecoti_target: `rule_${uid.replace(/-/g, '_')}`, severity: 'warning', ...labels },
    annotations: {
      summary: 's',
      ecoti_query: 'sum by (rack) (raritan_pdu_activepower_watt)',
      ecoti_kind: 'power',
      ecoti_threshold: '4600',
      ecoti_direction: 'above',
      ...annotations,
    },
  };
}

it('makes a target of each managed rule, its horizons 1h, 24h and its own', () => {
  const { targets, invalid } = ruleTargetsFrom(
    [rule('ecoti-k3v9q2m7x1ab', { ecoti_horizon: '48h', ecoti_step: '1m' }), rule('b_2', { ecoti_horizon: '24h' })],
    context
  );
  expect(invalid).toEqual([]);
  expect(targets).toEqual([
    expect.objectContaining({
      name: 'rule_ecoti_k3v9q2m7x1ab',
      promql: 'sum by (rack) (raritan_pdu_activepower_watt)',
      kind: 'power',
      horizons: ['1h', '24h', '48h'],
      threshold: { value: 4600, direction: 'above' },
      step: '1m',
      anomaly: true,
    }),
    expect.objectContaining({ name: 'rule_b_2', horizons: ['1h', '24h'] }),
  ]);
  expect(targets[1].step).toBeUndefined();
});

it('leaves out rules that are not managed or are paused', () => {
  const unmanaged = rule('u1', {}, { ecoti_managed: 'false' });
  const paused = { ...rule('p1'), isPaused: true };
  expect(ruleTargetsFrom([unmanaged, paused, { uid: 'x' }], context)).toEqual({ targets: [], invalid: [] });
});

it.each([
  [
    'a target label that is not rule_<uid>',
    rule('r1', {}, { ecoti_target: 'rack_power' }),
    /ecoti_target must be "rule_r1"/,
  ],
  ['no query', rule('r2', { ecoti_query: ' ' }), /ecoti_query .* is missing/],
  ['a query over 4096 characters', rule('r3', { ecoti_query: `m${' '.repeat(4096)}+1` }), /longer than 4096/],
  ['a threshold that is not a number', rule('r4', { ecoti_threshold: '4.6 kW' }), /finite number, got "4.6 kW"/],
  ['an infinite threshold', rule('r5', { ecoti_threshold: 'Infinity' }), /finite number/],
  ['an unknown kind', rule('r6', { ecoti_kind: 'watts' }), /^ecoti_kind: /],
  ['an unknown direction', rule('r7', { ecoti_direction: 'over' }), /^ecoti_direction: /],
  ['a step that is not a duration', rule('r8', { ecoti_step: 'often' }), /^ecoti_step: expected a duration/],
  [
    'a horizon beyond what the ML core forecasts at the step',
    rule('r9', { ecoti_horizon: '1y', ecoti_step: '1m' }),
    /ML core's/,
  ],
  ['a uid Grafana would not give', rule('no spaces'), /uid "no spaces"/],
])('refuses a rule with %s, saying why', (_what, r, message) => {
  const { targets, invalid } = ruleTargetsFrom([r], context);
  expect(targets).toEqual([]);
  expect(invalid).toHaveLength(1);
  expect(invalid[0].problem).toMatch(message);
  expect(invalid[0].title).toBe(r.title);
});

it('keeps one target when two uids differ only by - and _', () => {
  const { targets, invalid } = ruleTargetsFrom([rule('a-b'), rule('a_b')], context);
  expect(targets.map((t) => t.name)).toEqual(['rule_a_b']);
  expect(invalid).toEqual([
    expect.objectContaining({ uid: 'a_b', problem: 'another rule already forecasts as rule_a_b' }),
  ]);
});

it('counts an invalid rule under its own target name when its uid is usable', () => {
  const { invalid } = ruleTargetsFrom([rule('r4', { ecoti_threshold: 'x' }), rule('bad uid')], context);
  expect(invalid.map((i) => i.target)).toEqual(['rule_r4', 'grafana']);
});

it('refuses an answer that is not a list of rules', () => {
  expect(() => ruleTargetsFrom({ message: 'Unauthorized' }, context)).toThrow(/JSON array of alert rules/);
});
