/** @jest-environment ./engine/testing/nodeEnvironment.js */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FORECAST_METHODS, forecast, MAX_FORECAST_HORIZON } from './ml';
import { DURATION_BOUNDS, expandEnv, loadConfigFile, parseConfig, resolveTarget } from './config';
import { formatDuration, parseDuration } from './duration';
import { configErrorOf } from './testing/configError';

const minimal = { targets: [{ name: 'rack_power', promql: 'sum by (rack) (x)', kind: 'power' }] };

describe('engine configuration', () => {
  it('fills every default from one place, site defaults from the app settings', () => {
    const c = parseConfig(minimal);
    expect(c.prometheus).toMatchObject({ url: 'http://localhost:9090', timeout: '30s', retries: 2 });
    expect(c.schedule).toEqual({ update: '1m', refit: '1h', reselect: '24h', maxBackoff: '5m', staleAfter: '5m' });
    expect(c.training).toMatchObject({ window: '14d', step: '5m', level: 0.95, method: 'auto' });
    expect(c.site).toMatchObject({ pue: 1.58, carbonIntensity: 38.5, currency: 'BRL', timeZone: 'America/Sao_Paulo' });
    expect(c.site.tariff).toEqual({
      peakPricePerKWh: 2.1,
      offPeakPricePerKWh: 0.55,
      peakStartHour: 18,
      peakEndHour: 21,
      peakWeekdaysOnly: true,
    });
    expect(c.targets[0]).toMatchObject({ horizons: ['1h', '24h'], anomaly: true, scope: 'it' });
    const t = resolveTarget(c.targets[0], c.training);
    expect(t).toMatchObject({
      horizonsMs: [3_600_000, 86_400_000],
      stepMs: 300_000,
      windowMs: 14 * 86_400_000,
      trainingMethod: 'auto',
    });
  });

  it('lists every problem with its path in one error', () => {
    const bad = {
      prometheus: { url: 'not a url', timeout: 'soon' },
      targets: [
        { name: 'rack power', promql: 'x', kind: 'power' },
        { name: 'temp', promql: 'y', kind: 'thermal' },
        { name: 'inlet', promql: 'z', kind: 'temperature', budget: { kWhPerMonth: 10 }, horizons: ['1 day'] },
        { name: 'inlet', promql: 'z', kind: 'temperature' },
      ],
      recommendations: { cpuTarget: 'inlet', powerTarget: 'missing' },
    };
    const message = configErrorOf(bad, 'engine.yaml');
    expect(message).toContain('invalid engine configuration in engine.yaml');
    for (const path of [
      'prometheus.url',
      'prometheus.timeout',
      'targets.0.name',
      'targets.1.kind',
      'targets.2.horizons.0',
    ]) {
      expect(message).toContain(`- ${path}:`);
    }
  });

  it('checks cross-field rules: duplicate names, budgets on non-energy targets, recommendation roles', () => {
    const c = {
      targets: [
        { name: 'inlet', promql: 'z', kind: 'temperature', budget: { kWhPerMonth: 10 } },
        { name: 'inlet', promql: 'z', kind: 'temperature' },
      ],
      recommendations: { cpuTarget: 'inlet', powerTarget: 'missing' },
    };
    expect(() => parseConfig(c)).toThrow(/targets\.1\.name: duplicate target name "inlet"/);
    expect(() => parseConfig(c)).toThrow(
      /targets\.0\.budget: a kWh budget needs a power or energy counter target, not temperature/
    );
    expect(() => parseConfig(c)).toThrow(
      /recommendations\.cpuTarget: "inlet" is temperature; cpuTarget needs a utilisation target/
    );
    expect(() => parseConfig(c)).toThrow(/recommendations\.powerTarget: no target named "missing"/);
    expect(() => parseConfig({ ...minimal, site: { timeZone: 'Mars/Olympus' } })).toThrow(
      /site\.timeZone: unknown IANA time zone/
    );
    expect(() => parseConfig({})).toThrow(/targets/);
  });

  it("names hosts by the ML core's host labels unless configured, and reads the older single hostLabel", () => {
    expect(parseConfig(minimal).recommendations.hostLabels).toEqual([
      'instance',
      'host',
      'hostname',
      'node',
      'nodename',
    ]);
    expect(parseConfig({ ...minimal, recommendations: { hostLabels: ['node'] } }).recommendations.hostLabels).toEqual([
      'node',
    ]);
    expect(parseConfig({ ...minimal, recommendations: { hostLabel: 'host' } }).recommendations.hostLabels).toEqual([
      'host',
    ]);
    expect(() => parseConfig({ ...minimal, recommendations: { hostLabel: 'host', hostLabels: ['node'] } })).toThrow(
      /recommendations\.hostLabel: give hostLabels, or its older spelling hostLabel, not both/
    );
    expect(() => parseConfig({ ...minimal, recommendations: { hostLabels: [] } })).toThrow(
      /recommendations\.hostLabels/
    );
  });

  it('reads YAML files and names the file in every error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecoti-config-'));
    writeFileSync(join(dir, 'bad.yaml'), 'targets: [\n');
    expect(() => loadConfigFile(join(dir, 'bad.yaml'))).toThrow(/bad\.yaml is not valid YAML/);
    expect(() => loadConfigFile(join(dir, 'absent.yaml'))).toThrow(/cannot read engine configuration .*absent\.yaml/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('substitutes ${VAR} and ${VAR:-default} from the environment', () => {
    expect(expandEnv('url: ${PROM_URL:-http://localhost:9090}', {})).toBe('url: http://localhost:9090');
    expect(expandEnv('url: ${PROM_URL:-http://localhost:9090}', { PROM_URL: 'http://prometheus:9090' })).toBe(
      'url: http://prometheus:9090'
    );
    expect(() => expandEnv('dir: ${STATE_DIR}', {})).toThrow(/uses \$\{STATE_DIR\}, which is not set/);
  });

  it('refuses unknown keys at the top level and nested, naming each with its path and the nearest known key', () => {
    const message = configErrorOf({
      ...minimal,
      schedul: { update: '1m' },
      training: { windw: '7d' },
      targets: [{ ...minimal.targets[0], horizon: ['1h'], threshold: { value: 1, directon: 'above' } }],
      site: { tariff: { peakStart: 18 } },
    });
    expect(message).toContain('- schedul: unknown key (did you mean "schedule"?)');
    expect(message).toContain('- training.windw: unknown key (did you mean "window"?)');
    expect(message).toContain('- targets.0.horizon: unknown key (did you mean "horizons"?)');
    expect(message).toContain('- targets.0.threshold.directon: unknown key (did you mean "direction"?)');
    expect(message).toContain('- site.tariff.peakStart: unknown key');
    // A key nothing resembles gets no guess.
    expect(configErrorOf({ ...minimal, frobnicate: true })).toMatch(/- frobnicate: unknown key\n?$/);
  });

  it('bounds durations: no update that hammers Prometheus, none that overflows a timer', () => {
    expect(configErrorOf({ ...minimal, schedule: { update: '30d' } })).toContain(
      '- schedule.update: 30d is longer than the maximum of 24h'
    );
    expect(configErrorOf({ ...minimal, schedule: { update: '1ms' } })).toContain(
      '- schedule.update: 1ms is shorter than the minimum of 5s (every update queries Prometheus once per target)'
    );
    const both = configErrorOf({ ...minimal, schedule: { maxBackoff: '30d', refit: '10s' } });
    expect(both).toContain('- schedule.maxBackoff: 30d is longer than the maximum of 24h');
    expect(both).toContain('- schedule.refit: 10s is shorter than the minimum of 1m');
    expect(configErrorOf({ ...minimal, schedule: { update: '10m', staleAfter: '5m' } })).toContain(
      '- schedule.staleAfter: 5m is shorter than schedule.update (10m)'
    );
    // The settings that become timers fit in setTimeout (2^31 − 1 ms) at their maximum (retries back off to 30 × retryDelay).
    const b = DURATION_BOUNDS;
    for (const timer of [b['schedule.update'].max, b['schedule.maxBackoff'].max, b['prometheus.timeout'].max]) {
      expect(parseDuration(timer)).toBeLessThanOrEqual(2 ** 31 - 1);
    }
    expect(30 * (parseDuration(b['prometheus.retryDelay'].max) as number)).toBeLessThanOrEqual(2 ** 31 - 1);
    expect(() => parseConfig({ ...minimal, schedule: { update: '5s', staleAfter: '24h' } })).not.toThrow();
  });

  it("refuses a horizon beyond the ML core's limit at the target's step, and accepts it at a coarser step", () => {
    const target = (extra: object) => ({ targets: [{ ...minimal.targets[0], ...extra }] });
    // 1y at 5m is 105,120 steps before the refit slack; the core forecasts at most MAX_FORECAST_HORIZON.
    expect(MAX_FORECAST_HORIZON).toBe(100_000);
    expect(configErrorOf(target({ horizons: ['1h', '1y'] }))).toMatch(
      /- targets\.0\.horizons\.1: 1y at a 5m step needs 105145 forecast steps .* beyond the ML core's 100000/
    );
    expect(() => parseConfig(target({ horizons: ['1y'], step: '1h', window: '60d' }))).not.toThrow();
    expect(configErrorOf(target({ horizons: ['1h'], window: '1h', step: '10m' }))).toContain(
      '- targets.0.window: a 1h training window holds fewer than 12 steps of 10m'
    );
  });

  it('accepts the methods forecast() accepts, ensembles included, and refuses others with a guess', () => {
    for (const method of [
      'auto',
      'holt-winters',
      'ensemble(seasonal-mean+mstl)',
      'ensemble(linear+mstl+lag-regression)',
    ]) {
      expect(parseConfig({ ...minimal, training: { method } }).training.method).toBe(method);
    }
    expect(configErrorOf({ ...minimal, training: { method: 'holtwinters' } })).toContain(
      '- training.method: unknown forecast method "holtwinters" (did you mean "holt-winters"?)'
    );
    expect(configErrorOf({ targets: [{ ...minimal.targets[0], method: 'ensemble(mstl+lineer)' }] })).toContain(
      '- targets.0.method: ensemble(mstl+lineer) combines unknown model "lineer" (did you mean "linear"?)'
    );
    expect(configErrorOf({ ...minimal, training: { method: 'ensemble(auto+mstl)' } })).toContain(
      'unknown model "auto"'
    );
    expect(configErrorOf({ ...minimal, training: { method: 'prophet' } })).toMatch(
      /unknown forecast method "prophet"; use auto, one of seasonal-naive, .*, or ensemble\(a\+b\)/
    );
  });

  it('accepts every method name the ML core lists, and the core accepts every method the config accepts', () => {
    const series = {
      timestamps: Array.from({ length: 600 }, (_, i) => i * 300_000),
      values: Array.from({ length: 600 }, (_, i) => 100 + 10 * Math.sin(i / 10)),
    };
    for (const method of [...FORECAST_METHODS, 'ensemble(seasonal-mean+linear)']) {
      expect(() => parseConfig({ ...minimal, training: { method } })).not.toThrow();
      expect(forecast(series, { horizon: 3, method }).mean).toHaveLength(3);
    }
  });

  it('accepts the example configuration shipped with the engine', () => {
    const c = loadConfigFile(join(__dirname, 'config.example.yaml'));
    expect(c.targets.map((t) => t.name)).toEqual([
      'rack_power',
      'host_power',
      'host_cpu',
      'inlet_temperature',
      'cpu_energy',
      'it_power',
      'facility_power',
    ]);
  });
});

describe('durations', () => {
  it('parses Prometheus spellings and formats them back canonically', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('7d')).toBe(604_800_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('1 day')).toBeUndefined();
    expect(parseDuration('30m1h')).toBeUndefined();
    expect(parseDuration('')).toBeUndefined();
    expect(formatDuration(86_400_000)).toBe('1d');
    expect(formatDuration(5_400_000)).toBe('1h30m');
    expect(formatDuration(0)).toBe('0s');
  });
});
