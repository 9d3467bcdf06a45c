// forecast()'s options checked before any work: a clear EcotiMlError for a wrong type or an out-of-range value.
import { EcotiMlError, ForecastOptions } from '../types';
import { checkOptionType, kindOf, show } from '../hygiene/checkInput';

const DEFAULT_LEVEL = 0.95;
/** Longest forecast, in steps (exported through the index as MAX_FORECAST_HORIZON). */
export const MAX_HORIZON = 100_000;

export function validateOptions(options: ForecastOptions) {
  if (options === null || typeof options !== 'object') {
    throw new EcotiMlError('BAD_OPTION', `Forecast options must be an object with a horizon, got ${kindOf(options)}.`);
  }
  const horizon = options.horizon;
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > MAX_HORIZON) {
    throw new EcotiMlError(
      'BAD_OPTION',
      `horizon must be a whole number of steps from 1 to ${MAX_HORIZON}, got ${show(horizon)}.`
    );
  }
  checkOptionType(options.level, 'number', 'level');
  const level = options.level ?? DEFAULT_LEVEL;
  if (!(level > 0 && level < 1)) {
    throw new EcotiMlError('BAD_OPTION', `level must be between 0 and 1 (e.g. 0.95), got ${show(level)}.`);
  }
  checkOptionType(options.method, 'string', 'method');
  const seasonalities = options.seasonalities;
  if (seasonalities !== undefined && !Array.isArray(seasonalities)) {
    throw new EcotiMlError(
      'BAD_OPTION',
      `seasonalities must be an array of periods in steps, got ${kindOf(seasonalities)}.`
    );
  }
  return { horizon, level, method: options.method ?? 'auto', seasonalities };
}
