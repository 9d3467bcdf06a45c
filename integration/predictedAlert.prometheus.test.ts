/** @jest-environment ./integration/support/jsdomWithImmediate.js */
// The predicted-alert flow against a real Prometheus: two racks' power backfilled with promtool, the preview's
// upstream query run over the training window through a data source answering from Prometheus' HTTP API, the
// ML core's forecast and time to cross, then the requests that create the rule, validated against Grafana's spec.
import { durationSeconds } from '../src/alerting/predictedAlertRule';
import { provisionedAlertRuleProblems } from '../src/alerting/testing/grafanaApiSchema';
import { createPredictedAlert } from '../src/pages/PredictedAlert/createPredictedAlert';
import { runPreview } from '../src/pages/PredictedAlert/runPreview';
import { fakeGrafanaApi } from '../src/pages/PredictedAlert/testing/fakeGrafanaApi';
import { RACK_QUERY, rackPowerSeries } from '../src/pages/PredictedAlert/testing/rackPower';
import { GrafanaPrometheus } from './support/grafanaPrometheus';
import { PrometheusServer, startPrometheus } from './support/prometheusServer';

jest.setTimeout(120_000);

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
// History ends an hour ago (whole minute), so backfilled blocks never overlap Prometheus' head.
const NOW = Math.floor((Date.now() - HOUR) / MIN) * MIN;

function openMetrics(): string {
  const lines = ['# TYPE raritan_pdu_activepower_watt gauge'];
  const racks = rackPowerSeries(NOW);
  for (let t = NOW - 14 * DAY; t <= NOW; t += MIN) {
    for (const r of racks) {
      lines.push(
        `raritan_pdu_activepower_watt{rack="${r.labels.rack}",outlet="a"} ${r.value(t)!.toFixed(1)} ${t / 1000}`
      );
    }
  }
  return `${lines.join('\n')}\n# EOF\n`;
}

describe('Predicted alert on a real Prometheus', () => {
  let prom: PrometheusServer;

  beforeAll(async () => {
    prom = await startPrometheus({ openMetrics: openMetrics() });
  });

  afterAll(async () => {
    await prom?.stop();
  });

  it('previews from Prometheus’ own answer: the growing rack crosses 6 kW within the day, the steady one does not', async () => {
    const upstream = new GrafanaPrometheus(prom.url);
    const result = await runPreview(upstream, {
      query: RACK_QUERY,
      kind: 'power',
      threshold: 6_000,
      direction: 'above',
      leadMs: DAY,
      stepMs: 5 * MIN,
      trainingMs: 14 * DAY,
      now: NOW,
    });
    if (result.status !== 'done') {
      throw new Error(result.message);
    }
    expect(result.failed).toEqual([]);
    expect(result.series.map((s) => s.name)).toEqual(['{rack="r1"}', '{rack="r2"}']);
    const [r1, r2] = result.series;
    // 14 days at 5 minutes, as Prometheus returned them.
    expect(r1.history.timestamps.length).toBeGreaterThanOrEqual(14 * 288 - 1);
    expect(r1.stepMs).toBe(5 * MIN);
    // r1 is at 5.5 kW now and grows 25 W/h: by trend alone it reaches 6 kW in 20 h; its daily cycle moves that.
    expect(r1.crossing.mean / 3600).toBeGreaterThan(8);
    expect(r1.crossing.mean / 3600).toBeLessThan(24);
    // The band's upper edge gets there first.
    expect(r1.crossing.upper).toBeLessThanOrEqual(r1.crossing.mean);
    expect(r2.crossing).toEqual({ mean: Infinity, lower: Infinity, upper: Infinity });
    // The query Prometheus ran was the one the rule will carry, over the whole training window.
    expect(upstream.requests[0].targets[0]).toEqual(expect.objectContaining({ expr: RACK_QUERY }));
  });

  it('creates a rule whose body Grafana’s spec accepts, counting down to the same lead time', async () => {
    const api = fakeGrafanaApi();
    await createPredictedAlert(api.send, {
      uid: 'ecoti-itest00000001',
      title: 'Racks over 6 kW',
      orgId: 1,
      engineDatasourceUid: 'ecoti-prometheus',
      query: RACK_QUERY,
      kind: 'power',
      threshold: 6_000,
      direction: 'above',
      lead: '24h',
      step: '5m',
    });
    const post = api.requests.find((r) => r.url === '/api/v1/provisioning/alert-rules')!;
    expect(provisionedAlertRuleProblems(post.data)).toEqual([]);
    const rule = post.data as { data: Array<{ model: { conditions?: Array<{ evaluator: { params: number[] } }> } }> };
    expect(rule.data[1].model.conditions![0].evaluator.params).toEqual([durationSeconds('24h')]);
  });
});
