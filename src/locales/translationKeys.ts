// Finds the plugin's translatable strings in its sources: every t('key', 'default', …) call, with
// the default text (or the plural defaults `defaultValue_one`, `defaultValue_other`). Used by the
// locales test to keep src/locales in step with the code, as `i18next-cli extract` would.
import fs from 'fs';
import path from 'path';

/** Flat map of translation key → English default ("key_one"/"key_other" for plurals). */
export type Messages = Record<string, string>;

export function extractMessages(source: string): Messages {
  const out: Messages = {};
  const call = /(?<![\w.$])t\(/g;
  let m: RegExpExecArray | null;
  while ((m = call.exec(source))) {
    const text = callText(source, m.index + 2);
    const strings = leadingStrings(text);
    if (strings.length < 2) {
      continue;
    }
    const [key, fallback] = strings;
    const plurals = [...text.matchAll(/defaultValue_(\w+)\s*:\s*'((?:[^'\\]|\\.)*)'/g)];
    if (plurals.length) {
      for (const [, form, value] of plurals) {
        out[`${key}_${form}`] = unescape(value);
      }
    } else {
      out[key] = fallback;
    }
  }
  return out;
}

/** Text of a call's arguments, from just after `(` to its matching `)`, skipping string contents. */
function callText(source: string, start: number): string {
  let depth = 1;
  let quote: string | null = null;
  for (let i = start; i < source.length; i++) {
    const c = source[i];
    if (quote) {
      if (c === '\\') {
        i++;
      } else if (c === quote) {
        quote = null;
      }
    } else if (c === "'" || c === '"' || c === '`') {
      quote = c;
    } else if (c === '(') {
      depth++;
    } else if (c === ')' && --depth === 0) {
      return source.slice(start, i);
    }
  }
  return source.slice(start);
}

/** The single-quoted string literals that open an argument list ("'key', 'default'"). */
function leadingStrings(args: string): string[] {
  const found: string[] = [];
  const re = /^\s*'((?:[^'\\]|\\.)*)'\s*(,|$)/;
  let rest = args;
  let m: RegExpExecArray | null;
  while (found.length < 2 && (m = re.exec(rest))) {
    found.push(unescape(m[1]));
    rest = rest.slice(m[0].length);
  }
  return found;
}

function unescape(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

/** Messages of every non-test source file under the given paths (files or folders). */
export function messagesOf(root: string, paths: string[]): Messages {
  const files = paths.flatMap((p) => sourceFiles(path.join(root, p)));
  return Object.assign({}, ...files.map((f) => extractMessages(fs.readFileSync(f, 'utf8'))));
}

function sourceFiles(p: string): string[] {
  if (!fs.existsSync(p)) {
    return [];
  }
  if (fs.statSync(p).isFile()) {
    return /\.tsx?$/.test(p) && !/\.test\.tsx?$/.test(p) ? [p] : [];
  }
  return fs
    .readdirSync(p)
    .filter((name) => name !== 'testing' && name !== 'locales')
    .flatMap((name) => sourceFiles(path.join(p, name)));
}

/** i18next's nested JSON from flat dotted keys, keys sorted. */
export function nest(messages: Messages): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const key of Object.keys(messages).sort()) {
    const parts = key.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      node = (node[part] ??= {}) as Record<string, unknown>;
    }
    node[parts[parts.length - 1]] = messages[key];
  }
  return root;
}

/** Flat dotted keys from i18next's nested JSON. */
export function flatten(json: unknown, prefix = ''): Messages {
  const out: Messages = {};
  for (const [k, v] of Object.entries(json as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') {
      out[key] = v;
    } else {
      Object.assign(out, flatten(v, key));
    }
  }
  return out;
}

/** Which sources end up in which bundle: the app's module and the panel's nested module. */
export const BUNDLES = {
  'renault-ecoti-app': {
    sources: [
      'module.tsx',
      'pages',
      'components/App',
      'components/AppConfig',
      'shared/SiteSettingsFields.tsx',
      'components/Recommendations',
    ],
    locales: 'locales',
  },
  'renault-ecoti-recommendations-panel': {
    sources: ['panels/recommendations', 'components/Recommendations'],
    locales: 'panels/recommendations/locales',
  },
} as const;
