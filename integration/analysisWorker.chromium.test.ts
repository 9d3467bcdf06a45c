/** @jest-environment ./engine/testing/nodeEnvironment.js */
// The data source's analysis worker, as webpack builds it (dist/datasource/analysis.worker.js),
// running in a real browser (Debian's Chromium): the ML leaves the UI thread for real.
import fs from 'fs';
import http from 'http';
import path from 'path';
import { Browser } from 'playwright-core';
import { DEFAULT_SETTINGS } from '../src/shared/settings';
import { launchChromium } from './support/chromium';

jest.setTimeout(120_000);

const DIST = path.resolve(__dirname, '..', 'dist');
const WORKER = path.join(DIST, 'datasource', 'analysis.worker.js');

describe('analysis worker in Chromium', () => {
  let server: http.Server;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    if (!fs.existsSync(WORKER)) {
      throw new Error(`${WORKER} is missing: run \`npm run build\` first (npm test does).`);
    }
    server = http.createServer((req, res) => {
      if (req.url === '/') {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>worker</title>');
        return;
      }
      const file = path.join(DIST, path.normalize(req.url ?? '').replace(/^([/\\])+/, ''));
      if (!file.startsWith(DIST) || !fs.existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(fs.readFileSync(file));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it('forecasts consumption off the UI thread and answers by request id', async () => {
    const page = await browser.newPage();
    await page.goto(base);
    // The default site but for its PUE: a round 1.5 makes the expected energy easy to state.
    const reply = await page.evaluate(
      async (settings) => {
        const HOUR = 3_600_000;
        const n = 24 * 14;
        const timestamps = Float64Array.from({ length: n }, (_, i) => Date.UTC(2026, 10, 1) + i * HOUR);
        const values = Float64Array.from({ length: n }, (_, i) => 300 + 50 * Math.sin((2 * Math.PI * i) / 24));
        const worker = new Worker('/datasource/analysis.worker.js');
        const answer = new Promise<any>((resolve, reject) => {
          worker.onmessage = (e) => resolve(e.data);
          worker.onerror = (e) => reject(new Error(e.message));
        });
        worker.postMessage({
          id: 42,
          series: [{ key: 'a', name: 'srv-01', labels: { instance: 'srv-01' }, unit: 'watt', timestamps, values }],
          task: {
            kind: 'predict',
            target: 'consumption',
            seriesKind: 'auto',
            horizonMs: 24 * HOUR,
            level: 0.95,
            method: 'auto',
          },
          settings,
        });
        const data = await answer;
        worker.terminate();
        return data;
      },
      { ...DEFAULT_SETTINGS, pue: 1.5 }
    );
    expect(reply.id).toBe(42);
    expect(reply.error).toBeUndefined();
    const [result] = reply.results;
    expect(result.kind).toBe('predict');
    expect(result.unit).toBe('kwatth');
    expect(result.forecast.mean).toHaveLength(24);
    // ~300 W for an hour × PUE 1.5 = 0.45 kWh per step.
    const mean = result.forecast.mean.reduce((a: number, b: number) => a + b, 0) / 24;
    expect(mean).toBeGreaterThan(0.35);
    expect(mean).toBeLessThan(0.55);
  });

  it('reports a bad request as an error reply instead of dying', async () => {
    const page = await browser.newPage();
    await page.goto(base);
    const reply = await page.evaluate(async () => {
      const worker = new Worker('/datasource/analysis.worker.js');
      const answer = new Promise<any>((resolve) => (worker.onmessage = (e) => resolve(e.data)));
      worker.postMessage({
        id: 7,
        series: [{ name: 'x', labels: {}, timestamps: [1, 2], values: [1] }],
        task: { kind: 'trends' },
        settings: {},
      });
      return answer;
    });
    expect(reply.id).toBe(7);
    const outcome = reply.error ?? reply.results?.[0]?.message;
    expect(outcome).toMatch(/2 timestamps but 1 values/);
  });
});
