/** @jest-environment ./engine/testing/nodeEnvironment.js */
import { parseRequestTarget } from './requestTarget';

describe('parseRequestTarget', () => {
  it('splits origin-form into the raw path and its parameters', () => {
    const t = parseRequestTarget('/api/ai/predict/costs?target=rack_power&horizon=24h&x=%zz')!;
    expect(t.path).toBe('/api/ai/predict/costs');
    expect(Object.fromEntries(t.query)).toEqual({ target: 'rack_power', horizon: '24h', x: '%zz' });
    expect(parseRequestTarget('/metrics')).toEqual({ path: '/metrics', query: new URLSearchParams() });
    expect(parseRequestTarget('/a%2Fb')?.path).toBe('/a%2Fb');
  });

  it('takes absolute-form URLs that parse, by their path', () => {
    expect(parseRequestTarget('http://engine:9464/readyz?x=1')?.path).toBe('/readyz');
    expect(parseRequestTarget('HTTPS://engine/metrics')?.path).toBe('/metrics');
  });

  it('refuses, without throwing, the targets that used to stop the engine and other garbage', () => {
    for (const raw of [
      'http://[',
      '//[::1',
      'http://a:b',
      'http://a:b/metrics',
      'http://[::1]:99999/',
      '*',
      'engine:9464',
      '/%zz',
      '/%',
      '/a b',
      '/\u0000',
      '/é',
      '',
      undefined,
      'ftp://engine/metrics',
    ]) {
      expect([raw, parseRequestTarget(raw)]).toEqual([raw, undefined]);
    }
  });
});
