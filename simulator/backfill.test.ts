/** @jest-environment ./engine/testing/nodeEnvironment.js */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBlocks, sampleInstants, writeOpenMetrics } from './backfill';
import { CounterIntegrator } from './counters';
import { collectFamilies, renderPrometheusText } from './exposition';
import { buildDatacenter } from './model';
import { resolveScenario } from './scenario';

const NOW = Date.UTC(2024, 4, 15, 12, 0, 0);
const dir = mkdtempSync(join(tmpdir(), 'ecoti-backfill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('backfill', () => {
  const dc = buildDatacenter(resolveScenario({ racks: 2, hostsPerRack: 2, cpusPerHost: 1, historyWeeks: 0.1 }, NOW));
  const start = NOW - 6 * 3_600_000;
  const stepMs = 300_000;

  it('writes the same values the live exporter serves at those instants, family by family', () => {
    const path = join(dir, 'history.om');
    const summary = writeOpenMetrics(dc, path, { start, end: NOW, stepMs, targetLabels: { job: 'simulator' } });
    const text = readFileSync(path, 'utf8');
    const lines = text.trimEnd().split('\n');
    expect(lines[lines.length - 1]).toBe('# EOF');
    // 73 instants of 4 hosts × (power, inlet, 4 CPU modes, 2 joules, 2 watts) + 4 PDUs + 2 site meters
    // + 2 cooling units × (power, set point) + 2 rack capacities.
    expect(summary.series).toBe(4 * 10 + 4 + 2 + 2 * 2 + 2);
    expect(summary.samples).toBe(summary.series * 73);
    // Each family's TYPE line appears once, before all its samples.
    const typeLines = lines.filter((l) => l.startsWith('# TYPE'));
    expect(new Set(typeLines).size).toBe(typeLines.length);
    expect(typeLines).toContain('# TYPE node_cpu_seconds counter');

    const t = start + 10 * stepMs;
    const live = renderPrometheusText(collectFamilies(dc, t, new CounterIntegrator(dc).at(t)));
    const liveLine = live.split('\n').find((l) => l.startsWith('kepler_node_cpu_joules_total{instance="srv-b02"'))!;
    const [series, value] = liveLine.split(' ');
    // The backfilled series is the scraped one plus the label Prometheus adds (job).
    expect(lines).toContain(`${series.replace(/\}$/, ',job="simulator"}')} ${value} ${t / 1000}`);
  });

  it("ends a powered-off host's series at its consolidation and starts the change marker there", () => {
    const changed = buildDatacenter(
      resolveScenario(
        {
          racks: 1,
          hostsPerRack: 3,
          cpusPerHost: 1,
          historyWeeks: 0.1,
          changes: [{ kind: 'consolidation', at: 'now-2h', hosts: ['srv-a02'] }],
        },
        NOW
      )
    );
    const path = join(dir, 'change.om');
    writeOpenMetrics(changed, path, {
      start,
      end: NOW,
      stepMs,
      families: ['ipmi_dcmi_power_consumption_watts', 'datacenter_change_timestamp_seconds'],
    });
    const lines = readFileSync(path, 'utf8').split('\n');
    const times = (prefix: string) =>
      lines.filter((l) => l.startsWith(prefix)).map((l) => Number(l.split(' ')[2]) * 1000);
    const at = NOW - 2 * 3_600_000;
    expect(Math.max(...times('ipmi_dcmi_power_consumption_watts{instance="srv-a02"'))).toBe(at - stepMs);
    expect(Math.max(...times('ipmi_dcmi_power_consumption_watts{instance="srv-a01"'))).toBe(NOW);
    const marker = lines.filter((l) => l.startsWith('datacenter_change_timestamp_seconds{'));
    expect(marker[0]).toBe(
      `datacenter_change_timestamp_seconds{instance="sp-01-change-log",site="sp-01",change="consolidation"} ${at / 1000} ${at / 1000}`
    );
    expect(marker).toHaveLength(25);
  });

  it('samples old history on the coarse grid, the recent part on the fine one (both aligned), up to the end', () => {
    const t0 = Date.UTC(2024, 4, 1, 0, 2);
    const instants = sampleInstants({
      start: t0,
      end: t0 + 3_600_000,
      stepMs: 300_000,
      coarse: { stepMs: 600_000, until: t0 + 1_800_000 },
    });
    const minutes = instants.map((t) => (t - Date.UTC(2024, 4, 1)) / 60_000);
    // …and the last instant is the end itself (the backfill's now), on the grid or not.
    expect(minutes).toEqual([10, 20, 30, 35, 40, 45, 50, 55, 60, 62]);
  });

  it('limits the file to the families asked for', () => {
    const path = join(dir, 'pdu.om');
    const summary = writeOpenMetrics(dc, path, { start, end: NOW, stepMs, families: ['raritan_pdu_activepower_watt'] });
    expect(summary.series).toBe(4);
    expect(readFileSync(path, 'utf8')).not.toContain('ipmi_');
  });

  it('refuses to start before the origin, where counters begin', () => {
    expect(() =>
      writeOpenMetrics(dc, join(dir, 'x.om'), { start: dc.scenario.origin - stepMs, end: NOW, stepMs })
    ).toThrow(/origin/);
  });

  it('produces a file the real promtool turns into TSDB blocks', async () => {
    const path = join(dir, 'history.om');
    const data = join(dir, 'data');
    await createBlocks(path, data);
    const blocks = readdirSync(data).filter((d) => /^[0-9A-Z]{26}$/.test(d));
    expect(blocks.length).toBeGreaterThan(0);
    const meta = JSON.parse(readFileSync(join(data, blocks[0], 'meta.json'), 'utf8'));
    expect(meta.stats.numSeries).toBe(52);
  });

  it('reports promtool failures with its own message', async () => {
    await expect(createBlocks(join(dir, 'missing.om'), join(dir, 'data2'))).rejects.toThrow(
      /promtool could not backfill .*missing\.om/
    );
  });
});
