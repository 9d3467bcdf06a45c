// The live exporter: /metrics renders the model at the request's wall-clock time; POST /incidents starts an
// incident now (a demo's "watch this"), GET /incidents lists those in progress and the next scheduled one.
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { CounterIntegrator } from './counters';
import { collectFamilies, renderPrometheusText } from './exposition';
import { incidentFromRequest } from './incidentRequest';
import { appendIncidentLog, readIncidentLog } from './incidentLog';
import { activeIncidents, addIncident, scheduledBetween } from './incidents';
import { Datacenter } from './model';
import type { Incident } from './scenario';

/** A request body larger than this is refused: an incident request is a few dozen bytes. */
const MAX_BODY_BYTES = 4096;
/** Incidents the API may add (each stays in memory and in the log: counters are integrals of them). */
export const MAX_API_INCIDENTS = 500;

export interface SimulatorServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export interface SimulatorServerOptions {
  host?: string;
  port?: number;
  clock?: () => number;
  /** POST /incidents; on by default (it changes simulated values only, and is exposed like /metrics). */
  incidentApi?: boolean;
  /** File that keeps API incidents across restarts (JSON lines); replayed at start. */
  incidentLog?: string;
  /** Where a warning goes (a line of the incident log skipped at start); stderr by default. */
  warn?: (message: string) => void;
}

/** Serves /metrics on host:port (port 0: a free port). `clock` is injectable for tests. */
export function startSimulatorServer(dc: Datacenter, options: SimulatorServerOptions = {}): Promise<SimulatorServer> {
  const clock = options.clock ?? Date.now;
  const warn = options.warn ?? ((m: string) => process.stderr.write(`simulator: warning: ${m}\n`));
  const log = options.incidentLog ? readIncidentLog(options.incidentLog, dc) : { incidents: [], skipped: [] };
  log.skipped.forEach(warn);
  const replayed = log.incidents;
  replayed.forEach((i) => addIncident(dc, i));
  const integrator = new CounterIntegrator(dc);
  // Integrate the counters up to now before listening, so the first scrape is as quick as every other.
  integrator.at(clock());
  let added = replayed.length;
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = (req.url ?? '/').split('?')[0];
    if (url === '/metrics') {
      const t = clock();
      const body = renderPrometheusText(collectFamilies(dc, t, integrator.at(t)));
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
      res.end(body);
    } else if (url === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('ok\n');
    } else if (url === '/incidents' && req.method === 'GET') {
      json(res, 200, incidentsView(dc, clock()));
    } else if (url === '/incidents' && req.method === 'POST') {
      if (options.incidentApi === false) {
        return json(res, 403, { error: 'the incident API is off (serve --incident-api off)' });
      }
      // A JSON content type makes browsers send a CORS preflight, which this server never approves: a web page
      // cannot trigger incidents on a loopback simulator.
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
        return json(res, 415, { error: 'send the incident as Content-Type: application/json' });
      }
      const text = await readBody(req);
      if (text === undefined) {
        res.setHeader('Connection', 'close');
        return json(res, 413, { error: `the body is limited to ${MAX_BODY_BYTES} bytes` });
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return json(res, 400, { error: 'the body is not JSON' });
      }
      const result = incidentFromRequest(dc, body, clock());
      if (!result.ok) {
        return json(res, 400, { error: result.error });
      }
      if (added >= MAX_API_INCIDENTS) {
        return json(res, 429, {
          error: `${MAX_API_INCIDENTS} incidents were triggered already; restart the simulator`,
        });
      }
      if (options.incidentLog) {
        appendIncidentLog(options.incidentLog, result.incident);
      }
      added++;
      addIncident(dc, result.incident);
      json(res, 201, { incident: incidentJson(result.incident) });
    } else if (url === '/incidents') {
      res.writeHead(405, { Allow: 'GET, POST', 'Content-Type': 'text/plain' });
      res.end('GET or POST\n');
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('EcoTI datacenter simulator: see /metrics and /incidents\n');
    }
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((e: Error) => {
      if (!res.headersSent) {
        json(res, 500, { error: e.message });
      } else {
        res.destroy();
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 9100, options.host ?? '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({ server, port, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

/** The body as text, or undefined once it exceeds MAX_BODY_BYTES. */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        // Stop keeping it; the 413 goes out with Connection: close, which ends the upload.
        req.off('data', onData);
        req.resume();
        resolve(undefined);
        return;
      }
      chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(`${JSON.stringify(body)}\n`);
}

function incidentJson(i: Incident) {
  return {
    ...i,
    start: new Date(i.start).toISOString(),
    end: Number.isFinite(i.end) ? new Date(i.end).toISOString() : null,
  };
}

function incidentsView(dc: Datacenter, now: number) {
  const next = scheduledBetween(dc, now, now + 2 * (dc.scenario.recurring?.every ?? 0)).find((i) => i.start > now);
  return {
    active: activeIncidents(dc, now)
      .filter((i) => i.kind !== 'idle_zombie')
      .map(incidentJson),
    nextScheduled: next ? incidentJson(next) : null,
  };
}
