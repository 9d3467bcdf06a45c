/** @jest-environment ./engine/testing/nodeEnvironment.js */
import { CycleCache } from './cycleCache';

function source() {
  return {
    cycles: 0,
    now: 0,
    clock() {
      return this.now;
    },
  };
}

const deferred = <T>() => {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};

describe('CycleCache', () => {
  it('shares one computation between concurrent requests and keeps its value for the cycle', async () => {
    const src = source();
    const cache = new CycleCache<number>(src, { maxAgeMs: 60_000, maxEntries: 10 });
    const d = deferred<number>();
    let calls = 0;
    const compute = () => (calls++, d.promise);
    const waiting = [cache.get('k', compute), cache.get('k', compute), cache.get('k', compute)];
    d.resolve(42);
    expect(await Promise.all(waiting)).toEqual([42, 42, 42]);
    expect(await cache.get('k', async () => 0)).toBe(42);
    expect(calls).toBe(1);
    src.cycles++;
    expect(await cache.get('k', async () => 7)).toBe(7);
    expect(cache.computations).toBe(2);
  });

  it('recomputes a value older than maxAgeMs even within a cycle (a stalled loop)', async () => {
    const src = source();
    const cache = new CycleCache<number>(src, { maxAgeMs: 5_000, maxEntries: 10 });
    await cache.get('k', async () => 1);
    src.now = 4_999;
    expect(await cache.get('k', async () => 2)).toBe(1);
    src.now = 5_000;
    expect(await cache.get('k', async () => 3)).toBe(3);
  });

  it('does not keep failures: the next request computes again', async () => {
    const cache = new CycleCache<number>(source(), { maxAgeMs: 60_000, maxEntries: 10 });
    await expect(cache.get('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await cache.get('k', async () => 5)).toBe(5);
  });

  it('serves the previous value while recomputing when asked to, the first request excepted', async () => {
    const src = source();
    const cache = new CycleCache<string>(src, { maxAgeMs: 60_000, maxEntries: 1, staleWhileRevalidate: true });
    expect(await cache.get('k', async () => 'first')).toBe('first');
    src.cycles++;
    const d = deferred<string>();
    expect(await cache.get('k', () => d.promise)).toBe('first');
    expect(await cache.get('k', async () => 'never called')).toBe('first');
    d.resolve('second');
    await d.promise;
    expect(await cache.get('k', async () => 'never called')).toBe('second');
    expect(cache.computations).toBe(2);
    // A failed refresh leaves the previous value in place.
    src.cycles++;
    expect(await cache.get('k', async () => Promise.reject(new Error('x')))).toBe('second');
    await new Promise((r) => setImmediate(r));
    expect(await cache.get('k', async () => 'third')).toBe('second');
  });

  it('holds at most maxBytes of values, dropping the least recently used', async () => {
    const cache = new CycleCache<string>(source(), {
      maxAgeMs: 60_000,
      maxEntries: 100,
      maxBytes: 10,
      sizeOf: (v) => v.length,
    });
    await cache.get('a', async () => 'aaaa');
    await cache.get('b', async () => 'bbbb');
    await cache.get('c', async () => 'cccc'); // 12 bytes: drops a
    expect(await cache.get('b', async () => 'new')).toBe('bbbb');
    expect(await cache.get('a', async () => 'a2')).toBe('a2');
    // One value over the bound on its own is still kept: the answer was computed, and it is the newest.
    await cache.get('big', async () => 'x'.repeat(50));
    expect(await cache.get('big', async () => 'again')).toBe('x'.repeat(50));
  });

  it('holds at most maxEntries keys, dropping the least recently used', async () => {
    const cache = new CycleCache<number>(source(), { maxAgeMs: 60_000, maxEntries: 2 });
    await cache.get('a', async () => 1);
    await cache.get('b', async () => 2);
    await cache.get('a', async () => 0); // a is now the most recent
    await cache.get('c', async () => 3); // drops b
    expect(await cache.get('a', async () => -1)).toBe(1);
    expect(await cache.get('b', async () => 22)).toBe(22);
    expect(cache.computations).toBe(4);
  });
});
