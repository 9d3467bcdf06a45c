import { splitPromQL } from './splitPromQL';

const literals = (expr: string) =>
  splitPromQL(expr).flatMap((p) => (p.kind === 'literal' ? [[p.context, p.quote, p.text]] : []));

describe('splitPromQL', () => {
  it('tells exact matchers, regex matchers and other strings apart', () => {
    expect(
      literals(
        `label_replace(up{job="node", instance=~'web.*', env!="dev", dc !~ "x"}, "host", "$1", "instance", "(.*)")`
      )
    ).toEqual([
      ['equality', '"', 'node'],
      ['regex', "'", 'web.*'],
      ['equality', '"', 'dev'],
      ['regex', '"', 'x'],
      ['string', '"', 'host'],
      ['string', '"', '$1'],
      ['string', '"', 'instance'],
      ['string', '"', '(.*)'],
    ]);
  });

  it('keeps escaped quotes inside a string, and backslashes in a raw string literal', () => {
    expect(literals(String.raw`up{a="x\"} or {b=\"", c=~` + '`\\d+`' + '}')).toEqual([
      ['equality', '"', String.raw`x\"} or {b=\"`],
      ['regex', '`', String.raw`\d+`],
    ]);
  });

  it('puts the pieces back together exactly, comments included', () => {
    const expr = 'sum by (instance) (rate(x{a="1"}[5m])) # per "host"\n> 0';
    const parts = splitPromQL(expr);
    expect(parts.map((p) => p.kind)).toEqual(['code', 'literal', 'code', 'comment', 'code']);
    expect(parts.find((p) => p.kind === 'comment')?.text).toBe('# per "host"');
    expect(parts.map((p) => (p.kind === 'literal' ? `${p.quote}${p.text}${p.quote}` : p.text)).join('')).toBe(expr);
  });

  it('marks a string left open at the end as unclosed', () => {
    expect(splitPromQL('up{a="open')).toEqual([
      { kind: 'code', text: 'up{a=' },
      { kind: 'literal', quote: '"', context: 'equality', text: 'open', closed: false },
    ]);
  });
});
