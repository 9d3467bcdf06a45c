/** @jest-environment ./engine/testing/nodeEnvironment.js */
import { parseConfig } from '../config';
import { configErrorOf } from '../testing/configError';

const base = { targets: [{ name: 'p', promql: 'up', kind: 'power' }] };
const problems = (remoteWrite: unknown) => configErrorOf({ ...base, remoteWrite });

describe('remoteWrite configuration', () => {
  it('takes a URL alone, with the defaults', () => {
    const c = parseConfig({ ...base, remoteWrite: { url: 'http://mimir:8080/api/v1/push' } });
    expect(c.remoteWrite).toMatchObject({ maxSamplesPerRequest: 2000, retries: 3, timeout: '30s' });
  });

  it('refuses a push interval beyond the 5-minute lookback, two credentials, a bad regex and unknown keys', () => {
    expect(problems({ url: 'http://x/api/v1/write', every: '5m' })).toMatch(
      /remoteWrite.every: 5m is longer than the maximum of 4m \(series older than the 5-minute lookback/
    );
    expect(problems({ url: 'http://x/', bearerToken: 'a', basic: { username: 'u', password: 'p' } })).toMatch(
      /give at most one of bearerToken, bearerTokenFile and basic/
    );
    expect(problems({ url: 'http://x/', keep: 'ecoti_(' })).toMatch(/remoteWrite.keep: not a valid regular expression/);
    expect(problems({ url: 'http://x/', batchSize: 10 })).toMatch(/remoteWrite.batchSize: unknown key/);
    expect(problems({ url: 'http://x/', externalLabels: { 'bad-name': 'v' } })).toMatch(/remoteWrite.externalLabels/);
  });
});
