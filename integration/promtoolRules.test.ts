/** @jest-environment ./engine/testing/nodeEnvironment.js */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROMTOOL_BIN, REPO } from './harness';

const run = promisify(execFile);

describe('Prometheus rule file', () => {
  it('passes promtool check rules', async () => {
    const { stdout } = await run(PROMTOOL_BIN, ['check', 'rules', join(REPO, 'prometheus/rules/ecoti.rules.yml')]);
    expect(stdout).toContain('SUCCESS: 6 rules found');
  });

  it('fires and stays quiet exactly where its promtool unit tests say (promtool test rules)', async () => {
    const { stdout } = await run(PROMTOOL_BIN, ['test', 'rules', join(REPO, 'prometheus/rules/ecoti.rules.test.yml')]);
    expect(stdout).toContain('SUCCESS');
  });

  it('ships a Prometheus config that promtool accepts', async () => {
    const { stdout } = await run(PROMTOOL_BIN, [
      'check',
      'config',
      '--syntax-only',
      join(REPO, 'prometheus/prometheus.yml'),
    ]);
    expect(stdout).toContain('SUCCESS');
  });
});
