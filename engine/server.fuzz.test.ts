/** @jest-environment ./engine/testing/nodeEnvironment.js */
// 10,000 generated raw requests (malformed request lines, the absolute-form URLs that once stopped the engine, odd
// and huge headers, bad methods, percent garbage, broken framing, binary) against a fitted engine's HTTP server
// running in a process of its own: the process must stay up and /healthz must answer throughout, and no request
// may reach a handler's exception path (the guard would hide it as a 500).
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { generateRequest, seededRandom } from './testing/httpFuzz';
import { rawBody, rawRequest } from './testing/rawHttp';

jest.setTimeout(90_000);

const SEED = Number(process.env.ECOTI_FUZZ_SEED ?? 20_241_130);
const REQUESTS = 10_000;
const CONCURRENCY = 16;
const HEALTH_EVERY = 250;
const TOKEN = 'fuzz-token-0123456789';

let child: ChildProcess;
let port: number;
let output = '';

beforeAll(async () => {
  child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'testing/serveFittedEngine.ts')], {
    env: { ...process.env, ECOTI_TEST_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (d) => (output += d));
  port = await new Promise<number>((resolve, reject) => {
    let line = '';
    child.stdout!.on('data', (d) => {
      line += d;
      const m = /\{"port":(\d+)\}/.exec(line);
      if (m) {
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`engine exited with ${code} before listening: ${output}`)));
  });
});

afterAll(() => {
  child.kill('SIGKILL');
});

async function assertAlive(context: string): Promise<void> {
  expect([context, child.exitCode, child.signalCode]).toEqual([context, null, null]);
  const r = await rawRequest(port, 'GET /healthz HTTP/1.1\r\nHost: engine\r\n\r\n', 10_000);
  expect([context, r.status, rawBody(r)]).toEqual([context, 200, '{"status":"ok"}']);
}

describe('the engine HTTP server under 10,000 generated raw requests', () => {
  it(`stays up, answers /healthz throughout and never reaches a handler error (seed ${SEED})`, async () => {
    const random = seededRandom(SEED);
    const requests = Array.from({ length: REQUESTS }, () => generateRequest(random, TOKEN));
    const statuses = new Map<number | 'none', number>();
    const serverErrors: string[] = [];
    let next = 0;
    let done = 0;
    let nextHealthCheck = HEALTH_EVERY;
    const worker = async () => {
      while (next < requests.length) {
        const i = next++;
        const r = await rawRequest(port, requests[i], 10_000);
        const status = r.status ?? 'none';
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (typeof status === 'number' && status >= 500) {
          serverErrors.push(`#${i} (seed ${SEED}) ${JSON.stringify(requests[i].toString('latin1').slice(0, 300))}`);
        }
        done++;
        if (done >= nextHealthCheck) {
          nextHealthCheck += HEALTH_EVERY;
          await assertAlive(`after ${done} requests`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    await assertAlive('at the end');
    expect(serverErrors).toEqual([]);

    // The mix reached every layer: the parser's rejections, the target check, auth, routing and the handlers.
    for (const status of [200, 400, 401, 404, 405]) {
      expect([status, statuses.get(status) ?? 0]).toEqual([status, expect.any(Number)]);
      expect(statuses.get(status)).toBeGreaterThan(50);
    }
    const metrics = await rawRequest(
      port,
      `GET /metrics HTTP/1.1\r\nHost: e\r\nAuthorization: Bearer ${TOKEN}\r\n\r\n`
    );
    expect(metrics.status).toBe(200);
    expect(metrics.text).not.toMatch(/^ecoti_engine_http_handler_errors_total/m);
    expect(output).not.toMatch(/HTTP handler failed|HTTP response failed/);
  });
});
