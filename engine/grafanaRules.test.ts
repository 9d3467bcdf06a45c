/** @jest-environment ./engine/testing/nodeEnvironment.js */
// The engine's grafana settings: off with an empty url (one file with and without Grafana), one credential at
// most, secrets read from files as Prometheus reads them.
import { ConfigError, parseConfig } from './config';
import { grafanaAuthorization } from './grafanaRules';

const target = { name: 'p', promql: 'up', kind: 'power' };

it('turns the Grafana rules off when the url is empty, and needs no YAML target when on', () => {
  expect(
    parseConfig({ targets: [target], grafana: { url: '', basic: { username: 'admin', password: '' } } }).grafana
  ).toBeUndefined();
  const on = parseConfig({ grafana: { url: 'http://grafana:3000', bearerToken: 't' } });
  expect(on.targets).toEqual([]);
  expect(on.grafana).toMatchObject({ url: 'http://grafana:3000', every: '1m', timeout: '10s' });
  expect(() => parseConfig({})).toThrow(/targets: configure at least one target \(or grafana\)/);
});

it('refuses two credentials and a poll interval under a second', () => {
  expect(() =>
    parseConfig({ grafana: { url: 'http://g', bearerToken: 't', basic: { username: 'a', password: 'p' } } })
  ).toThrow(/grafana: give at most one of bearerToken, bearerTokenFile and basic/);
  expect(() => parseConfig({ grafana: { url: 'http://g', every: '500ms' } })).toThrow(
    /grafana.every: 500ms is shorter than the minimum of 1s/
  );
});

it('sends a bearer token or basic credentials, files trimmed, and names a missing file', () => {
  const files: Record<string, string> = { '/run/token': 'glsa_abc\n', '/run/pw': ' s3cret \n' };
  const read = (p: string) => {
    if (!(p in files)) {
      throw Object.assign(new Error('nope'), { code: 'ENOENT' });
    }
    return files[p];
  };
  const g = (extra: object) => parseConfig({ grafana: { url: 'http://g', ...extra } }).grafana!;
  expect(grafanaAuthorization(g({ bearerTokenFile: '/run/token' }), read)).toBe('Bearer glsa_abc');
  expect(grafanaAuthorization(g({ basic: { username: 'admin', passwordFile: '/run/pw' } }), read)).toBe(
    `Basic ${Buffer.from('admin:s3cret').toString('base64')}`
  );
  expect(grafanaAuthorization(g({}), read)).toBeUndefined();
  expect(() => grafanaAuthorization(g({ bearerTokenFile: '/run/missing' }), read)).toThrow(ConfigError);
  expect(() => grafanaAuthorization(g({ bearerTokenFile: '/run/missing' }), read)).toThrow(
    'grafana.bearerTokenFile: cannot read /run/missing: ENOENT'
  );
});
