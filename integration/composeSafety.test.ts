/** @jest-environment ./engine/testing/nodeEnvironment.js */
// The compose stack is safe by default: read from the files themselves (no Docker engine runs here), so a change
// that publishes a port on every interface, makes anonymous users Admin or re-enables Prometheus' lifecycle API
// fails here rather than in someone's network.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '..');
const compose = parse(readFileSync(join(root, 'docker-compose.yaml'), 'utf8'));
const services: Record<string, any> = compose.services;

/** Resolves `${VAR:-default}` the way compose does when VAR is unset. */
function withDefaults(text: string): string {
  return text.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');
}

describe('docker-compose.yaml defaults', () => {
  it('publishes every port on loopback only', () => {
    const published = Object.entries(services).flatMap(([name, s]) =>
      ((s.ports ?? []) as string[]).map((p) => ({ name, spec: withDefaults(String(p)) }))
    );
    expect(published.map((p) => p.name).sort()).toEqual(['engine', 'grafana', 'prometheus', 'simulator']);
    for (const { name, spec } of published) {
      expect({ name, host: spec.split(':')[0] }).toEqual({ name, host: '127.0.0.1' });
    }
  });

  it('does not extend the development base, which publishes :3000 everywhere and makes anonymous users Admin', () => {
    expect(services.grafana.extends).toBeUndefined();
    const env = services.grafana.environment;
    expect(env.GF_AUTH_ANONYMOUS_ORG_ROLE).toBe('Viewer');
    expect(withDefaults(env.GF_SECURITY_ADMIN_PASSWORD)).toBe('ecoti-demo');
  });

  it('gives the README the demo password it prints', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain('ecoti-demo');
    expect(readme).toContain('ECOTI_BIND');
  });

  it('runs Prometheus without the lifecycle or admin APIs', () => {
    const flags: string[] = services.prometheus.command;
    expect(flags.filter((f) => /enable-lifecycle|enable-admin-api/.test(f))).toEqual([]);
  });
});
