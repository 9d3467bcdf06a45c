/** @jest-environment ./engine/testing/nodeEnvironment.js */
import { exportedLabels, fnv1a, inShard, parseShard, seriesKey, shardHash } from './labels';

describe('series identity and sharding', () => {
  it('identifies a series by its labels regardless of their order', () => {
    expect(seriesKey({ rack: 'a', instance: 'h1' })).toBe(seriesKey({ instance: 'h1', rack: 'a' }));
    expect(seriesKey({ rack: 'a' })).not.toBe(seriesKey({ rack: 'b' }));
  });

  it('hashes with FNV-1a (known test vectors), so replicas agree across versions', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('puts every series in exactly one of n shards, about evenly', () => {
    const n = 4;
    const counts = new Array(n).fill(0);
    for (let i = 0; i < 2000; i++) {
      const labels = { instance: `srv-${i}`, rack: `rack-${i % 7}` };
      const owners = Array.from({ length: n }, (_, k) => inShard(labels, { index: k, total: n }, ['instance']));
      expect(owners.filter(Boolean)).toHaveLength(1);
      counts[owners.indexOf(true)]++;
    }
    for (const c of counts) {
      expect(c).toBeGreaterThan(400);
      expect(c).toBeLessThan(600);
    }
  });

  it('shards on the shard key only, so a rack stays on one replica whatever its other labels', () => {
    const a = shardHash({ rack: 'r1', pdu: 'a' }, ['rack']);
    const b = shardHash({ rack: 'r1', pdu: 'b' }, ['rack']);
    expect(a).toBe(b);
    expect(shardHash({ rack: 'r1', pdu: 'a' })).not.toBe(shardHash({ rack: 'r1', pdu: 'b' }));
  });

  it('parses --shard i/n and rejects impossible shards', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, total: 3 });
    expect(() => parseShard('3/3')).toThrow(/0 <= i < n/);
    expect(() => parseShard('0/0')).toThrow();
    expect(() => parseShard('one/two')).toThrow();
  });

  it('exports series labels without __name__ and moves reserved names aside', () => {
    expect(exportedLabels({ __name__: 'x', instance: 'h', target: 'web', bound: 'b' })).toEqual({
      instance: 'h',
      exported_target: 'web',
      exported_bound: 'b',
    });
  });
});
