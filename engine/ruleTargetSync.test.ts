/** @jest-environment ./engine/testing/nodeEnvironment.js */
// Rule targets follow the Grafana rules: added, rebuilt when changed, removed with their state file (also those a
// rule deleted while the engine was down), never over a YAML target.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig, resolveTarget, TargetConfig } from './config';
import { Logger } from './log';
import { EngineMetrics } from './metrics';
import { RuleTargetSync } from './ruleTargetSync';
import { newTargetRuntime, TargetRuntime } from './targetRuntime';

const config = parseConfig({ targets: [{ name: 'rule_yaml', promql: 'up', kind: 'power' }] });
const rule = (name: string, promql = 'sum(p)'): TargetConfig =>
  parseConfig({ targets: [{ name, promql, kind: 'power' }] }).targets[0];

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ecoti-rulesync-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function setup(list: { current?: TargetConfig[] }) {
  const metrics = new EngineMetrics();
  const targets: TargetRuntime[] = config.targets.map((t) =>
    newTargetRuntime(
      resolveTarget(t, config.training),
      { index: 0, total: 1 },
      { updateMs: 60_000, refitMs: 3_600_000 }
    )
  );
  const built: string[] = [];
  const sync = new RuleTargetSync(
    { current: () => list.current },
    {
      targets,
      yamlNames: new Set(['rule_yaml']),
      stateDir: dir,
      metrics,
      log: new Logger('silent'),
      build: (t) => {
        built.push(t.name);
        return newTargetRuntime(
          resolveTarget(t, config.training),
          { index: 0, total: 1 },
          { updateMs: 60_000, refitMs: 3_600_000 },
          'rule'
        );
      },
    }
  );
  return { sync, targets, built, metrics };
}

const names = (targets: TargetRuntime[]) => targets.map((t) => `${t.origin}:${t.target.name}`);

it('adds, keeps, rebuilds and removes rule targets as the list changes, the YAML ones untouched', async () => {
  const list: { current?: TargetConfig[] } = {};
  const { sync, targets, built, metrics } = setup(list);
  sync.apply();
  expect(names(targets)).toEqual(['config:rule_yaml']);
  list.current = [rule('rule_a'), rule('rule_b'), rule('rule_yaml')];
  sync.apply();
  expect(names(targets)).toEqual(['config:rule_yaml', 'rule:rule_a', 'rule:rule_b']);
  list.current = [rule('rule_a'), rule('rule_b', 'sum(q)'), rule('rule_yaml')];
  sync.apply();
  expect(built).toEqual(['rule_a', 'rule_b', 'rule_b']);
  writeFileSync(join(dir, 'rule_a.state.json'), '{}');
  list.current = [rule('rule_b', 'sum(q)')];
  sync.apply();
  expect(names(targets)).toEqual(['config:rule_yaml', 'rule:rule_b']);
  expect(existsSync(join(dir, 'rule_a.state.json'))).toBe(false);
  // The clash with the YAML target was counted once, over three lists that held it.
  const clash = (await metrics.errors.get()).values.find((v) => v.labels.kind === 'rule_name_clash');
  expect(clash).toMatchObject({ labels: { target: 'rule_yaml' }, value: 1 });
});

it('removes, at the first list, the state of rules deleted while the engine was down', () => {
  for (const f of ['rule_gone.state.json', 'rule_kept.state.json', 'rule_yaml.state.json', 'rack.state.json']) {
    writeFileSync(join(dir, f), '{}');
  }
  const { sync } = setup({ current: [rule('rule_kept')] });
  sync.apply();
  expect(['rule_gone', 'rule_kept', 'rule_yaml', 'rack'].map((n) => existsSync(join(dir, `${n}.state.json`)))).toEqual([
    false,
    true,
    true,
    true,
  ]);
});
