/** @jest-environment ./engine/testing/nodeEnvironment.js */
// The demo history as docker compose makes it (the simulator-history service's own arguments), through the real
// promtool into a real Prometheus, read back with the board's own before/after PromQL from
// src/dashboards/board.json: the dated improvement shows as the documented reduction, and the change markers
// carry their instants for the board's annotation.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DEMO_BOARD_CHANGE } from '../simulator/demoScenario';
import { scenarioFromJson } from '../simulator/scenarioJson';
import {
  freePort,
  getJson,
  PrometheusProc,
  REPO,
  removeDir,
  runSimulatorCli,
  startPrometheus,
  tempDir,
} from './harness';

// About 25 s to write the history, 30–60 s for promtool on this 2-core machine.
jest.setTimeout(300_000);

const dir = tempDir('demo-history');
let prometheus: PrometheusProc | undefined;
let evalTime: number;
let changes: Array<{ kind: string; at: number }>;

interface Vector {
  data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
}

/** The board's stat panels, by the English half of their title. */
function boardExpr(title: string): string {
  const board = JSON.parse(readFileSync(join(REPO, 'src/dashboards/board.json'), 'utf8'));
  const panel = board.panels.find((p: { title?: string }) => p.title?.includes(title));
  if (!panel) {
    throw new Error(`board.json has no panel titled "${title}"`);
  }
  return panel.targets[0].expr;
}

async function instant(expr: string): Promise<Vector['data']['result']> {
  const q = new URLSearchParams({ query: expr, time: String(evalTime / 1000) });
  const r = await getJson<Vector>(`${prometheus!.url}/api/v1/query?${q}`);
  return r.data.result;
}

/** A board stat at the dashboard's default 7-day range and the given baseline. */
async function stat(title: string, baseline: string): Promise<number[]> {
  const expr = boardExpr(title).replaceAll('$__range', '7d').replaceAll('$baseline', baseline);
  return (await instant(expr)).map((s) => Number(s.value[1]));
}

beforeAll(async () => {
  const compose = parse(readFileSync(join(REPO, 'docker-compose.yaml'), 'utf8'));
  const args: string[] = [...compose.services['simulator-history'].command];
  const set = (flag: string, v: string) => (args[args.indexOf(flag) + 1] = v);
  set('--out', join(dir, 'history.om'));
  set('--write-scenario', join(dir, 'scenario.json'));
  // Only the families the board's before/after and annotation read: the same values, a smaller promtool run.
  args.push('--families', 'datacenter_facility_power_watts,node_cpu_seconds,datacenter_change_timestamp_seconds');
  args.push('--data-dir', join(dir, 'prometheus'));
  await runSimulatorCli(args.filter((a) => a !== '--keep-existing'));
  const scenario = scenarioFromJson(readFileSync(join(dir, 'scenario.json'), 'utf8'));
  changes = scenario.changes.map((c) => ({ kind: c.kind, at: c.at }));
  // The backfill's last instant (its now): where the live scrapes take over.
  evalTime = Math.floor(scenario.recurring!.from / 1000) * 1000;
  writeFileSync(join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 15s\n');
  prometheus = await startPrometheus(join(dir, 'prometheus.yml'), join(dir, 'prometheus'), await freePort());
});

afterAll(async () => {
  await prometheus?.stop();
  removeDir(dir);
});

describe('the demo history in Prometheus, read by the board', () => {
  it('has data for the 30-day baseline: Before and After each give one value', async () => {
    const before = await stat('Before', '30d');
    const after = await stat('After', '30d');
    expect(before).toHaveLength(1);
    expect(after).toHaveLength(1);
    expect(after[0]).toBeLessThan(before[0]);
  });

  it.each(Object.entries(DEMO_BOARD_CHANGE))(
    'shows the documented change vs a %s baseline (within 1.5 points)',
    async (baseline, documented) => {
      const [change] = await stat('Change vs baseline', baseline);
      expect(change).toBeGreaterThan(documented - 0.015);
      expect(change).toBeLessThan(documented + 0.015);
    }
  );

  it('carries each change as datacenter_change_timestamp_seconds: its value is the instant in seconds (×1000 for Grafana)', async () => {
    const markers = await instant('datacenter_change_timestamp_seconds * 1000');
    const got = markers.map((m) => ({ kind: m.metric.change, at: Number(m.value[1]) }));
    expect(got.sort((a, b) => a.kind.localeCompare(b.kind))).toEqual(changes);
    // Absent before the change: an annotation query finds it once, where it happened.
    const q = new URLSearchParams({
      query: 'count(datacenter_change_timestamp_seconds)',
      time: String((changes[0].at - 3_600_000) / 1000),
    });
    expect((await getJson<Vector>(`${prometheus!.url}/api/v1/query?${q}`)).data.result).toEqual([]);
  });
});
