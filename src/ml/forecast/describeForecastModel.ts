// The one display label of a forecast's typed description (`Forecast.method`): the model, then its notes and
// any fallback in brackets, e.g. "seasonal-naive (3 missing step(s); fallback: 40 points are too few for mstl)".
import { Forecast, ForecastFallback } from '../types';
import { forecastMethodFor } from './method';

export function describeForecastModel(forecast: Pick<Forecast, 'model' | 'notes' | 'fallback'>): string {
  const parts = forecast.notes.map((n) => n.message);
  if (forecast.fallback) {
    parts.push(describeFallback(forecast.fallback));
  }
  const name = forecastMethodFor(forecast.model);
  return parts.length ? `${name} (${parts.join('; ')})` : name;
}

export function describeFallback(fallback: ForecastFallback): string {
  const from = fallback.from;
  if (fallback.reason === 'not-converged') {
    return `fallback: ${forecastMethodFor(from)} did not converge`;
  }
  return from.name === 'auto'
    ? `fallback: ${fallback.points} points are too few to backtest`
    : `fallback: ${fallback.points} points are too few for ${forecastMethodFor(from)}`;
}
