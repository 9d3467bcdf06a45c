/** @jest-environment ./engine/testing/nodeEnvironment.js */
// deploy/kubernetes: the invariants a typo would break without kubectl noticing — replicas and ECOTI_SHARDS agree,
// each ordinal resolves to its own shard, the Service, PDB and StatefulSet select the same pods, probes hit the
// engine's open endpoints, the pod runs non-root on a read-only root, and the ConfigMap's engine.yaml, its ${VARS}
// filled from the container's env, passes the engine's real configuration schema.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { expandEnv, parseConfig } from '../engine/config';
import { parseDuration } from '../engine/duration';
import { resolveShard } from '../engine/shardFromEnv';
import { REPO } from './harness';

const DIR = join(REPO, 'deploy', 'kubernetes');
const kustomization = parseAllDocuments(readFileSync(join(DIR, 'kustomization.yaml'), 'utf8'))[0].toJS();
const objects: any[] = (kustomization.resources as string[]).flatMap((file) =>
  parseAllDocuments(readFileSync(join(DIR, file), 'utf8')).map((d) => d.toJS())
);
const byKind = (kind: string) => objects.find((o) => o.kind === kind);
const sts = byKind('StatefulSet');
const pod = sts.spec.template.spec;
const container = pod.containers.find((c: any) => c.name === 'engine');
const env = (name: string) => container.env.find((e: any) => e.name === name);
const mountOf = (volume: string) => container.volumeMounts.find((m: any) => m.name === volume);
const selects = (selector: Record<string, string>) =>
  Object.entries(selector).every(([k, v]) => sts.spec.template.metadata.labels[k] === v);

/** The config as a pod would read it: env values filled in, the pod index as ordinal 0. */
function engineConfig() {
  const values: Record<string, string> = {};
  for (const e of container.env) {
    if (e.value !== undefined) {
      values[e.name] = e.value;
    }
  }
  const text = byKind('ConfigMap').data['engine.yaml'];
  return parseConfig(parseAllDocuments(expandEnv(text, values))[0].toJS(), 'configmap.yaml');
}

describe('deploy/kubernetes', () => {
  it('lists files that exist, each a Kubernetes object', () => {
    for (const file of kustomization.resources) {
      expect(existsSync(join(DIR, file))).toBe(true);
    }
    expect(objects.map((o) => o.kind).sort()).toEqual(['ConfigMap', 'PodDisruptionBudget', 'Service', 'StatefulSet']);
    expect(objects.every((o) => o.apiVersion && o.metadata?.name)).toBe(true);
  });

  it('gives every ordinal its own shard of ECOTI_SHARDS = replicas, from the pod-index label', () => {
    expect(env('ECOTI_SHARDS').value).toBe(String(sts.spec.replicas));
    expect(env('ECOTI_SHARD_INDEX').valueFrom.fieldRef.fieldPath).toBe(
      "metadata.labels['apps.kubernetes.io/pod-index']"
    );
    expect(env('ECOTI_SHARD_FROM_HOSTNAME')).toBeUndefined();
    const shards = Array.from({ length: sts.spec.replicas }, (_, i) =>
      resolveShard(undefined, { ECOTI_SHARDS: env('ECOTI_SHARDS').value, ECOTI_SHARD_INDEX: String(i) })
    );
    expect(shards.map((s) => `${s.index}/${s.total}`)).toEqual(
      Array.from({ length: sts.spec.replicas }, (_, i) => `${i}/${sts.spec.replicas}`)
    );
    // One replica more than ECOTI_SHARDS says would refuse to start rather than duplicate a share.
    expect(() =>
      resolveShard(undefined, { ECOTI_SHARDS: env('ECOTI_SHARDS').value, ECOTI_SHARD_INDEX: String(sts.spec.replicas) })
    ).toThrow(/not below ECOTI_SHARDS/);
  });

  it('selects the same pods from the headless Service, the PDB and the StatefulSet', () => {
    const svc = byKind('Service');
    const pdb = byKind('PodDisruptionBudget');
    expect(svc.spec.clusterIP).toBe('None');
    expect(sts.spec.serviceName).toBe(svc.metadata.name);
    expect(selects(svc.spec.selector)).toBe(true);
    expect(selects(sts.spec.selector.matchLabels)).toBe(true);
    expect(selects(pdb.spec.selector.matchLabels)).toBe(true);
    expect(pdb.spec.maxUnavailable).toBe(1);
    expect(container.ports.map((p: any) => p.name)).toContain(svc.spec.ports[0].targetPort);
  });

  it('probes the open endpoints on the port the engine listens on', () => {
    const port = container.ports.find((p: any) => p.name === 'http-metrics');
    expect(engineConfig().listen).toMatchObject({ host: '0.0.0.0', port: port.containerPort });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http-metrics' });
    expect(container.startupProbe.httpGet).toEqual({ path: '/healthz', port: 'http-metrics' });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http-metrics' });
  });

  it('runs non-root on a read-only root, writing only to its state volume and /tmp', () => {
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(container.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
    const writable = container.volumeMounts.filter((m: any) => !m.readOnly).map((m: any) => m.mountPath);
    expect(writable.sort()).toEqual(['/tmp', engineConfig().stateDir].sort());
    expect(sts.spec.volumeClaimTemplates.map((v: any) => v.metadata.name)).toEqual(['state']);
  });

  it("holds an engine.yaml the engine's schema accepts, reading its token from the mounted Secret", () => {
    const config = engineConfig();
    expect(container.args).toEqual(['--config', `${mountOf('config').mountPath}/engine.yaml`]);
    expect(config.remoteWrite?.bearerTokenFile?.startsWith(`${mountOf('remote-write-token').mountPath}/`)).toBe(true);
    expect(pod.volumes.find((v: any) => v.name === 'remote-write-token').secret.secretName).toBeTruthy();
    expect(config.targets.every((t) => t.shardKey?.length)).toBe(true);
    // Pushed at least every 4 minutes (Prometheus' 5-minute lookback), by default every schedule.update.
    expect(parseDuration(config.remoteWrite?.every ?? config.schedule.update)).toBeLessThanOrEqual(240_000);
  });

  it('caps the V8 heap below the memory limit', () => {
    const heapMiB = Number(/--max-old-space-size=(\d+)/.exec(env('NODE_OPTIONS').value)![1]);
    const limit = container.resources.limits.memory as string;
    const limitMiB = Number(limit.replace(/Gi$/, '')) * 1024;
    expect(limit).toMatch(/^\d+Gi$/);
    expect(heapMiB).toBeLessThan(0.9 * limitMiB);
    expect(heapMiB).toBeGreaterThan(0.6 * limitMiB);
  });
});
