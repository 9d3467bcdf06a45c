/** @jest-environment ./engine/testing/nodeEnvironment.js */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAuthorized, requiredCredentials } from './auth';
import { ConfigError, parseConfig } from './config';
import { configErrorOf } from './testing/configError';

const dir = mkdtempSync(join(tmpdir(), 'ecoti-auth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const withListen = (listen: unknown) => ({ listen, targets: [{ name: 't', promql: 'up', kind: 'power' }] });

describe('listen.auth configuration', () => {
  it('reads a token file once, trimmed as Prometheus trims credentials_file', () => {
    const file = join(dir, 'token');
    writeFileSync(file, '  tok-from-file\n');
    const config = parseConfig(withListen({ auth: { bearerTokenFile: file } }));
    const required = requiredCredentials(config.listen.auth)!;
    expect(required.scheme).toBe('Bearer');
    expect(isAuthorized('Bearer tok-from-file', required)).toBe(true);
    expect(isAuthorized('Bearer tok-from-file\n', required)).toBe(true);
    expect(isAuthorized('Bearer  tok-from-file', required)).toBe(true);
  });

  it('stops start-up with a message naming the file, never its content, when a secret file is missing or empty', () => {
    const empty = join(dir, 'empty');
    writeFileSync(empty, '\n');
    expect(() => requiredCredentials({ bearerTokenFile: join(dir, 'absent') })).toThrow(
      new ConfigError(`listen.auth.bearerTokenFile: cannot read ${join(dir, 'absent')}: ENOENT`)
    );
    expect(() => requiredCredentials({ basic: { username: 'p', passwordFile: empty } })).toThrow(/is empty/);
  });

  it('refuses ambiguous or misspelt auth settings without echoing the secrets', () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ bearerToken: 'tok-1', basic: { username: 'u', password: 'pw-1' } }, /exactly one of bearerToken/],
      [{ bearer_token: 'tok-2' }, /bearer_token/],
      [{ basic: { username: 'u', password: 'pw-3', passwordFile: '/x' } }, /exactly one of password and passwordFile/],
      [{ basic: { username: 'a:b', password: 'pw-4' } }, /without ":"/],
      [{}, /exactly one of bearerToken/],
    ];
    for (const [auth, message] of cases) {
      const error = configErrorOf(withListen({ auth }));
      expect(error).toMatch(/listen\.auth/);
      expect(error).toMatch(message);
      expect(error).not.toMatch(/tok-|pw-/);
    }
  });

  it('listens on loopback unless told otherwise, with no credentials required', () => {
    const config = parseConfig(withListen(undefined));
    expect(config.listen).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(requiredCredentials(config.listen.auth)).toBeUndefined();
  });
});

describe('isAuthorized', () => {
  const bearer = requiredCredentials({ bearerToken: 'correct-horse' })!;

  it('accepts exactly the token: not a prefix, an extension, a different last byte or case, nor another scheme', () => {
    expect(isAuthorized('Bearer correct-horse', bearer)).toBe(true);
    expect(isAuthorized('BEARER correct-horse', bearer)).toBe(true);
    for (const header of [
      undefined,
      '',
      'Bearer',
      'Bearer ',
      'Bearer correct-hors',
      'Bearer correct-horsf',
      'Bearer correct-horse-battery',
      'Bearer Correct-horse',
      'Basic correct-horse',
      'Token correct-horse',
      'correct-horse',
    ]) {
      expect([header, isAuthorized(header, bearer)]).toEqual([header, false]);
    }
  });

  it('compares digests of equal length, whatever the length of what is presented', () => {
    // Only a SHA-256 digest of the secret is kept, so the comparison runs over 32 bytes for any input length.
    expect(bearer.digest).toHaveLength(32);
    expect(JSON.stringify(bearer)).not.toContain('correct-horse');
    expect(isAuthorized(`Bearer ${'x'.repeat(100_000)}`, bearer)).toBe(false);
  });
});
