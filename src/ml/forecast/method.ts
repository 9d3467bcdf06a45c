// The `method` option's syntax, read and written in this one place: `auto`, a model name, or
// `ensemble(a+b…)` of model names. Callers build it from a typed choice and never take it apart themselves.
import { ForecastModelChoice } from '../types';
import { MODELS } from './candidates';
import { didYouMean } from '../text/didYouMean';

/** How forecast() reads a method option, with the model names it does not know. */
export interface ForecastMethodReading {
  /** name 'auto', a model name, or 'ensemble' with its members in `components`. */
  choice: ForecastModelChoice;
  /** Names forecast() would refuse (empty when it accepts the method). */
  unknown: string[];
}

const ENSEMBLE = 'ensemble';

/** The method option that refits `model` as it is, without auto's search. */
export function forecastMethodFor(model: ForecastModelChoice): string {
  return model.name === ENSEMBLE && model.components ? `${ENSEMBLE}(${model.components.join('+')})` : model.name;
}

/** Reads a method option as forecast() does. */
export function readForecastMethod(method: string): ForecastMethodReading {
  if (method === 'auto') {
    return { choice: { name: 'auto' }, unknown: [] };
  }
  const members = ensembleMembers(method);
  if (members) {
    return { choice: { name: ENSEMBLE, components: members }, unknown: members.filter((m) => !isModel(m)) };
  }
  return { choice: { name: method }, unknown: isModel(method) ? [] : [method] };
}

/** Own properties only: "__proto__", "toString" or "constructor" are unknown methods, not Object's. */
function isModel(name: string): boolean {
  return Object.hasOwn(MODELS, name);
}

function ensembleMembers(method: string): string[] | undefined {
  const open = `${ENSEMBLE}(`;
  if (!method.startsWith(open) || !method.endsWith(')') || method.length <= open.length + 1) {
    return undefined;
  }
  return method.slice(open.length, -1).split('+');
}

/**
 * Why forecast() would refuse `method`, or undefined when it accepts it: one message for the engine's config and
 * the data source's query editor, naming the unknown models and the closest known name.
 */
export function forecastMethodProblem(method: string): string | undefined {
  const { choice, unknown } = readForecastMethod(method);
  if (unknown.length === 0) {
    return undefined;
  }
  const models = Object.keys(MODELS);
  if (choice.components) {
    const named = unknown.map((n) => `"${n}"${didYouMean(n, models)}`).join(', ');
    return `${method} combines unknown model ${named}; an ensemble combines ${models.join(', ')}`;
  }
  return (
    `unknown forecast method "${method}"${didYouMean(method, ['auto', ...models])}; ` +
    `use auto, one of ${models.join(', ')}, or ensemble(a+b) of them`
  );
}
