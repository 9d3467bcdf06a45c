/** @jest-environment ./engine/testing/nodeEnvironment.js */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, expandEnv, loadConfigFile, parseConfig, resolveTarget } from './config';
import { formatDuration, parseDuration } from './duration';

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
    let message = '';
    try {
      parseConfig(bad, 'engine.yaml');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      message = (e as Error).message;
    }
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
