// The engine's HTTP server: /metrics for Prometheus, the JSON API, health and readiness.
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { handleApi } from './api';
import { Engine } from './engine';

export interface EngineServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export function startEngineServer(engine: Engine, host: string, port: number): Promise<EngineServer> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://engine');
    if (url.pathname === '/metrics') {
      engine.metrics.registry.metrics().then(
        (text) => {
          res.writeHead(200, { 'Content-Type': engine.metrics.registry.contentType });
          res.end(text);
        },
        (e: Error) => {
          res.writeHead(500, { 'Content-Type': 'text/plain' });
          res.end(`metrics failed: ${e.message}\n`);
        }
      );
      return;
    }
    const { status, body } = handleApi(engine, req.method ?? 'GET', url.pathname, url.searchParams);
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      resolve({
        server,
        port: (server.address() as AddressInfo).port,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}
