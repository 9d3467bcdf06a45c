// Polls Grafana's alerting provisioning API for the rules the engine forecasts (engine/ruleTargets.ts holds the
// contract): the engine reads the latest list between rounds of cycles. Grafana unreachable keeps the last list and
// counts an error; a rule that breaks the contract is logged and counted once, not at every poll.
import { readFileSync } from 'node:fs';
import { EngineConfig, ms, TargetConfig } from './config';
import { authorizationFor, readSecret } from './credentials';
import type { RuleTargetSource } from './ruleTargetSync';
import { Logger } from './log';
import { EngineMetrics } from './metrics';
import { ruleTargetsFrom } from './ruleTargets';
import type { TargetContext } from './configSchema';

export type GrafanaConfig = NonNullable<EngineConfig['grafana']>;

/** The path of the rules, relative to Grafana's URL (which may hold a sub-path). */
export const ALERT_RULES_PATH = '/api/v1/provisioning/alert-rules';

export interface GrafanaRulePollerOptions {
  grafana: GrafanaConfig;
  context: TargetContext;
  metrics: EngineMetrics;
  log: Logger;
  fetchImpl?: typeof fetch;
  readFile?: (path: string) => string;
}

/** The Authorization header for Grafana, files read now (a rotated secret is picked up at the next poll). */
export function grafanaAuthorization(
  g: GrafanaConfig,
  read: (p: string) => string = (p) => readFileSync(p, 'utf8')
): string | undefined {
  return authorizationFor(g, (path, field) => readSecret(path, `grafana.${field}`, read));
}

export class GrafanaRulePoller implements RuleTargetSource {
  private latest?: TargetConfig[];
  private readonly reported = new Set<string>();
  private timer?: NodeJS.Timeout;
  private running = false;
  private readonly fetchImpl: typeof fetch;
  private readonly read: (p: string) => string;
  private readonly url: string;

  constructor(private readonly options: GrafanaRulePollerOptions) {
    this.fetchImpl = options.fetchImpl ?? fetch;
    this.read = options.readFile ?? ((p) => readFileSync(p, 'utf8'));
    this.url = `${options.grafana.url.replace(/\/$/, '')}${ALERT_RULES_PATH}`;
    // A missing secret file stops the engine at start-up, like any configuration error.
    grafanaAuthorization(options.grafana, this.read);
  }

  /** The rule targets of the last successful poll; undefined before the first. */
  current(): TargetConfig[] | undefined {
    return this.latest;
  }

  start(): void {
    this.running = true;
    const tick = async () => {
      await this.poll();
      if (this.running) {
        this.timer = setTimeout(tick, ms(this.options.grafana.every));
      }
    };
    void tick();
  }

  stop(): void {
    this.running = false;
    if (this.timer) {
      clearTimeout(this.timer);
    }
  }

  /** One poll. Never throws: a failure keeps the last list and is counted and logged. */
  async poll(): Promise<void> {
    const { metrics, log } = this.options;
    let body: unknown;
    try {
      body = await this.get();
    } catch (e) {
      metrics.error('grafana', 'grafana_unreachable');
      log.warn('cannot read the alert rules from Grafana; keeping the last rule targets', {
        url: this.url,
        error: (e as Error).message,
        ruleTargets: this.latest?.length ?? 0,
      });
      return;
    }
    let found;
    try {
      found = ruleTargetsFrom(body, this.options.context);
    } catch (e) {
      metrics.error('grafana', 'grafana_unreachable');
      log.warn('Grafana answered with something that is not a list of alert rules; keeping the last rule targets', {
        url: this.url,
        error: (e as Error).message,
      });
      return;
    }
    for (const bad of found.invalid) {
      const key = `${bad.uid}\n${bad.problem}`;
      if (!this.reported.has(key)) {
        this.reported.add(key);
        metrics.error(bad.target, 'rule_invalid');
        log.warn('a Grafana rule labelled ecoti_managed="true" breaks the contract; not forecast', {
          uid: bad.uid,
          title: bad.title,
          problem: bad.problem,
        });
      }
    }
    this.latest = found.targets;
  }

  private async get(): Promise<unknown> {
    const authorization = grafanaAuthorization(this.options.grafana, this.read);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), ms(this.options.grafana.timeout));
    try {
      const response = await this.fetchImpl(this.url, {
        headers: { Accept: 'application/json', ...(authorization ? { Authorization: authorization } : {}) },
        signal: controller.signal,
      });
      if (!response.ok) {
        const hint =
          response.status === 401 || response.status === 403
            ? ' (the token or user cannot read alert rules through the provisioning API; see the README)'
            : '';
        throw new Error(`HTTP ${response.status}${hint}`);
      }
      return await response.json();
    } catch (e) {
      if (controller.signal.aborted) {
        throw new Error(`no answer within ${this.options.grafana.timeout}`);
      }
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }
}
