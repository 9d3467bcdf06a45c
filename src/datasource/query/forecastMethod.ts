// The forecast methods a query may name, as the ML core's forecast() reads them: `auto`, a model
// in FORECAST_METHODS, or `ensemble(a+b…)` of models (the form auto reports its choice in).
import { FORECAST_METHODS, readForecastMethod } from '../../ml';

const MODEL_NAMES = FORECAST_METHODS.filter((m) => m !== 'auto');

/** Why forecast() would refuse `method`, or undefined when it takes it. */
export function forecastMethodProblem(method: string): string | undefined {
  const { choice, unknown } = readForecastMethod(method);
  if (unknown.length === 0) {
    return undefined;
  }
  if (choice.components) {
    return `Method "${method}" combines unknown models (${unknown.map((n) => `"${n}"`).join(', ')}): an ensemble combines ${MODEL_NAMES.join(', ')}.`;
  }
  return `Unknown method "${method}": use ${FORECAST_METHODS.join(', ')}, or ensemble(a+b) of the models.`;
}
