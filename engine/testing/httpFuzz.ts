// Generated raw HTTP requests for the engine's fuzz test: a seeded mix of valid requests, the request targets that
// once stopped the engine, malformed request lines, odd and oversized headers, broken framing and plain binary.
// The same seed gives the same requests, so a failure names a request that can be replayed.

import { mulberry32 } from '../ml';

/** The ML core's seeded generator: every case reproducible from its seed. */
export const seededRandom = mulberry32;

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const chance = (r: Rand, p: number) => r() < p;
const bytes = (r: Rand, n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(r() * 256)));
const latin1 = (r: Rand, n: number) => bytes(r, n).toString('latin1');

const METHODS = [...Array(14).fill('GET'), 'HEAD', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'PATCH'];
const ODD_METHODS = [
  'CONNECT',
  'PRI',
  'get',
  'G ET',
  'GETT',
  '',
  'M-SEARCH',
  'PROPFIND',
  '\x00GET',
  'GÉT',
  'X'.repeat(300),
];
const PATHS = [
  '/metrics',
  '/healthz',
  '/readyz',
  '/api/ai/predict/consumption',
  '/api/ai/predict/emissions',
  '/api/ai/predict/costs',
  '/api/ai/insights/anomalies',
  '/api/ai/insights/trends',
  '/api/ai/insights/optimization',
  '/api/ai/recommendations/energy',
  '/api/ai/recommendations/infrastructure',
  '/',
  '/api',
  '/api/ai/',
  '/favicon.ico',
];
/** Request targets that ended the process before the guard, and their relatives. */
const CRASHERS = [
  'http://[',
  '//[::1',
  'http://a:b',
  'http://[::1',
  'http://[::1]:99999/',
  'https://[fe80::1%25eth0]/metrics',
  'http://user:pass@engine:0/metrics',
  'http://engine:65536/',
  'http://%41/',
  'http://a b/',
  'http://engine/healthz',
  'HTTP://ENGINE/readyz?x=%',
  '*',
  'engine:9464',
  'http:',
  'http://',
  '//',
  '///',
  '/..',
  '/../../etc/passwd',
  '/%2e%2e/metrics',
  'file:///etc/passwd',
  'javascript:alert(1)',
  '/metrics#frag',
  '/metrics?',
  '/metrics??',
];
const PARAMS: Record<string, string[]> = {
  target: [
    'rack_power',
    'inlet',
    'nope',
    '',
    '%00',
    '%',
    'rack_power%00',
    'a'.repeat(3000),
    '__proto__',
    'constructor',
  ],
  horizon: ['1h', '24h', '7d', '-1h', '1y', '0', 'NaN', '1e309', '%', `${'9'.repeat(400)}h`, '1h30m', '1.5h'],
  minScore: ['0', '0.5', '1', '2', '-0', 'NaN', '1e-400', '0x1', 'Infinity', ''],
  shift: ['0', '0.2', '1', '1.0000001', '-1', 'abc', '1e308'],
};
const VERSIONS = ['HTTP/1.1', 'HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/0.9', 'http/1.1', 'HTTP/1', ''];

function percentGarbage(r: Rand): string {
  return Array.from({ length: 1 + Math.floor(r() * 4) }, () =>
    pick(r, ['%', '%%', '%z', '%zz', '%0', '%C3', '%C3%28', '%ED%A0%80', '%FF', '%00', '+', '&', '=', ';'])
  ).join('');
}

function target(r: Rand): string {
  const roll = r();
  if (roll < 0.15) {
    return pick(r, CRASHERS);
  }
  if (roll < 0.2) {
    return `/${latin1(r, 1 + Math.floor(r() * 40)).replace(/[\r\n ]/g, '')}`;
  }
  let path = pick(r, PATHS);
  if (chance(r, 0.1)) {
    path += percentGarbage(r);
  }
  const names = Object.keys(PARAMS).filter(() => chance(r, 0.4));
  const query = names.map((n) => `${n}=${pick(r, PARAMS[n])}`);
  if (chance(r, 0.1)) {
    query.push(percentGarbage(r));
  }
  if (chance(r, 0.03)) {
    query.push(`x=${'y'.repeat(Math.floor(r() * 12_000))}`);
  }
  return query.length ? `${path}?${query.join('&')}` : path;
}

function headers(r: Rand, token: string, hostile: boolean): string[] {
  const out: string[] = [];
  if (!hostile) {
    out.push(`Host: ${pick(r, ['engine', '127.0.0.1:9464'])}`);
  } else if (!chance(r, 0.3)) {
    out.push(`Host: ${pick(r, ['engine', '', '[::1', 'a'.repeat(300)])}`);
  }
  if (chance(r, 0.85)) {
    const auth = pick(r, [
      ...Array(12).fill(`Bearer ${token}`),
      `bearer ${token}`,
      `Bearer ${token.slice(0, -1)}`,
      `Bearer ${token}x`,
      'Bearer ',
      'Bearer',
      `Basic ${Buffer.from(`x:${token}`).toString('base64')}`,
      'Basic !!!',
      `Bearer ${'t'.repeat(5000)}`,
      latin1(r, 20).replace(/[\r\n]/g, ''),
    ]);
    out.push(`Authorization: ${auth}`);
  }
  const benign = [
    () => `Accept-Encoding: ${pick(r, ['gzip', 'gzip, deflate', 'br', 'identity'])}`,
    () => `Connection: ${pick(r, ['keep-alive', 'close'])}`,
    () => `User-Agent: ${pick(r, ['Prometheus/2.53.2', 'curl/8.5.0', 'ü'.repeat(30)])}`,
    () => `X-Big: ${'a'.repeat(Math.floor(r() * 8_000))}`,
  ];
  const extras = [
    () =>
      `Accept-Encoding: ${pick(r, ['gzip', 'gzip, deflate', 'br', 'gzip;q=0', '*', latin1(r, 8).replace(/[\r\n]/g, '')])}`,
    () => `Content-Length: ${pick(r, ['0', '5', '-1', 'abc', '99999999999999999999', '1, 2'])}`,
    () => 'Content-Length: 3\r\nContent-Length: 4',
    () => `Transfer-Encoding: ${pick(r, ['chunked', 'chunked, identity', 'gzip', 'x'])}`,
    () => `Connection: ${pick(r, ['keep-alive', 'close', 'upgrade', 'Upgrade, HTTP2-Settings'])}`,
    () => `Upgrade: ${pick(r, ['websocket', 'h2c', 'TLS/1.0'])}`,
    () => `Expect: ${pick(r, ['100-continue', 'x'])}`,
    () => `X-Big: ${'a'.repeat(Math.floor(r() * 20_000))}`,
    () => Array.from({ length: 50 + Math.floor(r() * 250) }, (_, i) => `X-H${i}: v`).join('\r\n'),
    () => 'header without colon',
    () => 'Space-Before-Colon : v',
    () => 'X-Folded: a\r\n continued',
    () => `X-Binary: ${latin1(r, 16)}`,
    () => `${latin1(r, 6)}: v`,
    () => 'Host: second-host',
  ];
  for (let i = Math.floor(r() * 3); i > 0; i--) {
    out.push(pick(r, hostile ? extras : benign)());
  }
  return out;
}

/** One generated request (occasionally two or three pipelined), as bytes to write to a socket. */
export function generateRequest(r: Rand, token: string): Buffer {
  if (chance(r, 0.05)) {
    return bytes(r, 1 + Math.floor(r() * 600));
  }
  const count = chance(r, 0.08) ? 2 + Math.floor(r() * 2) : 1;
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    // A third of the requests are hostile throughout; the rest are well framed, so that their targets, credentials
    // and parameters get past the HTTP parser to the engine's own code.
    const hostile = chance(r, 0.35);
    const method = hostile && chance(r, 0.25) ? pick(r, ODD_METHODS) : pick(r, METHODS);
    const eol = !hostile || chance(r, 0.7) ? '\r\n' : pick(r, ['\n', '\r', '\r\r\n']);
    const version = hostile ? pick(r, VERSIONS) : pick(r, ['HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0']);
    const line =
      hostile && chance(r, 0.15)
        ? pick(r, [
            `${method} ${target(r)}`,
            `${method}  ${target(r)}  HTTP/1.1`,
            method,
            `${method}\t/metrics\tHTTP/1.1`,
          ])
        : `${method} ${target(r)} ${version}`;
    let request = [line, ...headers(r, token, hostile)].join(eol) + eol + eol;
    if (hostile && chance(r, 0.15)) {
      request += pick(r, ['5\r\nhello\r\n0\r\n\r\n', 'zz\r\n', latin1(r, 40)]);
    }
    parts.push(request);
  }
  const all = Buffer.from(parts.join(''), 'latin1');
  // Sometimes cut short: the server sees the client's end of stream mid-request.
  return chance(r, 0.05) ? all.subarray(0, Math.floor(r() * all.length)) : all;
}
