// The live exporter: /metrics renders the model at the request's wall-clock time.
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { CounterIntegrator } from './counters';
import { collectFamilies, renderPrometheusText } from './exposition';
import { Datacenter } from './model';

export interface SimulatorServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/** Serves /metrics on host:port (port 0: a free port). `clock` is injectable for tests. */
export function startSimulatorServer(
  dc: Datacenter,
  options: { host?: string; port?: number; clock?: () => number } = {}
): Promise<SimulatorServer> {
  const clock = options.clock ?? Date.now;
  const integrator = new CounterIntegrator(dc);
  const server = createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    if (url === '/metrics') {
      const t = clock();
      const body = renderPrometheusText(collectFamilies(dc, t, integrator.at(t)));
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
      res.end(body);
    } else if (url === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('ok\n');
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('EcoTI datacenter simulator: see /metrics\n');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 9100, options.host ?? '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({ server, port, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}
