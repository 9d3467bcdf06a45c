// Splits a PromQL expression into code, comments and string literals, and says for each literal
// whether it is the value of an exact matcher, a regex matcher or neither, so variables inside it
// can be escaped for the place they land in.

export type LiteralContext = 'equality' | 'regex' | 'string';
export type Quote = '"' | "'" | '`';

export type PromQLPart =
  | { kind: 'code'; text: string }
  | { kind: 'comment'; text: string }
  /** `text` is what sits between the quotes, exactly as written (escapes not undone). */
  | { kind: 'literal'; quote: Quote; context: LiteralContext; text: string; closed: boolean };

export function splitPromQL(expr: string): PromQLPart[] {
  const parts: PromQLPart[] = [];
  let code = '';
  let i = 0;
  while (i < expr.length) {
    const c = expr[i];
    if (c === '#') {
      const end = expr.indexOf('\n', i);
      const stop = end === -1 ? expr.length : end;
      flushCode();
      parts.push({ kind: 'comment', text: expr.slice(i, stop) });
      i = stop;
    } else if (c === '"' || c === "'" || c === '`') {
      const context = literalContext(code);
      let j = i + 1;
      while (j < expr.length && expr[j] !== c) {
        // Backslash escapes exist in quoted strings only; a raw (backtick) string ends at the next backtick.
        j += c !== '`' && expr[j] === '\\' ? 2 : 1;
      }
      const closed = j < expr.length;
      flushCode();
      parts.push({ kind: 'literal', quote: c, context, text: expr.slice(i + 1, Math.min(j, expr.length)), closed });
      i = closed ? j + 1 : expr.length;
    } else {
      code += c;
      i++;
    }
  }
  flushCode();
  return parts;

  function flushCode() {
    if (code) {
      parts.push({ kind: 'code', text: code });
      code = '';
    }
  }
}

/** A literal right after `=~` / `!~` is a regex matcher's value; after `=` / `!=`, an exact one. */
function literalContext(codeBefore: string): LiteralContext {
  const op = /(=~|!~|!=|=)\s*$/.exec(codeBefore)?.[1];
  if (op === '=~' || op === '!~') {
    return 'regex';
  }
  return op ? 'equality' : 'string';
}
