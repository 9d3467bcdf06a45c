// /api/ai/insights/* and /api/ai/recommendations/*: anomalies and recommendations from what the engine already
// holds, load-shifting savings on the forecasts, and trends, the one costly view (the ML core's trend() on every
// series' history, 15-100 ms each for two weeks at 5 minutes), computed for all targets at once in a worker thread.
import { forecastUnit } from './config';
import { Engine } from './engine';
import type { TargetRuntime } from './targetRuntime';
import { energyTargets, fractionOf, freshness, isoOrNull, selectTargets } from './apiParams';
import { bandEnergy, loadShiftSavings, MS_PER_HOUR, STREAMING_ANOMALY_DEFAULTS, Tariff } from './ml';
import { forecastPath, pathColumns } from './forecastPath';
import { roleTargetNames } from './recommendations';
import { mapInSlices } from './slices';
import { TrendRunner } from './trendRunner';

export function anomalies(engine: Engine, query: URLSearchParams) {
  // By default the events the alert rules fire on: the scorer's own alert level.
  const minScore = fractionOf(query, 'minScore', STREAMING_ANOMALY_DEFAULTS.alertLevel, 'a number from 0 to 1');
  const now = engine.clock();
  const targets = selectTargets(engine, query, (rt) => rt.target.anomaly, 'a target with anomaly: true');
  return {
    generatedAt: new Date(now).toISOString(),
    minScore,
    targets: targets.map((rt) => ({
      target: rt.target.name,
      ...freshness(engine, rt, now),
      series: [...rt.states.values()]
        .filter((s) => s.anomalyScore >= minScore || s.anomalyEvents.some((e) => e.maxScore >= minScore))
        .map((s) => ({
          labels: s.labels,
          score: s.anomalyScore,
          events: s.anomalyEvents
            .filter((e) => e.maxScore >= minScore)
            .map((e) => ({
              start: new Date(e.start).toISOString(),
              end: new Date(e.end).toISOString(),
              maxScore: e.maxScore,
              value: e.value,
              expected: e.expected,
            })),
        })),
    })),
  };
}

/** Trends of every target, each target's entry already serialized: a request only concatenates. */
export interface TrendsSnapshot {
  generatedAt: string;
  targets: Map<string, string>;
}

export async function trendsSnapshot(
  engine: Engine,
  runner: TrendRunner,
  toJson: (value: unknown) => string
): Promise<TrendsSnapshot> {
  const now = engine.clock();
  const picked = engine.targets.map((rt) => ({
    rt,
    states: [...rt.states.values()].filter((s) => s.history.length > 1),
  }));
  const all = picked.flatMap((p) => p.states);
  const trends = await runner.run(() => all.map((s) => s.history.toSeries()));
  const targets = new Map<string, string>();
  let k = 0;
  for (const { rt, states } of picked) {
    const series = states.map((s) => {
      const t = trends[k++];
      // A series the ML core cannot analyse says why instead of failing the whole answer.
      return 'error' in t
        ? { labels: s.labels, error: t.error }
        : {
            labels: s.labels,
            slopePerDay: t.slopePerDay,
            lower: t.lower,
            upper: t.upper,
            changepoints: t.changepoints.map((c) => new Date(c).toISOString()),
          };
    });
    const entry = {
      target: rt.target.name,
      unit: `${forecastUnit(rt.target.kind)}_per_day`,
      ...freshness(engine, rt, now),
      series,
    };
    targets.set(rt.target.name, toJson(entry));
  }
  return { generatedAt: new Date(now).toISOString(), targets };
}

/** The trends response for the targets a request names, from a snapshot. */
export function trendsFrom(snapshot: TrendsSnapshot, targets: TargetRuntime[]): string {
  const parts = targets.map((rt) => snapshot.targets.get(rt.target.name)).filter((p): p is string => !!p);
  return `{"generatedAt":${JSON.stringify(snapshot.generatedAt)},"targets":[${parts.join(',')}]}`;
}

/** Load shifting on the forecast: what moving `shift` of the peak-window energy to off-peak hours would save. */
export async function optimization(engine: Engine, query: URLSearchParams) {
  const shift = fractionOf(query, 'shift', 0.2, 'the fraction of peak energy to move, 0 to 1');
  const now = engine.clock();
  const site = engine.config.site;
  const recs = engine.recommendations;
  const loadShift = [];
  for (const { rt, horizonMs: h, pue } of energyTargets(engine, query)) {
    const stepMs = rt.target.stepMs;
    const fitted = [...rt.states.values()].filter((s) => s.forecast);
    const series = await mapInSlices(fitted, (s) => {
      const energy = bandEnergy(pathColumns(forecastPath(s, now, h)), stepMs, pue);
      const r = loadShiftSavings(energy.stepMiddles, energy.kWh.mean, site.tariff as Tariff, shift, site.timeZone);
      return {
        labels: s.labels,
        horizonHours: h / MS_PER_HOUR,
        shiftedKWh: r.shiftedKWh,
        savings: r.savings,
        costBefore: r.costBefore,
        costAfter: r.costAfter,
      };
    });
    loadShift.push({ target: rt.target.name, ...freshness(engine, rt, now), series });
  }
  return {
    generatedAt: new Date(now).toISOString(),
    shift,
    currency: site.currency,
    recommendations: {
      computedAt: isoOrNull(engine.recommendationsAt),
      count: recs.length,
      kWhPerMonth: recs.reduce((a, r) => a + r.kWhPerMonth, 0),
      kgCO2ePerMonth: recs.reduce((a, r) => a + r.kgCO2ePerMonth, 0),
      moneyPerMonth: recs.reduce((a, r) => a + r.moneyPerMonth, 0),
    },
    loadShift,
  };
}

/** The engine's latest output of the recommendation rules (computed on its own schedule, `recommendations.every`). */
export function recommendationsOf(engine: Engine, category: 'energy' | 'infrastructure') {
  return {
    category,
    computedAt: isoOrNull(engine.recommendationsAt),
    configured: roleTargetNames(engine.config.recommendations).length > 0,
    recommendations: engine.recommendations.filter((r) => r.category === category),
  };
}
