// The per-series metrics the engine writes back into Prometheus (forecasts, anomaly scores, time to threshold,
// monthly energy), computed from the engine's state at each scrape.
import { forecastUnit, isEnergyKind } from './config';
import { Engine } from './engine';
import type { TargetRuntime } from './targetRuntime';
import { GaugeSample } from './metrics';
import { savingsSamples } from './recommendations';
import { monthBounds } from './schedule';
import { seriesThreshold } from './seriesThresholds';
import {
  BOUNDS,
  forecastMaxSamples,
  forecastSamples,
  horizonLabel,
  monthEnergyForecast,
  timeToThreshold,
} from './shaping';

function horizonsOf(rt: TargetRuntime) {
  return rt.target.horizonsMs.map((msValue, i) => ({
    ms: msValue,
    label: horizonLabel(msValue, rt.target.horizons[i]),
  }));
}

function eachTarget(engine: Engine, f: (rt: TargetRuntime, now: number) => GaugeSample[]): () => GaugeSample[] {
  return () => {
    const now = engine.clock();
    return engine.targets.flatMap((rt) => f(rt, now));
  };
}

export function registerSeriesMetrics(engine: Engine): void {
  const m = engine.metrics;
  m.dynamicGauge(
    'ecoti_forecast',
    'Forecast of a target series at now + horizon (bound: mean, or lower/upper of the prediction interval). Unit: watts for power and energy counters, ratio for utilisation, celsius for temperature.',
    eachTarget(engine, (rt, now) =>
      [...rt.states.values()].flatMap((s) => forecastSamples(rt.target.name, s, now, horizonsOf(rt)))
    )
  );
  m.dynamicGauge(
    'ecoti_forecast_max',
    'Highest forecast value over the next `horizon` (per bound): "will it exceed X within h" in one comparison.',
    eachTarget(engine, (rt, now) =>
      [...rt.states.values()].flatMap((s) => forecastMaxSamples(rt.target.name, s, now, horizonsOf(rt)))
    )
  );
  m.dynamicGauge(
    'ecoti_anomaly_score',
    'Streaming anomaly score of the latest point, 0..1 (0.5 = tail probability 1e-3).',
    eachTarget(engine, (rt) =>
      rt.target.anomaly
        ? [...rt.states.values()]
            .filter((s) => s.anomaly || s.anomalyScore)
            .map((s) => ({ labels: { ...s.labels, target: rt.target.name }, value: s.anomalyScore }))
        : []
    )
  );
  m.dynamicGauge(
    'ecoti_time_to_threshold_seconds',
    'Seconds until the forecast (per bound) crosses the series threshold; 0 if already past, +Inf if not within the forecast. No sample for a series without a threshold.',
    eachTarget(engine, (rt, now) => {
      if (!rt.target.threshold && !rt.target.thresholdFrom) {
        return [];
      }
      return [...rt.states.values()]
        .filter((s) => s.forecast)
        .flatMap((s) => {
          const th = seriesThreshold(rt.target, rt.thresholds, s.labels);
          if (!th) {
            return [];
          }
          const t = timeToThreshold(s, now, th.value, th.direction);
          return BOUNDS.map((bound) => ({ labels: { ...s.labels, target: rt.target.name, bound }, value: t[bound] }));
        });
    })
  );
  // The threshold each time to threshold counts down to, exported as is: dashboards draw it (the SRE capacity line)
  // and alert rules on the time to it read the same number, so changing the engine config or the capacity metric
  // moves them all (engine/exported.test.ts). A YAML `threshold` is one sample per target; `thresholdFrom` gives one
  // per series that has a capacity, with the series' labels.
  m.dynamicGauge(
    'ecoti_target_threshold',
    'The threshold of a target (labels target, unit) or, with thresholdFrom, of each of its series (plus the series labels), in the unit of its forecast: the value ecoti_time_to_threshold_seconds counts down to.',
    eachTarget(engine, (rt) => {
      const unit = forecastUnit(rt.target.kind);
      if (rt.target.threshold) {
        return [{ labels: { target: rt.target.name, unit }, value: rt.target.threshold.value }];
      }
      if (!rt.target.thresholdFrom) {
        return [];
      }
      return [...rt.states.values()].flatMap((s) => {
        const th = seriesThreshold(rt.target, rt.thresholds, s.labels);
        return th ? [{ labels: { ...s.labels, target: rt.target.name, unit }, value: th.value }] : [];
      });
    })
  );
  m.dynamicGauge(
    'ecoti_energy_forecast_kwh',
    'Energy of the current calendar month (site time zone): observed so far plus forecast to the end of the month, kWh.',
    eachTarget(engine, (rt) => {
      if (!isEnergyKind(rt.target.kind)) {
        return [];
      }
      const { end } = monthBounds(engine.clock(), engine.config.site.timeZone);
      return [...rt.states.values()].flatMap((s) => {
        const e = monthEnergyForecast(s, end);
        return e
          ? BOUNDS.map((bound) => ({
              labels: { ...s.labels, target: rt.target.name, period: 'month', bound },
              value: e[bound],
            }))
          : [];
      });
    })
  );
  m.dynamicGauge(
    'ecoti_energy_observed_kwh',
    'Energy measured so far in the current calendar month, kWh.',
    eachTarget(engine, (rt) =>
      [...rt.states.values()]
        .filter((s) => s.month)
        .map((s) => ({ labels: { ...s.labels, target: rt.target.name, period: 'month' }, value: s.month!.kWh }))
    )
  );
  m.dynamicGauge(
    'ecoti_energy_budget_kwh',
    'Monthly energy budget configured for each series of a target, kWh.',
    eachTarget(engine, (rt) =>
      rt.target.budget
        ? [{ labels: { target: rt.target.name, period: 'month' }, value: rt.target.budget.kWhPerMonth }]
        : []
    )
  );
  m.dynamicGauge(
    'ecoti_recommendation_savings',
    'Monthly savings estimated by a recommendation rule (unit: kwh_per_month, kgco2e_per_month, <currency>_per_month).',
    () => savingsSamples(engine.recommendations)
  );
  m.dynamicGauge(
    'ecoti_recommendation_confidence',
    'Confidence of a recommendation, 0..1, from the amount and clarity of its evidence.',
    () =>
      engine.recommendations.map((r) => ({
        labels: { id: r.id, rule: r.rule, category: r.category, resource: r.target },
        value: r.confidence,
      }))
  );
}
