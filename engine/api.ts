// The JSON API mirroring the EcoTI dashboard's endpoints: request validation (400 with a message) and the
// shaping of forecasts into consumption, emissions and costs; no I/O here, the HTTP server calls handleApi.
import { forecastUnit, isEnergyKind } from './config';
import { parseDuration } from './duration';
import { Engine, TargetRuntime } from './engine';
import { costOfEnergy, kgCO2e, loadShiftSavings, Tariff, trend } from './ml';
import { monthBounds } from './schedule';
import { BOUNDS, Bound, monthEnergyForecast } from './shaping';
import { forecastAt, SeriesState } from './series';

export interface ApiResponse {
  status: number;
  body: unknown;
}

class BadRequest extends Error {}

const bad = (message: string): never => {
  throw new BadRequest(message);
};

/** Routes GET requests; every error is a JSON body with `error`. */
export function handleApi(engine: Engine, method: string, path: string, query: URLSearchParams): ApiResponse {
  try {
    if (method !== 'GET') {
      return { status: 405, body: { error: `${method} is not supported; the EcoTI engine API is read-only (GET).` } };
    }
    switch (path) {
      case '/healthz':
        return { status: 200, body: { status: 'ok' } };
      case '/readyz':
        return readiness(engine);
      case '/api/ai/predict/consumption':
      case '/api/ai/predict/emissions':
      case '/api/ai/predict/costs':
        return {
          status: 200,
          body: predict(engine, path.split('/').pop() as 'consumption' | 'emissions' | 'costs', query),
        };
      case '/api/ai/insights/anomalies':
        return { status: 200, body: anomalies(engine, query) };
      case '/api/ai/insights/trends':
        return { status: 200, body: trends(engine, query) };
      case '/api/ai/insights/optimization':
        return { status: 200, body: optimization(engine, query) };
      case '/api/ai/recommendations/energy':
      case '/api/ai/recommendations/infrastructure':
        return { status: 200, body: recommendationsOf(engine, path.endsWith('energy') ? 'energy' : 'infrastructure') };
      default:
        return { status: 404, body: { error: `no such endpoint ${path}`, endpoints: ENDPOINTS } };
    }
  } catch (e) {
    if (e instanceof BadRequest) {
      return { status: 400, body: { error: e.message } };
    }
    return { status: 500, body: { error: `internal error: ${(e as Error).message}` } };
  }
}

const ENDPOINTS = [
  '/api/ai/predict/consumption?target=&horizon=',
  '/api/ai/predict/emissions?target=&horizon=',
  '/api/ai/predict/costs?target=&horizon=',
  '/api/ai/insights/anomalies?target=&minScore=',
  '/api/ai/insights/trends?target=',
  '/api/ai/insights/optimization?target=&horizon=&shift=',
  '/api/ai/recommendations/energy',
  '/api/ai/recommendations/infrastructure',
  '/healthz',
  '/readyz',
];

function readiness(engine: Engine): ApiResponse {
  const now = engine.clock();
  const targets = engine.targets.map((rt) => ({
    target: rt.target.name,
    ready: rt.ready,
    stale: engine.isStale(rt, now),
    series: rt.states.size,
    lastSuccess: Number.isFinite(rt.lastSuccess) ? new Date(rt.lastSuccess).toISOString() : null,
    lastError: rt.lastError ?? null,
  }));
  const ready = targets.every((t) => t.ready);
  return { status: ready ? 200 : 503, body: { ready, targets } };
}

/** The targets a request names (or all that fit), with the 400s for unknown or unsuitable ones. */
function selectTargets(
  engine: Engine,
  query: URLSearchParams,
  fits: (rt: TargetRuntime) => boolean,
  what: string
): TargetRuntime[] {
  const name = query.get('target');
  if (name === null || name === '') {
    return engine.targets.filter(fits);
  }
  const rt = engine.target(name);
  if (!rt) {
    return bad(`unknown target "${name}"; known targets: ${engine.targets.map((t) => t.target.name).join(', ')}`);
  }
  if (!fits(rt)) {
    return bad(`target "${name}" is ${rt.target.kind}; this endpoint needs ${what}`);
  }
  return [rt];
}

function horizonOf(rt: TargetRuntime, query: URLSearchParams, now: number): number {
  const longest = Math.max(...rt.target.horizonsMs);
  const text = query.get('horizon');
  if (text === null || text === '') {
    return longest;
  }
  const h = parseDuration(text);
  if (h === undefined || h <= 0) {
    return bad(`horizon "${text}" is not a duration such as 1h, 24h or 7d`);
  }
  if (h > longest) {
    return bad(
      `horizon ${text} is beyond the longest horizon configured for target ${rt.target.name} (${rt.target.horizons.join(', ')})`
    );
  }
  void now;
  return h;
}

function freshness(engine: Engine, rt: TargetRuntime, now: number) {
  return {
    stale: engine.isStale(rt, now),
    lastSuccess: Number.isFinite(rt.lastSuccess) ? new Date(rt.lastSuccess).toISOString() : null,
  };
}

/** Forecast points from now to now + h at the series' step, level correction included. */
function path(state: SeriesState, now: number, h: number): Array<{ t: number } & Record<Bound, number>> {
  const f = state.forecast;
  if (!f) {
    return [];
  }
  const out: Array<{ t: number } & Record<Bound, number>> = [];
  const first = f.origin + Math.max(1, Math.ceil((now - f.origin) / f.stepMs)) * f.stepMs;
  for (let t = first; t <= now + h; t += f.stepMs) {
    const p = forecastAt(state, t);
    if (!p) {
      break;
    }
    out.push({ t, ...p });
  }
  return out;
}

function energyOf(points: ReturnType<typeof path>, stepMs: number): Record<Bound, number> {
  const e = { mean: 0, lower: 0, upper: 0 };
  for (const p of points) {
    for (const b of BOUNDS) {
      e[b] += (p[b] * stepMs) / 3.6e9;
    }
  }
  return e;
}

function scale(e: Record<Bound, number>, k: number): Record<Bound, number> {
  return { mean: e.mean * k, lower: e.lower * k, upper: e.upper * k };
}

function predict(engine: Engine, kind: 'consumption' | 'emissions' | 'costs', query: URLSearchParams) {
  const now = engine.clock();
  const site = engine.config.site;
  const tariff = site.tariff as Tariff;
  const { end: monthEnd } = monthBounds(now, site.timeZone);
  const targets = selectTargets(
    engine,
    query,
    (rt) => isEnergyKind(rt.target.kind),
    'a power or energy counter target'
  );
  return {
    kind,
    generatedAt: new Date(now).toISOString(),
    site: { pue: site.pue, carbonIntensity: site.carbonIntensity, currency: site.currency, timeZone: site.timeZone },
    targets: targets.map((rt) => {
      const h = horizonOf(rt, query, now);
      // Facility-scope targets already include cooling and losses; IT targets are scaled by the PUE.
      const pue = rt.target.scope === 'facility' ? 1 : site.pue;
      return {
        target: rt.target.name,
        horizon:
          query.get('horizon') || rt.target.horizons[rt.target.horizonsMs.indexOf(Math.max(...rt.target.horizonsMs))],
        ...freshness(engine, rt, now),
        series: [...rt.states.values()].map((s) => {
          const points = path(s, now, h);
          const itKWh = energyOf(points, rt.target.stepMs);
          const month = monthEnergyForecast(s, monthEnd);
          const base = {
            labels: s.labels,
            method: s.forecast?.method ?? null,
            fittedAt: Number.isFinite(s.fittedAt) ? new Date(s.fittedAt).toISOString() : null,
          };
          if (kind === 'consumption') {
            return {
              ...base,
              unit: 'W',
              points,
              energyKWh: itKWh,
              facilityEnergyKWh: scale(itKWh, pue),
              month: month && {
                observedKWh: s.month?.kWh ?? 0,
                forecastKWh: month,
                budgetKWh: rt.target.budget?.kWhPerMonth ?? null,
              },
            };
          }
          if (kind === 'emissions') {
            const perKWh = (x: number) => kgCO2e(x * pue, site.carbonIntensity);
            return {
              ...base,
              unit: 'kgCO2e',
              horizonKgCO2e: { mean: perKWh(itKWh.mean), lower: perKWh(itKWh.lower), upper: perKWh(itKWh.upper) },
              monthKgCO2e: month && {
                mean: perKWh(month.mean),
                lower: perKWh(month.lower),
                upper: perKWh(month.upper),
              },
            };
          }
          const costs = Object.fromEntries(
            BOUNDS.map((b) => {
              const kWh = points.map((p) => (p[b] * rt.target.stepMs * pue) / 3.6e9);
              // Price each step by the tariff window at its middle.
              return [
                b,
                costOfEnergy(
                  points.map((p) => p.t - rt.target.stepMs / 2),
                  kWh,
                  tariff,
                  site.timeZone
                ),
              ];
            })
          ) as Record<Bound, ReturnType<typeof costOfEnergy>>;
          const avgPrice =
            costs.mean.peakKWh + costs.mean.offPeakKWh > 0
              ? costs.mean.total / (costs.mean.peakKWh + costs.mean.offPeakKWh)
              : tariff.offPeakPricePerKWh;
          const observedCost = s.month
            ? pue *
              (s.month.peakKWh * tariff.peakPricePerKWh + (s.month.kWh - s.month.peakKWh) * tariff.offPeakPricePerKWh)
            : 0;
          return {
            ...base,
            unit: site.currency,
            horizonCost: {
              mean: costs.mean.total,
              lower: costs.lower.total,
              upper: costs.upper.total,
              peakShare: costs.mean.total > 0 ? costs.mean.peak / costs.mean.total : 0,
            },
            // Rest of the month priced at the forecast horizon's average price (its peak/off-peak mix).
            monthCost: month && {
              observed: observedCost,
              mean: observedCost + (month.mean - (s.month?.kWh ?? 0)) * pue * avgPrice,
              lower: observedCost + (month.lower - (s.month?.kWh ?? 0)) * pue * avgPrice,
              upper: observedCost + (month.upper - (s.month?.kWh ?? 0)) * pue * avgPrice,
            },
          };
        }),
      };
    }),
  };
}

function anomalies(engine: Engine, query: URLSearchParams) {
  const text = query.get('minScore');
  const minScore = text === null || text === '' ? 0.5 : Number(text);
  if (!(minScore >= 0 && minScore <= 1)) {
    bad(`minScore must be a number from 0 to 1, got "${text}"`);
  }
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

function trends(engine: Engine, query: URLSearchParams) {
  const now = engine.clock();
  const targets = selectTargets(engine, query, () => true, 'any target');
  return {
    generatedAt: new Date(now).toISOString(),
    targets: targets.map((rt) => ({
      target: rt.target.name,
      unit: `${forecastUnit(rt.target.kind)}_per_day`,
      ...freshness(engine, rt, now),
      series: [...rt.states.values()]
        .filter((s) => s.history.length > 1)
        .map((s) => {
          const t = trend(s.history.toSeries());
          return {
            labels: s.labels,
            slopePerDay: t.slopePerDay,
            lower: t.lower,
            upper: t.upper,
            changepoints: t.changepoints.map((c) => new Date(c).toISOString()),
          };
        }),
    })),
  };
}

/** Load shifting on the forecast: what moving `shift` of the peak-window energy to off-peak hours would save. */
function optimization(engine: Engine, query: URLSearchParams) {
  const text = query.get('shift');
  const shift = text === null || text === '' ? 0.2 : Number(text);
  if (!(shift >= 0 && shift <= 1)) {
    bad(`shift must be the fraction of peak energy to move, 0 to 1, got "${text}"`);
  }
  const now = engine.clock();
  const site = engine.config.site;
  const targets = selectTargets(
    engine,
    query,
    (rt) => isEnergyKind(rt.target.kind),
    'a power or energy counter target'
  );
  const recs = engine.recommendations;
  return {
    generatedAt: new Date(now).toISOString(),
    shift,
    currency: site.currency,
    recommendations: {
      computedAt: Number.isFinite(engine.recommendationsAt) ? new Date(engine.recommendationsAt).toISOString() : null,
      count: recs.length,
      kWhPerMonth: recs.reduce((a, r) => a + r.kWhPerMonth, 0),
      kgCO2ePerMonth: recs.reduce((a, r) => a + r.kgCO2ePerMonth, 0),
      moneyPerMonth: recs.reduce((a, r) => a + r.moneyPerMonth, 0),
    },
    loadShift: targets.map((rt) => {
      const h = horizonOf(rt, query, now);
      const pue = rt.target.scope === 'facility' ? 1 : site.pue;
      return {
        target: rt.target.name,
        ...freshness(engine, rt, now),
        series: [...rt.states.values()]
          .filter((s) => s.forecast)
          .map((s) => {
            const points = path(s, now, h);
            const kWh = points.map((p) => (p.mean * rt.target.stepMs * pue) / 3.6e9);
            const r = loadShiftSavings(
              points.map((p) => p.t - rt.target.stepMs / 2),
              kWh,
              site.tariff as Tariff,
              shift,
              site.timeZone
            );
            return {
              labels: s.labels,
              horizonHours: h / 3.6e6,
              shiftedKWh: r.shiftedKWh,
              savings: r.savings,
              costBefore: r.costBefore,
              costAfter: r.costAfter,
            };
          }),
      };
    }),
  };
}

function recommendationsOf(engine: Engine, category: 'energy' | 'infrastructure') {
  const roles = engine.config.recommendations;
  const configured = [
    roles.cpuTarget,
    roles.powerTarget,
    roles.inletTemperatureTarget,
    roles.facilityPowerTarget,
    roles.itPowerTarget,
  ].some(Boolean);
  return {
    category,
    computedAt: Number.isFinite(engine.recommendationsAt) ? new Date(engine.recommendationsAt).toISOString() : null,
    configured,
    recommendations: engine.recommendations.filter((r) => r.category === category),
  };
}
