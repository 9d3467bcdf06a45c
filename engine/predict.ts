// /api/ai/predict/{consumption,emissions,costs}: forecasts shaped into energy, emissions and costs with the site
// settings, series by series in slices so a large target does not hold the event loop.
import { Engine } from './engine';
import { energyTargets, freshness, isoOrNull } from './apiParams';
import {
  bandCost,
  bandEmissions,
  bandEnergy,
  bandKWh,
  Bound,
  costOfSplit,
  facilityKWh,
  PerBound,
  perBound,
  Tariff,
} from './ml';
import { monthBounds } from './schedule';
import { monthEnergyForecast } from './shaping';
import { forecastPath, pathColumns } from './forecastPath';
import { mapInSlices } from './slices';

export { forecastPath };

export type PredictKind = 'consumption' | 'emissions' | 'costs';

export async function predict(engine: Engine, kind: PredictKind, query: URLSearchParams) {
  const now = engine.clock();
  const site = engine.config.site;
  const tariff = site.tariff as Tariff;
  const { end: monthEnd } = monthBounds(now, site.timeZone);
  const out = [];
  for (const { rt, horizonMs: h, pue } of energyTargets(engine, query)) {
    const stepMs = rt.target.stepMs;
    const facility = (kWh: PerBound<number>) => perBound((b) => facilityKWh(kWh[b], pue));
    const series = await mapInSlices([...rt.states.values()], (s) => {
      const points = forecastPath(s, now, h);
      const band = pathColumns(points);
      const month = monthEnergyForecast(s, monthEnd);
      const base = { labels: s.labels, method: s.forecast?.method ?? null, fittedAt: isoOrNull(s.fittedAt) };
      if (kind === 'consumption') {
        return {
          ...base,
          unit: 'W',
          points,
          energyKWh: bandKWh(band, stepMs),
          facilityEnergyKWh: bandKWh(band, stepMs, pue),
          month: month && {
            observedKWh: s.month?.kWh ?? 0,
            forecastKWh: month,
            budgetKWh: rt.target.budget?.kWhPerMonth ?? null,
          },
        };
      }
      if (kind === 'emissions') {
        return {
          ...base,
          unit: 'kgCO2e',
          horizonKgCO2e: bandEmissions(bandKWh(band, stepMs, pue), site.carbonIntensity),
          monthKgCO2e: month && bandEmissions(facility(month), site.carbonIntensity),
        };
      }
      const costs = bandCost(bandEnergy(band, stepMs, pue), tariff, site.timeZone);
      const avgPrice =
        costs.mean.peakKWh + costs.mean.offPeakKWh > 0
          ? costs.mean.total / (costs.mean.peakKWh + costs.mean.offPeakKWh)
          : tariff.offPeakPricePerKWh;
      const observedCost = s.month
        ? costOfSplit(facilityKWh(s.month.peakKWh, pue), facilityKWh(s.month.kWh - s.month.peakKWh, pue), tariff)
        : 0;
      const observedKWh = s.month?.kWh ?? 0;
      const rest = (b: Bound) => facilityKWh(month![b] - observedKWh, pue) * avgPrice;
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
          mean: observedCost + rest('mean'),
          lower: observedCost + rest('lower'),
          upper: observedCost + rest('upper'),
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
