// Fills dashboard variables into a PromQL expression, escaping each value for where it lands, so a
// value (which any viewer can set from the URL) stays inside its label matcher and cannot change
// the query. Follows Grafana's Prometheus data source: regex matchers get regex-escaped values and
// multi-value / All variables as `(a|b)`; exact matchers and strings get string escaping.
import type { ScopedVars } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';
import { LiteralContext, Quote, splitPromQL } from './splitPromQL';

export type InterpolatedPromQL = { expr: string; notices: string[] } | { error: string };

/** What Grafana passes a custom format function (scenes: name, type, multi, includeAll). */
interface FormatVariable {
  name?: string;
  multi?: boolean;
  includeAll?: boolean;
}

type Place = { kind: 'code' } | { kind: 'literal'; quote: Quote; context: LiteralContext };

/**
 * Built-ins the upstream fills in itself, over the widened window EcoTI asks it for (and
 * $__rate_interval / $__range only it knows): left in the expression as written.
 */
const UPSTREAM_BUILT_INS = ['__interval', '__interval_ms', '__rate_interval', '__range', '__range_s', '__range_ms'];

const NAME = '[a-zA-Z_:][\\w:]*';
const NUMBER = '[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?';
const DURATION = '[+-]?(?:\\d+(?:ms|[smhdwy]))+';
/**
 * What a value may be outside quotes: one name, number or duration (signed, for offsets), or a list of names (a
 * `by (...)` clause). Anything else, an operator between two names included (`secret+up`), would be PromQL.
 */
const SAFE_IN_CODE = new RegExp(`^(?:${NUMBER}|${DURATION}|${NAME}(?:\\s*,\\s*${NAME})*)?$`);

export function interpolatePromQL(
  expr: string,
  scopedVars: ScopedVars | undefined,
  templateSrv: TemplateSrv
): InterpolatedPromQL {
  const vars: ScopedVars = { ...scopedVars };
  for (const name of UPSTREAM_BUILT_INS) {
    delete vars[name];
  }
  const problems: string[] = [];
  const notices = new Set<string>();
  let out = '';
  for (const part of splitPromQL(expr)) {
    if (part.kind === 'comment') {
      // Dropped: a comment means nothing to Prometheus and has no escape a value could be kept in.
      continue;
    }
    const place: Place =
      part.kind === 'code' ? { kind: 'code' } : { kind: 'literal', quote: part.quote, context: part.context };
    const formatter = (value: unknown, variable?: FormatVariable) => {
      const result = formatValue(value, variable?.name, place);
      if ('problem' in result) {
        problems.push(result.problem);
        return '';
      }
      if (result.notice) {
        notices.add(result.notice);
      }
      return result.text;
    };
    const text = templateSrv.replace(part.text, vars, formatter);
    out += part.kind === 'code' ? text : `${part.quote}${text}${part.closed ? part.quote : ''}`;
  }
  return problems.length ? { error: [...new Set(problems)].join(' ') } : { expr: out, notices: [...notices] };
}

type Formatted = { text: string; notice?: string } | { problem: string };

function formatValue(value: unknown, name: string | undefined, place: Place): Formatted {
  if (name?.startsWith('__')) {
    return { text: String(value ?? '') };
  }
  const values = Array.isArray(value) ? value.map((v) => String(v ?? '')) : [String(value ?? '')];
  const label = name ? `$${name}` : 'A dashboard variable';
  const several = values.length !== 1;

  if (place.kind === 'code') {
    const [single] = values;
    if (!several && SAFE_IN_CODE.test(single)) {
      return { text: single };
    }
    return {
      problem:
        `${label} sits outside a quoted string, where only names, numbers and durations are safe, ` +
        `and its value ${several ? `has ${values.length} parts` : quoteForMessage(single)} could change the query. ` +
        `Put it in a label matcher (label=~"${label}"), or write \${${name ?? 'var'}:raw} if it is meant to hold PromQL.`,
    };
  }

  let inner: string;
  let notice: string | undefined;
  if (place.context === 'regex') {
    const escaped = values.map(escapeRegex);
    inner = several ? `(${escaped.join('|')})` : escaped[0];
  } else if (several) {
    // Grafana's format, though an exact match compares it as one text: say how to match any of them.
    inner = `(${values.map(escapeRegex).join('|')})`;
    notice = `${label} has ${values.length} values but sits in an exact match (= or a plain string), which matches none of them; use =~ to match any.`;
  } else {
    inner = values[0];
  }

  if (place.quote === '`') {
    // A raw string has no escapes: a backtick would end it, and template syntax would be filled again upstream.
    if (inner.includes('`') || hasTemplateSyntax(inner)) {
      return {
        problem: `${label} holds a backtick or a $ inside a \`raw\` string, where it cannot be escaped; use a "double-quoted" string.`,
      };
    }
    return { text: inner, notice };
  }
  return { text: escapeQuoted(inner, place.quote), notice };
}

/** RE2 metacharacters, escaped so the value matches itself. */
function escapeRegex(v: string): string {
  return v.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

/**
 * Escapes for a PromQL quoted string (Go escapes). `$` and `[[` are written as \x24 / \x5b: the
 * upstream data source fills variables in the expression again, and must find none in a value.
 */
function escapeQuoted(v: string, quote: '"' | "'"): string {
  return v
    .replace(/\\/g, '\\\\')
    .replace(quote === '"' ? /"/g : /'/g, `\\${quote}`)
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\$/g, '\\x24')
    .replace(/\[(?=\[)/g, '\\x5b');
}

function hasTemplateSyntax(v: string): boolean {
  return v.includes('$') || v.includes('[[');
}

function quoteForMessage(v: string): string {
  return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
}
