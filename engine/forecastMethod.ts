// The forecast methods a config may name, checked at load against what the ML core's forecast() accepts:
// `auto`, a model name, or `ensemble(a+b…)` of model names (the form auto's choice is written in).
import { didYouMean } from './didYouMean';
import { FORECAST_METHODS, readForecastMethod } from './ml';

const MODEL_NAMES = FORECAST_METHODS.filter((m) => m !== 'auto');

/** Why forecast() would refuse `method`, or undefined when it accepts it. */
export function forecastMethodProblem(method: string): string | undefined {
  const { choice, unknown } = readForecastMethod(method);
  if (unknown.length === 0) {
    return undefined;
  }
  if (choice.components) {
    const named = unknown.map((n) => `"${n}"${didYouMean(n, MODEL_NAMES)}`).join(', ');
    return `${method} combines unknown model ${named}; an ensemble combines ${MODEL_NAMES.join(', ')}`;
  }
  return (
    `unknown forecast method "${method}"${didYouMean(method, FORECAST_METHODS)}; ` +
    `use auto, one of ${MODEL_NAMES.join(', ')}, or ensemble(a+b) of them`
  );
}
