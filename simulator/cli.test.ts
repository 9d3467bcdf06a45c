/** @jest-environment ./engine/testing/nodeEnvironment.js */
// The CLI as a person runs it: `serve` with fleet options, then `incident` against that running simulator.
import { parseMetric, Proc, startTs, waitFor } from '../integration/harness';

jest.setTimeout(90_000);

let serve: Proc;
let url: string;

beforeAll(async () => {
  serve = startTs('simulator/cli.ts', ['serve', '--racks', '6', '--hosts-per-rack', '20', '--port', '0']);
  url = await waitFor(
    'the simulator to listen',
    async () => /on (http:\/\/127\.0\.0\.1:\d+)/.exec(serve.output())?.[1],
    60_000
  );
});
afterAll(() => serve.stop());

async function run(args: string[]): Promise<{ code: number | null; output: string }> {
  const p = startTs('simulator/cli.ts', args);
  const code = await p.exited;
  return { code, output: p.output() };
}

describe('simulator CLI', () => {
  it('serves the fleet size it is given: 6 racks of 20 servers, 12 PDU feeds, 6 cooling units', async () => {
    const text = await (await fetch(`${url}/metrics`)).text();
    const hosts = new Set(parseMetric(text, 'ipmi_dcmi_power_consumption_watts').map((s) => s.labels.instance));
    expect(hosts.size).toBe(120);
    expect(hosts.has('srv-f20')).toBe(true);
    expect(parseMetric(text, 'raritan_pdu_activepower_watt')).toHaveLength(12);
    expect(parseMetric(text, 'datacenter_crac_power_watts').map((s) => s.labels.crac)).toEqual([
      'crac-a',
      'crac-b',
      'crac-c',
      'crac-d',
      'crac-e',
      'crac-f',
    ]);
    // Each rack's capacity, the default 4.6 kW, for the engine's thresholdFrom.
    expect(parseMetric(text, 'datacenter_rack_capacity_watts').map((s) => [s.labels.rack, s.value])).toEqual(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((r) => [`rack-${r}`, 4600])
    );
    expect(serve.output()).toContain('120 hosts running in 6 racks');
  });

  it('starts an incident on the running simulator: `incident --rack r2 --kind cooling --for 20m`', async () => {
    const r = await run(['incident', '--url', url, '--rack', 'r2', '--kind', 'cooling', '--for', '20m']);
    expect(r.output).toMatch(/^incident: cooling_failure on rack rack-b from \S+Z to \S+Z\n$/);
    expect(r.code).toBe(0);
    const active = parseMetric(await (await fetch(`${url}/metrics`)).text(), 'datacenter_incident_active');
    expect(active.map((s) => [s.labels.kind, s.labels.rack, s.labels.trigger])).toEqual([
      ['cooling_failure', 'rack-b', 'api'],
    ]);
  });

  it("exits 1 with the simulator's reason when the request is refused, or nothing listens", async () => {
    const bad = await run(['incident', '--url', url, '--rack', 'r9', '--kind', 'cooling']);
    expect(bad.code).toBe(1);
    expect(bad.output).toContain('refused (400): rack "r9" does not exist');
    const nobody = await run(['incident', '--url', 'http://127.0.0.1:9', '--rack', 'a', '--kind', 'cooling']);
    expect(nobody.code).toBe(1);
    expect(nobody.output).toContain('cannot reach the simulator at http://127.0.0.1:9');
  });

  it('answers a command named like a member of every object (toString, constructor) with the usage, exit 2', async () => {
    for (const command of ['toString', 'constructor']) {
      const r = await run([command]);
      expect([command, r.code]).toEqual([command, 2]);
      expect(r.output).toContain('usage:\n  simulator serve');
    }
  });

  it('refuses a fleet it cannot build, naming the field', async () => {
    const r = await run(['serve', '--racks', '0', '--port', '0']);
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/invalid simulator scenario:\n\s+racks:/);
  });
});
