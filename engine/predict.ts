// /api/ai/predict/{consumption,emissions,costs}: forecasts shaped into energy, emissions and costs with the site
// settings, series by series in slices so a large target does not hold the event loop.
import { isEnergyKind } from './config';
import { Engine } from './engine';
import { freshness, horizonOf, isoOrNull, selectTargets } from './apiParams';
import { costOfEnergy, kgCO2e, Tariff } from './ml';
import { monthBounds } from './schedule';
import { BOUNDS, Bound, monthEnergyForecast } from './shaping';
import { forecastAt, SeriesState } from './series';
import { mapInSlices } from './slices';

export type PredictKind = 'consumption' | 'emissions' | 'costs';

type PathPoint = { t: number } & Record<Bound, number>;

/** Forecast points from now to now + h at the series' step, level correction included. */
export function forecastPath(state: SeriesState, now: number, h: number): PathPoint[] {
  const f = state.forecast;
  if (!f) {
    return [];
  }
  const out: PathPoint[] = [];
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

function energyOf(points: PathPoint[], stepMs: number): Record<Bound, number> {
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

export async function predict(engine: Engine, kind: PredictKind, query: URLSearchParams) {
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
  // Validate every horizon before any work.
  const horizons = targets.map((rt) => horizonOf(rt, query));
  const out = [];
  for (const [i, rt] of targets.entries()) {
    const h = horizons[i];
    const stepMs = rt.target.stepMs;
    // Facility-scope targets already include cooling and losses; IT targets are scaled by the PUE.
    const pue = rt.target.scope === 'facility' ? 1 : site.pue;
    const series = await mapInSlices([...rt.states.values()], (s) => {
      const points = forecastPath(s, now, h);
      const itKWh = energyOf(points, stepMs);
      const month = monthEnergyForecast(s, monthEnd);
      const base = { labels: s.labels, method: s.forecast?.method ?? null, fittedAt: isoOrNull(s.fittedAt) };
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
          monthKgCO2e: month && { mean: perKWh(month.mean), lower: perKWh(month.lower), upper: perKWh(month.upper) },
        };
      }
      // Each step priced by the tariff window at its middle.
      const mids = points.map((p) => p.t - stepMs / 2);
      const costs = Object.fromEntries(
        BOUNDS.map((b) => [
          b,
          costOfEnergy(
            mids,
            points.map((p) => (p[b] * stepMs * pue) / 3.6e9),
            tariff,
            site.timeZone
          ),
        ])
      ) as Record<Bound, ReturnType<typeof costOfEnergy>>;
      const avgPrice =
        costs.mean.peakKWh + costs.mean.offPeakKWh > 0
          ? costs.mean.total / (costs.mean.peakKWh + costs.mean.offPeakKWh)
          : tariff.offPeakPricePerKWh;
      const observedCost = s.month
        ? pue * (s.month.peakKWh * tariff.peakPricePerKWh + (s.month.kWh - s.month.peakKWh) * tariff.offPeakPricePerKWh)
        : 0;
      const observedKWh = s.month?.kWh ?? 0;
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
          mean: observedCost + (month.mean - observedKWh) * pue * avgPrice,
          lower: observedCost + (month.lower - observedKWh) * pue * avgPrice,
          upper: observedCost + (month.upper - observedKWh) * pue * avgPrice,
        },
      };
    });
    out.push({
      target: rt.target.name,
      horizon:
        query.get('horizon') || rt.target.horizons[rt.target.horizonsMs.indexOf(Math.max(...rt.target.horizonsMs))],
      ...freshness(engine, rt, now),
      series,
    });
  }
  return {
    kind,
    generatedAt: new Date(now).toISOString(),
    site: { pue: site.pue, carbonIntensity: site.carbonIntensity, currency: site.currency, timeZone: site.timeZone },
    targets: out,
  };
}
