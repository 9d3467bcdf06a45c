/** @jest-environment ./engine/testing/nodeEnvironment.js */
// Readiness from the state an update cycle leaves behind (set directly here; integration/engineReadiness.test.ts
// drives real cycles against Prometheus).
import { parseConfig } from './config';
import { Engine } from './engine';
import { EcotiMlError } from './ml';
import { readiness } from './readiness';
import { fittedEngine, NOW } from './testing/fittedEngine';

const HOUR = 3_600_000;

describe('readiness', () => {
  it('is ready when every target has a current forecast for every series', () => {
    const r = readiness(fittedEngine({ racks: 2, inlets: 3 }));
    expect(r.ready).toBe(true);
    expect(r.targets.map((t) => [t.target, t.status, t.series, t.seriesWithForecast])).toEqual([
      ['rack_power', 'forecasting', 2, 2],
      ['inlet', 'forecasting', 3, 3],
    ]);
  });

  it('is not ready before a target has its first update, nor when its query matched nothing', () => {
    const engine = fittedEngine({ inlets: 0 });
    expect(readiness(engine).targets[1]).toMatchObject({ ready: false, status: 'waiting_first_update' });
    const inlet = engine.target('inlet')!;
    inlet.lastSuccess = NOW - 1000;
    inlet.matchedSeries = 0;
    const r = readiness(engine);
    expect(r.ready).toBe(false);
    expect(r.targets[1]).toMatchObject({
      target: 'inlet',
      ready: false,
      status: 'no_series',
      reason: 'the query matched no series yet',
    });
  });

  it('exempts a shard replica that none of a target series hash to, and says so', () => {
    const config = parseConfig({ targets: [{ name: 'facility', promql: 'site_power', kind: 'power' }] });
    const engine = new Engine({ config, shard: { index: 1, total: 2 }, clock: () => NOW });
    const rt = engine.targets[0];
    rt.lastSuccess = NOW - 1000;
    rt.matchedSeries = 1;
    const r = readiness(engine);
    expect(r.ready).toBe(true);
    expect(r.targets[0]).toMatchObject({
      status: 'shard_empty',
      reason: "the query matched 1 series, none of them in this replica's shard 1/2",
    });
  });

  it('is not ready when every fit failed, with the ML core message as the reason', () => {
    const engine = fittedEngine({ racks: 2, inlets: 1 });
    const rt = engine.target('rack_power')!;
    for (const s of rt.states.values()) {
      s.forecast = undefined;
    }
    rt.lastFitError = new EcotiMlError('BAD_OPTION', 'horizon must be a whole number of steps from 1 to 100000.');
    const r = readiness(engine);
    expect(r.ready).toBe(false);
    expect(r.targets[0]).toMatchObject({
      target: 'rack_power',
      ready: false,
      status: 'no_forecast',
      reason: 'no series has a current forecast: horizon must be a whole number of steps from 1 to 100000.',
    });
    // Any other error is not for an open endpoint.
    rt.lastFitError = new Error('ENOENT /var/lib/ecoti/secret');
    expect(readiness(engine).targets[0].reason).toBe(
      'no series has a current forecast: an unexpected error (details in the engine log)'
    );
  });

  it('counts a forecast that no longer reaches now + the longest horizon as not current', () => {
    // The path runs about 25 h past NOW (301 steps plus the replayed hour): an hour on, now + 24 h is still
    // covered, two hours on it is not.
    let now = NOW + HOUR;
    const engine = fittedEngine({ racks: 1, inlets: 1, clock: () => now });
    engine.target('rack_power')!.lastSuccess = now;
    engine.target('inlet')!.lastSuccess = now;
    expect(readiness(engine).ready).toBe(true);
    now = NOW + 2 * HOUR;
    expect(readiness(engine).targets[0]).toMatchObject({ status: 'no_forecast', seriesWithForecast: 0 });
  });

  it('stays ready on the last forecasts while Prometheus fails, and explains a failing first update without the URL', () => {
    const engine = fittedEngine({ racks: 2, inlets: 0 });
    const racks = engine.target('rack_power')!;
    racks.consecutiveFailures = 3;
    racks.lastErrorKind = 'prometheus_unreachable';
    racks.lastError = 'Prometheus at http://10.0.0.7:9090 is unreachable for sum by (rack) (x): ECONNREFUSED';
    const inlet = engine.target('inlet')!;
    Object.assign(inlet, { consecutiveFailures: 1, lastErrorKind: 'query_rejected', lastError: racks.lastError });
    const r = readiness(engine);
    expect(r.targets[0]).toMatchObject({
      ready: true,
      stale: true,
      reason:
        'serving the last forecasts: Prometheus is unreachable (3 failed updates in a row; details in the engine log)',
    });
    expect(r.targets[1]).toMatchObject({
      ready: false,
      status: 'update_failing',
      reason: "Prometheus rejected the target's query (1 failed update in a row; details in the engine log)",
    });
    expect(JSON.stringify(r)).not.toMatch(/10\.0\.0\.7|9090|sum by|ECONNREFUSED/);
  });
});
