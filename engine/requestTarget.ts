// The request-target of an HTTP request line split into path and query without ever throwing: whatever a client
// sends (`http://[`, `//[::1`, `http://a:b`, percent garbage, binary), the answer is a route or a 400.

export interface RequestTarget {
  /** As sent, not percent-decoded: routes are plain ASCII, so nothing needs decoding to match them. */
  path: string;
  query: URLSearchParams;
}

/** RFC 3986 path characters (pchar and "/"), percent-escapes well formed: `//[::1` is no path. */
const ORIGIN_PATH = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$/;

/**
 * Origin-form (`/path?query`) is split by hand and its path checked against RFC 3986, so `//[::1` is a bad path
 * rather than a URL with a bad host; the query goes to URLSearchParams, which takes anything. Absolute-form
 * (`http://host/path`, which HTTP/1.1 servers must accept) goes through the WHATWG parser, its
 * exception caught. Anything else (asterisk-form, authority-form, garbage) is undefined: a 400.
 */
export function parseRequestTarget(raw: string | undefined): RequestTarget | undefined {
  if (raw === undefined || raw.length === 0) {
    return undefined;
  }
  if (raw.startsWith('/')) {
    const q = raw.indexOf('?');
    const path = q < 0 ? raw : raw.slice(0, q);
    if (!ORIGIN_PATH.test(path)) {
      return undefined;
    }
    return { path, query: q < 0 ? new URLSearchParams() : parseQuery(raw.slice(q + 1)) };
  }
  return /^https?:\/\//i.test(raw) ? absoluteForm(raw) : undefined;
}

function absoluteForm(raw: string): RequestTarget | undefined {
  try {
    const url = new URL(raw);
    return { path: url.pathname, query: url.searchParams };
  } catch {
    return undefined;
  }
}

/** URLSearchParams decodes leniently (a stray `%` stays a `%`); the try is for whatever a future runtime rejects. */
function parseQuery(text: string): URLSearchParams {
  try {
    return new URLSearchParams(text);
  } catch {
    return new URLSearchParams();
  }
}
