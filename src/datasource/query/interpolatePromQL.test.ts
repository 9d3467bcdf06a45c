import type { ScopedVars } from '@grafana/data';
import { fakeTemplateSrv, FakeVariable } from '../testing/fakeUpstream';
import { DEFAULT_SIGNALS } from '../types';
import { interpolatePromQL } from './interpolatePromQL';

const INJECTION = 'a"} or vector(1) or {x="';

function fill(expr: string, variables: Record<string, string | FakeVariable>, scopedVars: ScopedVars = {}) {
  return interpolatePromQL(expr, scopedVars, fakeTemplateSrv(variables));
}

function filled(expr: string, variables: Record<string, string | FakeVariable>, scopedVars: ScopedVars = {}) {
  const r = fill(expr, variables, scopedVars);
  if ('error' in r) {
    throw new Error(r.error);
  }
  return r.expr;
}

const multi = (value: string[]): FakeVariable => ({ value, multi: true, includeAll: true });

describe('interpolatePromQL', () => {
  it('keeps an injection attempt inside the exact matcher it was typed into', () => {
    expect(filled('up{instance="$host"}', { host: INJECTION })).toBe(
      String.raw`up{instance="a\"} or vector(1) or {x=\""}`
    );
  });

  it('keeps it inside a regex matcher and a single-quoted string too', () => {
    expect(filled('up{instance=~"$host"}', { host: INJECTION })).toBe(
      String.raw`up{instance=~"a\"\\} or vector\\(1\\) or \\{x=\""}`
    );
    expect(filled("up{instance='$host'}", { host: "a'} or vector(1) or {x='" })).toBe(
      String.raw`up{instance='a\'} or vector(1) or {x=\''}`
    );
  });

  it('leaves a plain value as the user picked it in an exact matcher', () => {
    expect(filled('up{instance="$host", job="node"}', { host: 'web-1' })).toBe('up{instance="web-1", job="node"}');
    expect(filled('up{instance="$host"}', { host: 'web.1:9100' })).toBe('up{instance="web.1:9100"}');
  });

  it('regex-escapes a single value in a regex matcher, so it matches itself only', () => {
    expect(filled('up{instance=~"$host"}', { host: 'web.1:9100' })).toBe(String.raw`up{instance=~"web\\.1:9100"}`);
    expect(filled('up{instance!~"$host"}', { host: 'a+b' })).toBe(String.raw`up{instance!~"a\\+b"}`);
    // Escaped per value, around the pattern the dashboard wrote.
    expect(filled('up{instance=~"$host:.*"}', { host: 'web.1' })).toBe(String.raw`up{instance=~"web\\.1:.*"}`);
  });

  it('formats a multi-value variable as (a|b) with each value regex-escaped', () => {
    expect(filled('up{instance=~"$host"}', { host: multi(['web.1', 'db+2', 'c(3)']) })).toBe(
      String.raw`up{instance=~"(web\\.1|db\\+2|c\\(3\\))"}`
    );
    // One value picked in a multi-value variable: just that value, escaped.
    expect(filled('up{instance=~"$host"}', { host: multi(['web.1']) })).toBe(String.raw`up{instance=~"web\\.1"}`);
  });

  it('expands All to every option, escaped; a custom all value goes in as the dashboard wrote it', () => {
    const all = { value: '$__all', multi: true, includeAll: true, options: ['web.1', 'web.2'] };
    expect(filled('up{instance=~"$host"}', { host: all })).toBe(String.raw`up{instance=~"(web\\.1|web\\.2)"}`);
    expect(filled('up{instance=~"$host"}', { host: { ...all, allValue: '.*' } })).toBe('up{instance=~".*"}');
  });

  it('says to use =~ when several values land in an exact matcher', () => {
    const r = fill('up{instance="$host"}', { host: multi(['a.1', 'b']) });
    expect(r).toEqual({
      expr: String.raw`up{instance="(a\\.1|b)"}`,
      notices: [
        '$host has 2 values but sits in an exact match (= or a plain string), which matches none of them; use =~ to match any.',
      ],
    });
  });

  it('escapes backslashes and newlines so the string stays one valid literal', () => {
    expect(filled('up{path="$p"}', { p: 'C:\\temp\nx' })).toBe(String.raw`up{path="C:\\temp\nx"}`);
    expect(filled('up{path=~"$p"}', { p: 'C:\\temp' })).toBe(String.raw`up{path=~"C:\\\\temp"}`);
  });

  it('writes $ in a value as \\x24, so the upstream finds no variable to fill in again', () => {
    expect(filled('up{a="$v"}', { v: '$other [[other]]' })).toBe(String.raw`up{a="\x24other \x5b[other]]"}`);
    expect(filled('up{a=~"$v"}', { v: 'price$' })).toBe(String.raw`up{a=~"price\\\x24"}`);
  });

  it('leaves $__interval, $__rate_interval and $__range for the upstream, which knows the widened window', () => {
    const scoped: ScopedVars = {
      __interval: { text: '15s', value: '15s' },
      __interval_ms: { text: '15000', value: 15000 },
    };
    const expr = 'rate(x{a="$host"}[$__rate_interval]) / avg_over_time(y[$__interval]) + z[$__range] * $__interval_ms';
    expect(filled(expr, { host: 'web-1' }, scoped)).toBe(
      'rate(x{a="web-1"}[$__rate_interval]) / avg_over_time(y[$__interval]) + z[$__range] * $__interval_ms'
    );
  });

  it('fills other built-ins from scoped vars as they are', () => {
    expect(filled('up{a=~"$__user"}', {}, { __user: { text: 'a.b', value: 'a.b' } })).toBe('up{a=~"a.b"}');
  });

  it('lets names, numbers and durations stand outside strings, and refuses anything else there', () => {
    expect(
      filled('topk($n, $metric[$window] offset $off)', { n: '5', metric: 'node:cpu', window: '5m', off: '-1h' })
    ).toBe('topk(5, node:cpu[5m] offset -1h)');
    const r = fill('topk($n, up)', { n: '5, up) or vector(1' });
    expect('error' in r && r.error).toMatch(
      /^\$n sits outside a quoted string.* "5, up\) or vector\(1" could change the query/
    );
  });

  it('accepts a list of label names outside strings but no operator between names or numbers', () => {
    expect(filled('sum by ($by) (up)', { by: 'instance, job' })).toBe('sum by (instance, job) (up)');
    expect(filled('x * $k', { k: '1.5e-3' })).toBe('x * 1.5e-3');
    for (const value of ['secret_metric+up', 'up-1', '5,up', '1h+1h', 'a b', '-']) {
      const r = fill('sum($m{job="x"})', { m: value });
      expect({ value, refused: 'error' in r }).toEqual({ value, refused: true });
    }
  });

  it('honours a format written in the expression, the dashboard author’s explicit choice', () => {
    expect(filled('sum by (${labels:csv}) (up)', { labels: multi(['instance', 'job']) })).toBe(
      'sum by (instance,job) (up)'
    );
  });

  it('keeps label_replace’s own $1 and drops comments, where a value could not be escaped', () => {
    expect(filled('label_replace(up, "h", "$1", "instance", "(.*)") # $host\n', { host: INJECTION })).toBe(
      'label_replace(up, "h", "$1", "instance", "(.*)") \n'
    );
  });

  it('regex-escapes inside a raw string without string escapes, and refuses what a raw string cannot hold', () => {
    expect(filled('up{a=~`$v`}', { v: 'a.b"c' })).toBe('up{a=~`a\\.b"c`}');
    const r = fill('up{a=~`$v`}', { v: 'x` or vector(1) or {b=`' });
    expect('error' in r && r.error).toMatch(/backtick/);
  });

  it('leaves queries without variables exactly as written', () => {
    for (const expr of Object.values(DEFAULT_SIGNALS)) {
      expect(filled(expr, { host: 'x' })).toBe(expr);
    }
  });

  it('leaves unknown variables as written', () => {
    expect(filled('up{a="$nope"}', {})).toBe('up{a="$nope"}');
  });
});
