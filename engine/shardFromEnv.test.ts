import { resolveShard } from './shardFromEnv';

describe('resolveShard', () => {
  it('takes --shard, or one replica of one when nothing is set', () => {
    expect(resolveShard('2/3', {})).toEqual({ index: 2, total: 3 });
    expect(resolveShard(undefined, { HOSTNAME: 'ecoti-engine-4' })).toEqual({ index: 0, total: 1 });
  });

  it('reads the index from ECOTI_SHARD_INDEX (the pod-index label) and the total from ECOTI_SHARDS', () => {
    expect(resolveShard(undefined, { ECOTI_SHARDS: '4', ECOTI_SHARD_INDEX: '3' })).toEqual({ index: 3, total: 4 });
  });

  it("reads the index from a StatefulSet pod's HOSTNAME when asked", () => {
    const env = { ECOTI_SHARDS: '4', ECOTI_SHARD_FROM_HOSTNAME: 'true', HOSTNAME: 'ecoti-engine-10-2' };
    expect(resolveShard(undefined, env)).toEqual({ index: 2, total: 4 });
  });

  it.each([
    [{ ECOTI_SHARDS: '2', ECOTI_SHARD_INDEX: '2' }, /shard index 2 is not below ECOTI_SHARDS=2/],
    [{ ECOTI_SHARD_INDEX: '0' }, /needs ECOTI_SHARDS/],
    [{ ECOTI_SHARDS: '2' }, /needs this replica’s index/],
    [{ ECOTI_SHARDS: '0', ECOTI_SHARD_INDEX: '0' }, /at least 1/],
    [{ ECOTI_SHARDS: '2', ECOTI_SHARD_INDEX: '01' }, /ECOTI_SHARD_INDEX must be a whole number.*"01"/],
    [{ ECOTI_SHARDS: '2', ECOTI_SHARD_INDEX: '-1' }, /whole number/],
    [{ ECOTI_SHARDS: 'two', ECOTI_SHARD_INDEX: '0' }, /ECOTI_SHARDS must be a whole number/],
    [{ ECOTI_SHARDS: '2', ECOTI_SHARD_FROM_HOSTNAME: 'yes' }, /true or false/],
    [{ ECOTI_SHARDS: '2', ECOTI_SHARD_FROM_HOSTNAME: 'true', HOSTNAME: 'engine' }, /ending in -<ordinal>.*"engine"/],
    [{ ECOTI_SHARDS: '2', ECOTI_SHARD_FROM_HOSTNAME: 'true', ECOTI_SHARD_INDEX: '1' }, /not both/],
  ])('refuses %j', (env, message) => {
    expect(() => resolveShard(undefined, env)).toThrow(message);
  });

  it('refuses --shard together with the variables, and a malformed --shard', () => {
    expect(() => resolveShard('0/2', { ECOTI_SHARDS: '2' })).toThrow(/not both/);
    expect(() => resolveShard('2/2', {})).toThrow(/0 <= i < n/);
  });
});
