// Keeps the engine's rule targets equal to the Grafana rules the poller last read (grafanaRules.ts): new rules
// become targets (their saved state loaded), changed ones are rebuilt, vanished ones removed with their exported
// series and state file. YAML targets are never touched: a rule naming one is skipped and counted.
import { readdirSync } from 'node:fs';
import type { TargetConfig } from './config';
import { Logger } from './log';
import { EngineMetrics } from './metrics';
import { removeTargetState } from './store';
import type { TargetRuntime } from './targetRuntime';

/** Where the engine reads the targets of Grafana's managed alert rules; undefined: none known yet. */
export interface RuleTargetSource {
  current(): TargetConfig[] | undefined;
}

/** What the sync changes in the engine, and how the engine builds a target. */
export interface RuleTargetHost {
  /** The engine's targets, YAML ones first; rule targets are added to and removed from it. */
  targets: TargetRuntime[];
  yamlNames: Set<string>;
  stateDir: string;
  metrics: EngineMetrics;
  log: Logger;
  /** A runtime for a rule target, its saved state loaded. */
  build(t: TargetConfig): TargetRuntime;
}

/** State files of rule targets (rule_…), whose rule may have gone while the engine was down. */
const RULE_STATE_FILE = /^(rule_[A-Za-z0-9_]+)\.state\.json$/;

export class RuleTargetSync {
  /** The list last applied (by identity): nothing to do while the source has nothing new. */
  private applied?: TargetConfig[];
  /** Each rule target's definition as applied (JSON), to tell a changed rule from an unchanged one. */
  private readonly definitions = new Map<string, string>();
  /** Rule names that clash with YAML targets, reported once. */
  private readonly clashes = new Set<string>();

  constructor(
    private readonly source: RuleTargetSource,
    private readonly host: RuleTargetHost
  ) {}

  /** Applies the source's latest list. Call between rounds of cycles, so no cycle of a removed target is in flight. */
  apply(): void {
    const wanted = this.source.current();
    if (!wanted || wanted === this.applied) {
      return;
    }
    const first = this.applied === undefined;
    this.applied = wanted;
    const { host } = this;
    const next = new Map<string, TargetConfig>();
    for (const t of wanted) {
      if (!host.yamlNames.has(t.name)) {
        next.set(t.name, t);
      } else if (!this.clashes.has(t.name)) {
        this.clashes.add(t.name);
        host.metrics.error(t.name, 'rule_name_clash');
        host.log.warn('a Grafana rule names a target of the engine configuration; rule skipped', { target: t.name });
      }
    }
    for (const rt of host.targets.filter((x) => x.origin === 'rule')) {
      const t = next.get(rt.target.name);
      if (t && JSON.stringify(t) === this.definitions.get(rt.target.name)) {
        next.delete(rt.target.name);
      } else {
        this.remove(rt, t ? 'changed' : 'removed');
      }
    }
    if (first) {
      this.removeOrphanStates(new Set(wanted.map((t) => t.name)));
    }
    for (const t of next.values()) {
      this.definitions.set(t.name, JSON.stringify(t));
      host.targets.push(host.build(t));
      host.log.info('target added from a Grafana rule', { target: t.name, promql: t.promql, kind: t.kind });
    }
  }

  private remove(rt: TargetRuntime, why: 'changed' | 'removed'): void {
    const { host } = this;
    const name = rt.target.name;
    host.targets.splice(host.targets.indexOf(rt), 1);
    this.definitions.delete(name);
    host.metrics.forgetTarget(name);
    this.removeState(name);
    host.log.info(`target from a Grafana rule ${why}`, { target: name });
  }

  /** At the first list: state files of rules deleted while the engine was down. */
  private removeOrphanStates(wanted: Set<string>): void {
    let names: string[];
    try {
      names = readdirSync(this.host.stateDir);
    } catch {
      return;
    }
    for (const file of names) {
      const m = RULE_STATE_FILE.exec(file);
      if (m && !wanted.has(m[1]) && !this.host.yamlNames.has(m[1])) {
        this.removeState(m[1]);
        this.host.log.info('state of a Grafana rule target whose rule is gone removed', { target: m[1] });
      }
    }
  }

  private removeState(name: string): void {
    try {
      removeTargetState(this.host.stateDir, name);
    } catch (e) {
      this.host.metrics.error(name, 'state_write_failed');
      this.host.log.warn('could not remove the state file of a rule target', { target: name, error: String(e) });
    }
  }
}
