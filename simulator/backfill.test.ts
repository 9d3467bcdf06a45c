/** @jest-environment ./engine/testing/nodeEnvironment.js */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBlocks, writeOpenMetrics } from './backfill';
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
    // 73 instants of 4 hosts × (power, inlet, 4 CPU modes, 2 joules, 2 watts) + 4 PDUs + 2 site meters.
    expect(summary.series).toBe(4 * 10 + 4 + 2);
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
    expect(meta.stats.numSeries).toBe(46);
  });

  it('reports promtool failures with its own message', async () => {
    await expect(createBlocks(join(dir, 'missing.om'), join(dir, 'data2'))).rejects.toThrow(
      /promtool could not backfill .*missing\.om/
    );
  });
});
