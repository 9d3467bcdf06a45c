import { formProblems, guessKind, initialForm, parseThreshold, standaloneQuery } from './predictedAlertForm';

describe('initialForm', () => {
  it('takes the panel’s data source, query and panel from the URL, and the engine’s Prometheus from the settings', () => {
    const params = new URLSearchParams({
      upstream: 'prom-dr',
      expr: ' sum(rate(node_energy_joules_total[5m])) ',
      dashboard: 'd1',
      panel: '4',
      title: 'IT power',
    });
    expect(initialForm(params, 'ecoti-prometheus')).toEqual({
      upstreamUid: 'prom-dr',
      query: 'sum(rate(node_energy_joules_total[5m]))',
      kind: 'power',
      threshold: '',
      direction: 'above',
      lead: '24h',
      step: '5m',
      title: 'IT power: predicted threshold',
      engineUid: 'ecoti-prometheus',
      panel: { dashboardUid: 'd1', panelId: 4, title: 'IT power' },
    });
  });

  it('opens empty on the app’s default upstream without parameters, and ignores a malformed panel id', () => {
    const form = initialForm(new URLSearchParams({ dashboard: 'd1', panel: 'x' }), 'ecoti-prometheus');
    expect([form.upstreamUid, form.engineUid, form.query, form.panel]).toEqual([
      'ecoti-prometheus',
      'ecoti-prometheus',
      '',
      undefined,
    ]);
  });
});

describe('guessKind', () => {
  it.each([
    ['ipmi_dcmi_power_consumption_watts', 'power'],
    ['sum(rate(kepler_node_platform_joules_total[5m]))', 'power'],
    ['kepler_node_platform_joules_total', 'energy_counter_joules'],
    ['pdu_energy_kwh_total{rack="r1"}', 'energy_counter_kwh'],
    ['ipmi_temperature_celsius{sensor="inlet"}', 'temperature'],
    ['avg(node_cpu_utilisation)', 'utilisation'],
  ])('reads %s as %s', (query, kind) => {
    expect(guessKind(query)).toBe(kind);
  });
});

describe('parseThreshold', () => {
  it('reads one decimal separator, point or comma, and refuses anything else', () => {
    expect([parseThreshold('6000'), parseThreshold(' 0,85 '), parseThreshold('0.85'), parseThreshold('-5')]).toEqual([
      6000, 0.85, 0.85, -5,
    ]);
    expect([parseThreshold('6.000,5'), parseThreshold('6 kW'), parseThreshold('')]).toEqual([NaN, NaN, NaN]);
  });
});

describe('formProblems', () => {
  const valid = {
    ...initialForm(new URLSearchParams({ upstream: 'p', expr: 'up' }), 'e'),
    threshold: '0.9',
    title: 'T',
  };

  it('finds nothing wrong with a complete form', () => {
    expect(formProblems(valid)).toEqual({});
  });

  it('keeps utilisation thresholds within 0–1 and the forecast within its step limit', () => {
    expect(Object.keys(formProblems({ ...valid, kind: 'utilisation', threshold: '85' }))).toEqual(['threshold']);
    expect(formProblems({ ...valid, lead: '30d', step: '1m' }).lead).toMatch(/more than 5000 steps/);
    expect(formProblems({ ...valid, lead: '1h', step: '2h' }).step).toMatch(/shorter than the lead time/);
  });
});

describe('standaloneQuery', () => {
  it('puts the step where Grafana would fill its interval variables, and leaves the rest alone', () => {
    expect(standaloneQuery('sum(rate(x_joules_total[$__rate_interval])) + rate(y[${__interval}])', '5m')).toBe(
      'sum(rate(x_joules_total[5m])) + rate(y[5m])'
    );
    expect(standaloneQuery('x * $__interval_ms', '5m')).toBe('x * $__interval_ms');
  });
});
