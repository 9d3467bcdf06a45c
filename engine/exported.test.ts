/** @jest-environment ./engine/testing/nodeEnvironment.js */
// One capacity threshold: what the engine exports as ecoti_target_threshold is the value ecoti_time_to_threshold_seconds
// counts down to, so the dashboard's capacity line and the alert rules on the time to it cannot disagree.
import { registerSeriesMetrics } from './exported';
import { thresholdTable } from './seriesThresholds';
import { fittedEngine } from './testing/fittedEngine';

function sample(text: string, name: string, labels: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}} `));
  if (!line) {
    throw new Error(`no ${name}{${labels}} in the exposition`);
  }
  const v = line.slice(line.lastIndexOf(' ') + 1);
  return v === '+Inf' ? Infinity : Number(v);
}

describe('the exported threshold', () => {
  const engine = fittedEngine();
  registerSeriesMetrics(engine);
  const scrape = () => engine.metrics.registry.metrics();
  const threshold = engine.target('rack_power')!.target.threshold!;

  it('is the value the time to threshold counts down to', async () => {
    let text = await scrape();
    expect(sample(text, 'ecoti_target_threshold', 'target="rack_power",unit="watts"')).toBe(threshold.value);
    // rack-a peaks near 1200 W each afternoon: its mean forecast reaches 1150 W within the day, as its maximum says.
    const peak = sample(text, 'ecoti_forecast_max', 'rack="rack-a",target="rack_power",horizon="24h",bound="mean"');
    expect(peak).toBeGreaterThanOrEqual(threshold.value);
    expect(
      sample(text, 'ecoti_time_to_threshold_seconds', 'rack="rack-a",target="rack_power",bound="mean"')
    ).toBeLessThan(86_400);

    // Raise the configured capacity above the forecast's peak: both exports follow the one value.
    const original = threshold.value;
    threshold.value = Math.ceil(peak) + 100;
    try {
      text = await scrape();
      expect(sample(text, 'ecoti_target_threshold', 'target="rack_power",unit="watts"')).toBe(threshold.value);
      expect(sample(text, 'ecoti_time_to_threshold_seconds', 'rack="rack-a",target="rack_power",bound="mean"')).toBe(
        Infinity
      );
    } finally {
      threshold.value = original;
    }
  });
});

describe('thresholds per series (thresholdFrom)', () => {
  const engine = fittedEngine({ racks: 3 });
  registerSeriesMetrics(engine);
  const rt = engine.target('rack_power')!;
  rt.target = { ...rt.target, threshold: undefined, thresholdFrom: { match: ['rack'], direction: 'above' } };

  it('exports each series’ own threshold with its labels and counts down to it; none without a capacity', async () => {
    // rack-a (peaks near 1200 W) gets a capacity it reaches today, rack-b (~600 W) one far above it, rack-c none.
    rt.thresholds = thresholdTable(
      [
        { metric: { rack: 'rack-a' }, value: 1150 },
        { metric: { rack: 'rack-b' }, value: 5000 },
      ],
      ['rack'],
      0
    );
    const text = await engine.metrics.registry.metrics();
    expect(sample(text, 'ecoti_target_threshold', 'rack="rack-a",target="rack_power",unit="watts"')).toBe(1150);
    expect(sample(text, 'ecoti_target_threshold', 'rack="rack-b",target="rack_power",unit="watts"')).toBe(5000);
    expect(
      sample(text, 'ecoti_time_to_threshold_seconds', 'rack="rack-a",target="rack_power",bound="mean"')
    ).toBeLessThan(86_400);
    expect(sample(text, 'ecoti_time_to_threshold_seconds', 'rack="rack-b",target="rack_power",bound="mean"')).toBe(
      Infinity
    );
    expect(text).not.toMatch(/ecoti_(time_to_threshold_seconds|target_threshold)\{[^}]*rack="rack-c"/);
    // No target-wide sample beside the per-series ones.
    expect(text).not.toContain('ecoti_target_threshold{target="rack_power",unit="watts"}');
  });
});
