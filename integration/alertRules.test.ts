/** @jest-environment ./engine/testing/nodeEnvironment.js */
// The Grafana-managed rules (provisioning/alerting) and the Prometheus rules (prometheus/rules) are the same rules:
// same names, PromQL, thresholds, pending periods, labels, summaries and runbooks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO } from './harness';

interface PromRule {
  alert: string;
  expr: string;
  for: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

interface GrafanaRule {
  uid: string;
  title: string;
  condition: string;
  for: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  data: Array<{
    refId: string;
    datasourceUid: string;
    model: {
      expr?: string;
      type?: string;
      expression?: string;
      conditions?: Array<{ evaluator: { type: string; params: number[] } }>;
    };
  }>;
}

const promRules: PromRule[] = parse(
  readFileSync(join(REPO, 'prometheus/rules/ecoti.rules.yml'), 'utf8')
).groups.flatMap((g: { rules: PromRule[] }) => g.rules);
const grafana = parse(readFileSync(join(REPO, 'provisioning/alerting/ecoti-rules.yaml'), 'utf8'));
const grafanaRules: GrafanaRule[] = grafana.groups.flatMap((g: { rules: GrafanaRule[] }) => g.rules);
const datasources = parse(readFileSync(join(REPO, 'provisioning/datasources/datasources.yaml'), 'utf8')).datasources;

const OPERATORS: Record<string, string> = { lt: '<', gt: '>' };
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('alert rules', () => {
  it('has one Grafana rule per Prometheus rule, with unique uids', () => {
    expect(grafanaRules.map((r) => r.title).sort()).toEqual(promRules.map((r) => r.alert).sort());
    expect(new Set(grafanaRules.map((r) => r.uid)).size).toBe(grafanaRules.length);
  });

  it('queries the provisioned Prometheus data source by its fixed uid', () => {
    const prom = datasources.find((d: { type: string }) => d.type === 'prometheus');
    const ecoti = datasources.find((d: { type: string }) => d.type === 'renault-ecoti-datasource');
    expect(prom.uid).toBe('ecoti-prometheus');
    expect(ecoti.jsonData.defaultUpstreamUid).toBe(prom.uid);
    for (const r of grafanaRules) {
      expect(r.data.find((d) => d.refId === 'A')!.datasourceUid).toBe(prom.uid);
    }
  });

  it.each(promRules.map((r) => [r.alert, r]))('%s says the same in both files', (_name, prom) => {
    const g = grafanaRules.find((r) => r.title === prom.alert)!;
    const query = g.data.find((d) => d.refId === 'A')!.model.expr!;
    const threshold = g.data.find((d) => d.refId === g.condition)!.model;
    expect(threshold).toMatchObject({ type: 'threshold', expression: 'A' });
    const { type, params } = threshold.conditions![0].evaluator;
    expect(squash(prom.expr)).toBe(squash(`${query} ${OPERATORS[type]} ${params[0]}`));
    expect(g.for).toBe(prom.for);
    expect(g.labels).toEqual(prom.labels);
    expect(g.annotations.summary).toBe(prom.annotations.summary);
    expect(squash(g.annotations.runbook)).toBe(squash(prom.annotations.runbook));
    expect(g.annotations.description).toBeTruthy();
  });
});
