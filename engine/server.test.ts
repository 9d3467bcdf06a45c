/** @jest-environment ./engine/testing/nodeEnvironment.js */
// The engine's HTTP server on a real socket: requests that used to end the process, the guard around handlers,
// authentication, and /metrics and trends answered from memory within an update cycle.
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { requiredCredentials } from './auth';
import { Engine } from './engine';
import { registerSeriesMetrics } from './exported';
import { Logger } from './log';
import { EngineServer, EngineServerOptions, startEngineServer } from './server';
import { END, fittedEngine, STEP } from './testing/fittedEngine';
import { rawBody, rawRequest } from './testing/rawHttp';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const json = (r: Reply) => JSON.parse(r.body.toString('utf8'));

const servers: EngineServer[] = [];
async function serve(engine: Engine, options: Partial<EngineServerOptions> = {}): Promise<EngineServer> {
  const s = await startEngineServer(engine, { host: '127.0.0.1', port: 0, ...options });
  servers.push(s);
  return s;
}

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

/** Counter value from an exposition, 0 when absent. */
function counter(text: string, line: string): number {
  const m = new RegExp(`^${line.replace(/[{}]/g, '\\$&')} (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
}

describe('requests that used to end the engine', () => {
  it('answers 400 to unparseable request targets and keeps serving', async () => {
    const engine = fittedEngine();
    const { port } = await serve(engine);
    for (const target of ['http://[', '//[::1', 'http://a:b', 'http://[::1]:99999/metrics', '/%zz', '*']) {
      const r = await rawRequest(port, `GET ${target} HTTP/1.1\r\nHost: engine\r\n\r\n`);
      expect([target, r.status]).toEqual([target, 400]);
      expect(JSON.parse(rawBody(r)).error).toMatch(/malformed request target/);
      expect((await get(port, '/healthz')).status).toBe(200);
    }
    // Absolute-form that parses is served like its path (HTTP/1.1 servers must accept it).
    const absolute = await rawRequest(port, 'GET http://engine/healthz HTTP/1.1\r\nHost: engine\r\n\r\n');
    expect(absolute.status).toBe(200);
  });

  it('answers 400 to what the HTTP parser rejects and 405 to methods other than GET and HEAD', async () => {
    const { port } = await serve(fittedEngine());
    expect((await rawRequest(port, 'GET /healthz HTTP/1.1\r\nHost: a\r\nbad header\r\n\r\n')).status).toBe(400);
    expect((await rawRequest(port, '\x00\x01\x02 / HTTP/1.1\r\n\r\n')).status).toBe(400);
    const huge = await rawRequest(port, `GET /healthz HTTP/1.1\r\nHost: a\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(huge.status).toBe(431);
    const post = await get(port, '/api/ai/predict/consumption', {}, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    expect((await get(port, '/healthz')).status).toBe(200);
  });
});

describe('the guard around handlers', () => {
  it('turns an exception in an async handler into a logged, counted 500 without details, and keeps serving', async () => {
    const engine = fittedEngine();
    registerSeriesMetrics(engine);
    let failing = true;
    engine.metrics.dynamicGauge('ecoti_test_fragile', 'Fails on demand.', () => {
      if (failing) {
        throw new Error('collector exploded at /secret/path');
      }
      return [];
    });
    const lines: string[] = [];
    const { port } = await serve(engine, { log: new Logger('error', (l) => lines.push(l)) });
    const r = await get(port, '/metrics');
    expect(r.status).toBe(500);
    const body = json(r);
    expect(body.error).toMatch(/^internal error \(ref [0-9a-f]{8}\); details are in the engine log$/);
    expect(r.body.toString()).not.toMatch(/exploded|secret|at /);
    const logged = lines.map((l) => JSON.parse(l));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      level: 'error',
      handler: 'metrics',
      error: 'collector exploded at /secret/path',
    });
    expect(body.error).toContain(logged[0].ref);
    expect(logged[0].stack).toMatch(/at /);
    expect((await get(port, '/healthz')).status).toBe(200);
    failing = false;
    const text = (await get(port, '/metrics')).body.toString();
    expect(counter(text, 'ecoti_engine_http_handler_errors_total{handler="metrics"}')).toBe(1);
  });

  it('turns an exception inside an API computation into a 500 too', async () => {
    const engine = fittedEngine();
    const series = [...engine.target('rack_power')!.states.values()][0];
    series.history.toSeries = () => {
      throw new TypeError('history unreadable');
    };
    const { port } = await serve(engine);
    const r = await get(port, '/api/ai/insights/trends');
    expect(r.status).toBe(500);
    expect(r.body.toString()).not.toMatch(/unreadable/);
    expect((await get(port, '/api/ai/predict/consumption')).status).toBe(200);
  });
});

describe('authentication', () => {
  const paths = ['/metrics', '/api/ai/predict/consumption?target=rack_power', '/api/ai/insights/anomalies'];

  it('requires the bearer token for /metrics and the API, and leaves /healthz and /readyz open', async () => {
    const { port } = await serve(fittedEngine(), { credentials: requiredCredentials({ bearerToken: 's3cret-token' }) });
    for (const path of paths) {
      const none = await get(port, path);
      expect([path, none.status]).toEqual([path, 401]);
      expect(none.headers['www-authenticate']).toBe('Bearer realm="ecoti-engine"');
      expect(json(none)).toEqual({ error: 'authentication required' });
      for (const wrong of ['Bearer s3cret-toke', 'Bearer s3cret-token2', 'Bearer S3cret-token', 'Basic s3cret-token']) {
        expect([path, wrong, (await get(port, path, { Authorization: wrong })).status]).toEqual([path, wrong, 401]);
      }
      expect((await get(port, path, { Authorization: 'Bearer s3cret-token' })).status).toBe(200);
      expect((await get(port, path, { Authorization: 'bearer s3cret-token' })).status).toBe(200);
    }
    expect((await get(port, '/healthz')).status).toBe(200);
    expect([200, 503]).toContain((await get(port, '/readyz')).status);
  });

  it('accepts basic auth as Prometheus sends it', async () => {
    const { port } = await serve(fittedEngine(), {
      credentials: requiredCredentials({ basic: { username: 'prometheus', password: 'pa:ss wörd' } }),
    });
    const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    expect((await get(port, '/metrics', { Authorization: basic('prometheus', 'pa:ss wörd') })).status).toBe(200);
    expect((await get(port, '/metrics', { Authorization: basic('prometheus', 'pa:ss word') })).status).toBe(401);
    expect((await get(port, '/metrics', { Authorization: basic('grafana', 'pa:ss wörd') })).status).toBe(401);
    expect((await get(port, '/metrics', { Authorization: 'Basic !!!not-base64' })).status).toBe(401);
    const none = await get(port, '/metrics');
    expect(none.headers['www-authenticate']).toBe('Basic realm="ecoti-engine"');
  });
});

describe('answers from memory within an update cycle', () => {
  it('renders /metrics once for any number of scrapes in a cycle, again after the next cycle', async () => {
    const engine = fittedEngine();
    registerSeriesMetrics(engine);
    let collected = 0;
    engine.metrics.dynamicGauge('ecoti_test_collections', 'Counts renderings.', () => {
      collected++;
      return [{ labels: {}, value: collected }];
    });
    const server = await serve(engine);
    const scrapes = await Promise.all(Array.from({ length: 10 }, () => get(server.port, '/metrics')));
    scrapes.push(await get(server.port, '/metrics'));
    expect(new Set(scrapes.map((s) => s.body.toString())).size).toBe(1);
    expect(collected).toBe(1);
    expect(server.metrics.renders).toBe(1);
    expect(scrapes[0].body.toString()).toMatch(/^ecoti_forecast\{rack="rack-a",target="rack_power",horizon="1h"/m);
    // Prometheus asks for gzip: the same text, compressed once.
    const gz = await get(server.port, '/metrics', { 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(scrapes[0].body)).toBe(true);

    engine.cycles++;
    const next = (await get(server.port, '/metrics')).body.toString();
    expect(collected).toBe(2);
    expect(next).toMatch(/^ecoti_test_collections 2$/m);
  });

  it('computes trends once per cycle, serves the previous ones while recomputing, and answers probes meanwhile', async () => {
    const engine = fittedEngine({ racks: 12 });
    const server = await serve(engine);
    const slope = async () =>
      json(await get(server.port, '/api/ai/insights/trends?target=rack_power')).targets[0].series.find(
        (s: { labels: { rack: string } }) => s.labels.rack === 'rack-a'
      ).slopePerDay as number;

    // Cold: the computation of 12 series hands the event loop back, so a probe sent after it is answered first.
    const order: string[] = [];
    const trends = get(server.port, '/api/ai/insights/trends').then(() => order.push('trends'));
    await new Promise((r) => setTimeout(r, 5));
    await get(server.port, '/healthz').then(() => order.push('healthz'));
    await trends;
    expect(order).toEqual(['healthz', 'trends']);
    expect(server.api.trendRunner.lastRunIn).toBe('worker');

    const flat = await slope();
    await slope();
    expect(server.api.computations.trends).toBe(1);
    expect(Math.abs(flat)).toBeLessThan(20);

    // rack-a then climbs by 1 kW over a day (its daily cycle going on); the next cycle's trends show it.
    const a = [...engine.target('rack_power')!.states.values()].find((s) => s.labels.rack === 'rack-a')!;
    for (let k = 1; k <= 288; k++) {
      a.history.push(END + k * STEP, 1000 + 200 * Math.sin((2 * Math.PI * (2015 + k)) / 288) + (1000 * k) / 288);
    }
    engine.cycles++;
    expect(await slope()).toBe(flat); // the previous snapshot, answered at once
    await new Promise((r) => setTimeout(r, 50));
    await waitUntil(async () => server.api.computations.trends === 2 && (await slope()) !== flat);
    expect(await slope()).toBeGreaterThan(flat + 20);
    expect(server.api.computations.trends).toBe(2);
  });

  it('answers the same API question once per cycle and ignores parameters it does not use', async () => {
    const engine = fittedEngine();
    const server = await serve(engine);
    const a = await get(server.port, '/api/ai/predict/costs?target=rack_power&horizon=24h');
    const b = await get(server.port, '/api/ai/predict/costs?horizon=24h&target=rack_power&cachebuster=1');
    expect(b.body.equals(a.body)).toBe(true);
    expect(server.api.computations.responses).toBe(1);
    await get(server.port, '/api/ai/predict/costs?target=rack_power&horizon=1h');
    expect(server.api.computations.responses).toBe(2);
  });
});

async function waitUntil(probe: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) {
      throw new Error('condition not reached');
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}
