// The engine's HTTP server: /metrics for Prometheus, the JSON API, health and readiness. Nothing a client sends can
// end the process: the request target is parsed without throwing, every handler runs inside one guard (an
// exception is a logged, counted 500), the HTTP parser's rejections get a 400, and slow clients are timed out.
import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse, STATUS_CODES } from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { ApiReply, EngineApi, jsonReply } from './api';
import { challenge, isAuthorized, RequiredCredentials } from './auth';
import { Engine } from './engine';
import { Logger } from './log';
import { MetricsEndpoint } from './metricsEndpoint';
import { parseRequestTarget } from './requestTarget';

export interface EngineServerOptions {
  host: string;
  port: number;
  /** Credentials /metrics and the API require; /healthz and /readyz stay open for liveness and readiness probes. */
  credentials?: RequiredCredentials;
  log?: Logger;
}

export interface EngineServer {
  server: Server;
  port: number;
  api: EngineApi;
  metrics: MetricsEndpoint;
  close(): Promise<void>;
}

const OPEN_PATHS = new Set(['/healthz', '/readyz']);
const JSON_TYPE = 'application/json; charset=utf-8';

type Handler = 'metrics' | 'api' | 'healthz' | 'readyz' | 'other';

function handlerOf(path: string): Handler {
  if (path === '/metrics' || path === '/healthz' || path === '/readyz') {
    return path.slice(1) as Handler;
  }
  return path.startsWith('/api/') ? 'api' : 'other';
}

export function startEngineServer(engine: Engine, options: EngineServerOptions): Promise<EngineServer> {
  const log = options.log ?? new Logger('silent');
  const counters = engine.metrics;
  const api = new EngineApi(engine, log);
  const metrics = new MetricsEndpoint(engine);

  const send = (res: ServerResponse, handler: Handler, status: number, body: Buffer, headers = {}) => {
    counters.httpRequests.inc({ handler, code: String(status) });
    res.writeHead(status, {
      'Content-Type': JSON_TYPE,
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...headers,
    });
    res.end(body);
  };
  const sendReply = (res: ServerResponse, handler: Handler, r: ApiReply, headers = {}) =>
    send(res, handler, r.status, r.body, headers);

  async function respond(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let handler: Handler = 'other';
    let path = '';
    try {
      const target = parseRequestTarget(req.url);
      if (!target) {
        sendReply(res, handler, jsonReply(400, { error: 'malformed request target; ask for a path such as /metrics' }));
        return;
      }
      path = target.path;
      handler = handlerOf(path);
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        const error = `${req.method} is not supported; the EcoTI engine API is read-only (GET)`;
        sendReply(res, handler, jsonReply(405, { error }), { Allow: 'GET, HEAD' });
        return;
      }
      const { credentials } = options;
      if (credentials && !OPEN_PATHS.has(path) && !isAuthorized(req.headers.authorization, credentials)) {
        // One answer for missing and wrong credentials: nothing to learn from the difference.
        sendReply(res, handler, jsonReply(401, { error: 'authentication required' }), {
          'WWW-Authenticate': challenge(credentials),
        });
        return;
      }
      if (path === '/metrics') {
        const { body, gzip } = await metrics.body(/\bgzip\b/i.test(String(req.headers['accept-encoding'] ?? '')));
        send(res, handler, 200, body, {
          'Content-Type': metrics.contentType,
          Vary: 'Accept-Encoding',
          ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
        });
        return;
      }
      sendReply(res, handler, await api.handle(path, target.query));
    } catch (e) {
      // The guard: a bug in a handler costs one request, never the process. Details go to the log only.
      const ref = randomBytes(4).toString('hex');
      counters.httpHandlerErrors.inc({ handler });
      log.error('HTTP handler failed', {
        ref,
        handler,
        path: path.slice(0, 200),
        error: (e as Error)?.message ?? String(e),
        stack: (e as Error)?.stack,
      });
      if (res.headersSent) {
        res.destroy();
      } else {
        sendReply(
          res,
          handler,
          jsonReply(500, { error: `internal error (ref ${ref}); details are in the engine log` })
        );
      }
    }
  }

  const server = createServer({ headersTimeout: 10_000, requestTimeout: 30_000 }, (req, res) => {
    respond(req, res).catch((e: unknown) => {
      // Reached only if answering the error failed too (e.g. the socket broke mid-write).
      log.error('HTTP response failed', { error: String(e) });
      res.destroy();
    });
  });
  // Requests the HTTP parser rejects (bad request line, oversized headers, timeouts) never reach the handler.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    counters.httpRequests.inc({ handler: 'unparsed', code: String(status) });
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      server.on('error', (e) => log.error('HTTP server error', { error: e.message }));
      resolve({
        server,
        port: (server.address() as AddressInfo).port,
        api,
        metrics,
        close: async () => {
          await Promise.all([
            new Promise<void>((r) => {
              server.close(() => r());
              server.closeAllConnections();
            }),
            api.close(),
          ]);
        },
      });
    });
  });
}
