/** @jest-environment ./engine/testing/nodeEnvironment.js */
import { EngineApi } from './api';
import { registerSeriesMetrics } from './exported';
import { END, fittedEngine, STEP } from './testing/fittedEngine';

const engine = fittedEngine();
const api = new EngineApi(engine);
afterAll(() => api.close());

const get = async (path: string) => {
  const url = new URL(path, 'http://engine');
  const r = await api.handle(url.pathname, url.searchParams);
  return { status: r.status, body: JSON.parse(r.body.toString('utf8')) };
};

describe('engine JSON API', () => {
  it('predicts consumption: 24 h of points at the step, energy per bound and the month with its budget', async () => {
    const r = await get('/api/ai/predict/consumption?target=rack_power&horizon=24h');
    expect(r.status).toBe(200);
    const series = (r.body as any).targets[0].series;
    expect(series).toHaveLength(2);
    const a = series.find((s: any) => s.labels.rack === 'rack-a');
    expect(a.points).toHaveLength(288);
    expect(a.points[0].t).toBe(END + STEP);
    // About 1 kW for a day: 24 kWh; the IT energy times the PUE for the facility.
    expect(a.energyKWh.mean).toBeGreaterThan(22);
    expect(a.energyKWh.mean).toBeLessThan(26);
    expect(a.energyKWh.lower).toBeLessThan(a.energyKWh.mean);
    expect(a.facilityEnergyKWh.mean).toBeCloseTo(a.energyKWh.mean * 1.58, 6);
    expect(a.month.observedKWh).toBe(300);
    expect(a.month.budgetKWh).toBe(500);
    // The rest of May (16.5 days at ~1 kW) comes on top of the 300 kWh measured.
    expect(a.month.forecastKWh.mean).toBeGreaterThan(300 + 16 * 24 * 0.9);
    expect(a.month.forecastKWh.mean).toBeLessThan(300 + 17 * 24 * 1.1);
  });

  it('turns the same energy into emissions and costs with the site settings', async () => {
    const c = ((await get('/api/ai/predict/consumption?target=rack_power&horizon=24h')).body as any).targets[0]
      .series[0];
    const e = ((await get('/api/ai/predict/emissions?target=rack_power&horizon=24h')).body as any).targets[0].series[0];
    expect(e.horizonKgCO2e.mean).toBeCloseTo((c.energyKWh.mean * 1.58 * 38.5) / 1000, 6);
    const cost = ((await get('/api/ai/predict/costs?target=rack_power&horizon=24h')).body as any).targets[0].series[0];
    // A weekday: 3 of 24 hours at 2.10, the rest at 0.55 BRL/kWh.
    expect(cost.horizonCost.mean).toBeGreaterThan(c.facilityEnergyKWh.mean * 0.55);
    expect(cost.horizonCost.mean).toBeLessThan(c.facilityEnergyKWh.mean * 2.1);
    expect(cost.horizonCost.peakShare).toBeGreaterThan(0.15);
    expect(cost.unit).toBe('BRL');
  });

  it('answers 400 with a message for unknown targets, bad horizons, wrong kinds and bad parameters', async () => {
    const cases: Array<[string, RegExp]> = [
      ['/api/ai/predict/consumption?target=nope', /unknown target "nope"; known targets: rack_power, inlet/],
      ['/api/ai/predict/consumption?target=rack_power&horizon=soon', /horizon "soon" is not a duration/],
      [
        '/api/ai/predict/consumption?target=rack_power&horizon=7d',
        /beyond the longest horizon configured for target rack_power \(1h, 24h\)/,
      ],
      [
        '/api/ai/predict/costs?target=inlet',
        /target "inlet" is temperature; this endpoint needs a power or energy counter target/,
      ],
      ['/api/ai/insights/anomalies?minScore=2', /minScore must be a number from 0 to 1/],
      ['/api/ai/insights/optimization?shift=-1', /shift must be the fraction of peak energy to move/],
    ];
    for (const [path, message] of cases) {
      const r = await get(path);
      expect([path, r.status]).toEqual([path, 400]);
      expect((r.body as { error: string }).error).toMatch(message);
    }
    expect((await get('/api/ai/nothing')).status).toBe(404);
  });

  it('lists anomalies at or above minScore with their events', async () => {
    const body = (await get('/api/ai/insights/anomalies?target=rack_power&minScore=0.5')).body as any;
    expect(body.targets[0].series).toHaveLength(1);
    expect(body.targets[0].series[0]).toMatchObject({
      labels: { rack: 'rack-a' },
      score: 0.8,
      events: [{ maxScore: 0.8, value: 1500, expected: 1000 }],
    });
  });

  it('reports trends and load-shifting savings from the forecast', async () => {
    const trends = (await get('/api/ai/insights/trends?target=rack_power')).body as any;
    expect(trends.targets[0].series).toHaveLength(2);
    expect(Math.abs(trends.targets[0].series[0].slopePerDay)).toBeLessThan(20);
    const opt = (await get('/api/ai/insights/optimization?target=rack_power&horizon=24h&shift=0.5')).body as any;
    const a = opt.loadShift[0].series.find((s: any) => s.labels.rack === 'rack-a');
    expect(a.savings).toBeCloseTo(a.shiftedKWh * (2.1 - 0.55), 6);
    expect(a.costAfter).toBeCloseTo(a.costBefore - a.savings, 6);
  });

  it('is ready and healthy once targets have forecasts, and says which are not', async () => {
    expect(await get('/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
    const r = await get('/readyz');
    expect(r.status).toBe(503);
    expect((r.body as any).targets.find((t: any) => t.target === 'inlet')).toMatchObject({
      ready: false,
      status: 'waiting_first_update',
      series: 0,
    });
  });

  it('exports forecasts, times to threshold and month energy on /metrics', async () => {
    registerSeriesMetrics(engine);
    const text = await engine.metrics.registry.metrics();
    expect(text).toMatch(/^ecoti_forecast\{rack="rack-a",target="rack_power",horizon="24h",bound="mean"\} \d+/m);
    expect(text).toMatch(/^ecoti_time_to_threshold_seconds\{rack="rack-b",target="rack_power",bound="upper"\} \+Inf$/m);
    expect(text).toMatch(/^ecoti_energy_budget_kwh\{target="rack_power",period="month"\} 500$/m);
    expect(text).toMatch(/^ecoti_anomaly_score\{rack="rack-a",target="rack_power"\} 0\.8$/m);
    expect(text).toMatch(/^# TYPE ecoti_engine_fit_duration_seconds histogram$/m);
    const ttt = Number(
      /^ecoti_time_to_threshold_seconds\{rack="rack-a",target="rack_power",bound="mean"\} (\S+)$/m.exec(text)![1]
    );
    // rack-a peaks near 1200 W each afternoon: it crosses 1150 W within the day.
    expect(ttt).toBeGreaterThanOrEqual(0);
    expect(ttt).toBeLessThan(86_400);
  });
});
