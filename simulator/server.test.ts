/** @jest-environment ./engine/testing/nodeEnvironment.js */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDatacenter, Datacenter } from './model';
import { resolveScenario } from './scenario';
import { MAX_API_INCIDENTS, SimulatorServer, startSimulatorServer } from './server';

const NOW = Date.UTC(2024, 4, 15, 12, 0, 0);
const MINUTE = 60_000;

let clock = NOW;
const scenario = resolveScenario({ racks: 2, hostsPerRack: 3, cpusPerHost: 1, historyWeeks: 0.05 }, NOW);
let dc: Datacenter;
let sim: SimulatorServer;
let base: string;

beforeEach(async () => {
  clock = NOW;
  dc = buildDatacenter(scenario);
  sim = await startSimulatorServer(dc, { port: 0, clock: () => clock });
  base = `http://127.0.0.1:${sim.port}`;
});
afterEach(() => sim.close());

function post(body: string, contentType = 'application/json'): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/incidents`, { method: 'POST', headers: { 'Content-Type': contentType } }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function scrape(): Promise<string> {
  return (await fetch(`${base}/metrics`)).text();
}

function value(text: string, prefix: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(prefix));
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

describe('POST /incidents', () => {
  it("starts a cooling failure now: in the next scrape as an incident, then in the rack's inlet temperatures", async () => {
    const inlet = 'ipmi_temperature_celsius{instance="srv-b02",rack="rack-b",id="4",name="Inlet Temp"}';
    const before = value(await scrape(), inlet)!;
    const reply = await post(JSON.stringify({ kind: 'cooling', rack: 'r2', duration: '20m' }));
    expect(reply.status).toBe(201);
    expect(reply.json.incident).toEqual({
      kind: 'cooling_failure',
      rack: 'rack-b',
      start: new Date(NOW).toISOString(),
      end: new Date(NOW + 20 * MINUTE).toISOString(),
      inletRiseCelsius: 11,
      trigger: 'api',
    });
    clock = NOW + 15_000;
    const next = await scrape();
    expect(
      value(
        next,
        'datacenter_incident_active{instance="sp-01-simulator",site="sp-01",kind="cooling_failure",rack="rack-b",trigger="api"}'
      )
    ).toBe(1);
    clock = NOW + 20 * MINUTE - 1;
    // 20 minutes is one time constant: 11·(1 − e⁻¹) ≈ 7 °C, give or take the room's own drift.
    expect(value(await scrape(), inlet)! - before).toBeGreaterThan(6);
    clock = NOW + 21 * MINUTE;
    expect(await scrape()).not.toContain('datacenter_incident_active{');
    const listed = await (await fetch(`${base}/incidents`)).json();
    expect(listed.active).toEqual([]);
  });

  it('pins a host of the rack for a runaway job', async () => {
    const reply = await post(JSON.stringify({ kind: 'runaway_job', host: 'srv-a03', duration: '1h' }));
    expect(reply.status).toBe(201);
    clock = NOW + 5 * MINUTE;
    const text = await scrape();
    expect(text).toContain('kind="runaway_job",rack="rack-a",host="srv-a03",trigger="api"} 1');
    const listed = await (await fetch(`${base}/incidents`)).json();
    expect(listed.active.map((i: { host: string }) => i.host)).toEqual(['srv-a03']);
  });

  it.each([
    ['an unknown kind', { kind: 'fire', rack: 'rack-a' }, /kind "fire" is not one of/],
    [
      'a rack that does not exist',
      { kind: 'cooling', rack: 'r9' },
      /rack "r9" does not exist \(racks: rack-a, rack-b\)/,
    ],
    ['a host that does not exist', { kind: 'runaway', host: 'srv-z01' }, /host "srv-z01" is not a running server/],
    ['no target', { kind: 'cooling' }, /needs a rack/],
    ['a duration that does not parse', { kind: 'cooling', rack: 'a', duration: 'soon' }, /between 1m and 24h/],
    ['a duration beyond a day', { kind: 'cooling', rack: 'a', duration: '2d' }, /between 1m and 24h/],
    ['a field it does not know', { kind: 'cooling', rack: 'a', severity: 'high' }, /severity/],
    ['a host in another rack', { kind: 'runaway', rack: 'rack-a', host: 'srv-b01' }, /srv-b01 is in rack-b/],
    ['a string for a number', { kind: 'cooling', rack: 'a', inletRiseCelsius: '40' }, /inletRiseCelsius/],
    ['an array', [], /body/],
  ])('refuses %s with 400 and the reason, starting nothing', async (_what, body, reason) => {
    const reply = await post(JSON.stringify(body));
    expect(reply.status).toBe(400);
    expect(reply.json.error).toMatch(reason);
    expect(dc.scenario.incidents).toEqual([]);
  });

  it.each(['toString', 'constructor', '__proto__', 'valueOf', 'hasOwnProperty'])(
    'refuses kind "%s" (a member of every object, not a kind) with 400, and /metrics stays 200',
    async (kind) => {
      const reply = await post(JSON.stringify({ kind, rack: 'a', duration: '20m' }));
      expect(reply.status).toBe(400);
      expect(reply.json.error).toBe(`kind "${kind}" is not one of cooling_failure, cooling, runaway_job, runaway`);
      expect(dc.scenario.incidents).toEqual([]);
      clock = NOW + 5 * MINUTE;
      const metrics = await fetch(`${base}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).not.toContain('datacenter_incident_active{');
    }
  );

  it('refuses what is not JSON: 400 for a broken body, 415 for another content type, 413 beyond 4 KB', async () => {
    expect((await post('{"kind": "cooling",')).status).toBe(400);
    // A form post is what a web page can send without a preflight.
    expect((await post('kind=cooling&rack=a', 'application/x-www-form-urlencoded')).status).toBe(415);
    expect((await post('{"kind": "cooling", "rack": "a"}', 'text/plain')).status).toBe(415);
    const big = await post(JSON.stringify({ kind: 'cooling', rack: 'a', duration: 'x'.repeat(5000) }));
    expect(big.status).toBe(413);
    expect(dc.scenario.incidents).toEqual([]);
  });

  it('is refused when turned off, and other methods get 405', async () => {
    const off = await startSimulatorServer(dc, { port: 0, clock: () => clock, incidentApi: false });
    try {
      const r = await fetch(`http://127.0.0.1:${off.port}/incidents`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ kind: 'cooling', rack: 'a' }),
      });
      expect(r.status).toBe(403);
    } finally {
      await off.close();
    }
    expect((await fetch(`${base}/incidents`, { method: 'DELETE' })).status).toBe(405);
  });

  it('keeps API incidents in --incident-log, so a restarted simulator continues its counters', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecoti-incident-log-'));
    const log = join(dir, 'incidents.jsonl');
    const idle = 'node_cpu_seconds_total{instance="srv-a01",rack="rack-a",cpu="0",mode="idle"}';
    const restartAt = async (incidentLog: string | undefined) => {
      const s = await startSimulatorServer(buildDatacenter(scenario), { port: 0, clock: () => clock, incidentLog });
      try {
        return value(await (await fetch(`http://127.0.0.1:${s.port}/metrics`)).text(), idle)!;
      } finally {
        await s.close();
      }
    };
    try {
      const logged = await startSimulatorServer(dc, { port: 0, clock: () => clock, incidentLog: log });
      const r = await fetch(`http://127.0.0.1:${logged.port}/incidents`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ kind: 'runaway', host: 'srv-a01', duration: '30m' }),
      });
      expect(r.status).toBe(201);
      clock = NOW + 20 * MINUTE;
      const before = value(await (await fetch(`http://127.0.0.1:${logged.port}/metrics`)).text(), idle)!;
      await logged.close();
      expect(await restartAt(log)).toBe(before);
      // Without the log the runaway job is forgotten: the idle counter jumps by the time it took.
      expect((await restartAt(undefined)) - before).toBeGreaterThan(300);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts past bad lines of --incident-log, warning of each, and replays the incidents around them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecoti-incident-log-'));
    const log = join(dir, 'incidents.jsonl');
    const at = (min: number) => new Date(NOW + min * MINUTE).toISOString();
    writeFileSync(
      log,
      [
        JSON.stringify({ kind: 'runaway_job', host: 'srv-a01', start: at(0), end: at(30) }),
        // What a kind of "toString" used to leave: an entry without its kind.
        JSON.stringify({ host: 'srv-a02', start: at(0), end: at(30) }),
        JSON.stringify({ kind: 'runaway_job', host: 'srv-q01', start: at(0), end: at(30) }),
        JSON.stringify({ kind: 'cooling_failure', rack: 'rack-b', start: at(0), end: at(30), inletRiseCelsius: 9 }),
        '{"kind": "runaway_job", "host": "srv-a0',
      ].join('\n')
    );
    const warnings: string[] = [];
    const s = await startSimulatorServer(buildDatacenter(scenario), {
      port: 0,
      clock: () => clock,
      incidentLog: log,
      warn: (m) => warnings.push(m),
    });
    try {
      expect(warnings).toEqual([
        expect.stringMatching(/incidents\.jsonl:2 is not an incident \(.*\); skipped$/),
        `${log}:3 names host srv-q01, which this fleet does not have; skipped`,
        expect.stringMatching(/incidents\.jsonl:5 is not an incident \(.*\); skipped$/),
      ]);
      clock = NOW + 10 * MINUTE;
      const listed = await (await fetch(`http://127.0.0.1:${s.port}/incidents`)).json();
      expect(listed.active.map((i: { kind: string }) => i.kind)).toEqual(['runaway_job', 'cooling_failure']);
      expect((await fetch(`http://127.0.0.1:${s.port}/metrics`)).status).toBe(200);
      // A new incident goes on a line of its own after the partial one, and is replayed at the next start.
      const r = await fetch(`http://127.0.0.1:${s.port}/incidents`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ kind: 'runaway', host: 'srv-b03', duration: '30m' }),
      });
      expect(r.status).toBe(201);
    } finally {
      await s.close();
    }
    const again: string[] = [];
    const restarted = await startSimulatorServer(buildDatacenter(scenario), {
      port: 0,
      clock: () => clock,
      incidentLog: log,
      warn: (m) => again.push(m),
    });
    try {
      expect(again).toHaveLength(3);
      const listed = await (await fetch(`http://127.0.0.1:${restarted.port}/incidents`)).json();
      expect(listed.active.map((i: { host?: string; rack?: string }) => i.host ?? i.rack)).toEqual([
        'srv-a01',
        'rack-b',
        'srv-b03',
      ]);
    } finally {
      await restarted.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it(`stops at ${MAX_API_INCIDENTS} incidents over the process' life (each is kept for the counters)`, async () => {
    for (let i = 0; i < MAX_API_INCIDENTS; i++) {
      expect((await post(JSON.stringify({ kind: 'runaway', rack: 'a', duration: '1m' }))).status).toBe(201);
    }
    const r = await post(JSON.stringify({ kind: 'runaway', rack: 'a', duration: '1m' }));
    expect(r.status).toBe(429);
  });
});
