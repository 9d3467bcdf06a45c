// forecast(): data hygiene, season detection, model choice by rolling-origin backtest, and
// intervals calibrated on the backtest's out-of-sample errors. The one place models are orchestrated.
import {
  EcotiMlError,
  Forecast,
  ForecastChallenge,
  ForecastChallenger,
  ForecastFallback,
  ForecastModelChoice,
  ForecastNote,
  ForecastOptions,
  Series,
} from '../types';
import { regularize, RegularSeries } from '../hygiene/regularize';
import { fillGaps } from '../hygiene/fillGaps';
import { detectSeasonalities } from '../seasonality/detectSeasonalities';
import { MODELS } from './candidates';
import { ForecastModel } from './models/model';
import { BacktestPlan, independentBlocks, originWeights, planBacktest, runBacktest } from './backtest';
import { Band, withSeasonalSpread, calibrateBand, naiveBand } from './intervals';
import { AUTO_SETTINGS, AutoSettings } from './autoSettings';
import { checkOptionType, kindOf, show } from '../hygiene/checkInput';
import { MAX_MODELLED_MAGNITUDE, modelledValues } from '../hygiene/magnitude';
import { chooseCombination } from './chooseCombination';
import { average, relativeError, subtract } from './combine';
import { describeForecastModel } from './describeForecastModel';
import { readForecastMethod } from './method';

const DEFAULT_LEVEL = 0.95;
/** Longest forecast, in steps (exported through the index as MAX_FORECAST_HORIZON). */
export const MAX_HORIZON = 100_000;
/** Step assumed for a single point, which has no step of its own. */
const SINGLE_POINT_STEP_MS = 60_000;
/**
 * Longest history fitted. Older points barely change a forecast but cost time in every viewer's
 * browser; this still holds three weekly cycles at a 2-minute step.
 */
export const MAX_TRAINING_POINTS = 30_000;

/**
 * With a `challenger` and method auto, the challenger is backtested at auto's origins and used when its weighted
 * error is lower than auto's choice's; with `method: challenger.name` it is used alone. Either way its band is
 * calibrated on its own backtest errors, as auto's is.
 */
export function forecast(series: Series, options: ForecastOptions, challenger?: ForecastChallenger): Forecast {
  return forecastWith(series, options, AUTO_SETTINGS, challenger);
}

/** forecast() with other settings for `auto`: for the cross-validation that chooses them (bench/forecast/tune.ts). */
export function forecastWith(
  series: Series,
  options: ForecastOptions,
  settings: AutoSettings,
  challenger?: ForecastChallenger
): Forecast {
  const { horizon, level, method, seasonalities } = validateOptions(options);
  const full = regularize(series);
  const notes = [...full.repairs];
  const grid = tail(full, MAX_TRAINING_POINTS, notes);
  // Models fit a copy scaled by a power of two when values near ±1e300 would overflow their squares.
  const modelled = modelledValues(grid.values);
  const values = modelled.values as Float64Array;
  if (modelled.clipped > 0) {
    notes.push({
      code: 'values-clipped',
      count: modelled.clipped,
      message: `${modelled.clipped} extreme value(s) clipped to ${MAX_MODELLED_MAGNITUDE} × the series' typical size`,
    });
  }
  const firstFill = fillGaps(values);
  if (!firstFill) {
    throw new EcotiMlError('EMPTY_SERIES', 'The series has no observed values to forecast from.');
  }
  const step = grid.step > 0 ? grid.step : SINGLE_POINT_STEP_MS;
  const periods = (seasonalities ?? detectSeasonalities(firstFill, grid.step)).filter(
    (p) => Number.isInteger(p) && p > 1 && p <= firstFill.length / 2
  );
  // Refill long gaps with the season's shape now that the season is known.
  const y = periods.length ? (fillGaps(values, periods[0]) ?? firstFill) : firstFill;

  const lastT = grid.start + (grid.values.length - 1) * step;
  const timing: Timing = { start: grid.start, step };
  const result =
    method === 'auto'
      ? fitAuto(y, periods, horizon, level, settings, challenger && { challenger, ...timing })
      : challenger && method === challenger.name
        ? fitChallenger({ challenger, ...timing }, y, periods, horizon, level, settings)
        : fitNamed(method, y, periods, horizon, level, settings);
  const timestamps = new Array<number>(horizon);
  const mean = new Array<number>(horizon);
  const lower = new Array<number>(horizon);
  const upper = new Array<number>(horizon);
  const k = modelled.factor;
  for (let h = 0; h < horizon; h++) {
    timestamps[h] = lastT + (h + 1) * step;
    mean[h] = result.mean[h] / k;
    lower[h] = mean[h] - result.band.below[h] / k;
    upper[h] = mean[h] + result.band.above[h] / k;
  }
  checkRepresentable(timestamps, lower, upper);
  const described: Pick<Forecast, 'model' | 'notes' | 'fallback'> = {
    model: { ...result.choice, seasonalities: [...periods] },
    notes,
    ...(result.fallback ? { fallback: result.fallback } : {}),
  };
  return {
    ...(result.challenge ? { challenge: result.challenge } : {}),
    timestamps,
    mean,
    lower,
    upper,
    method: describeForecastModel(described),
    seasonalities: periods,
    ...described,
  };
}

/** A band beyond ±1.8e308 (a series near the largest double, trending outwards) cannot be returned. */
function checkRepresentable(timestamps: number[], lower: number[], upper: number[]): void {
  for (let h = 0; h < timestamps.length; h++) {
    if (!Number.isFinite(lower[h]) || !Number.isFinite(upper[h])) {
      throw new EcotiMlError(
        'OUT_OF_RANGE',
        `The forecast band at step ${h + 1} reaches beyond ±1.8e308, the largest number a double holds: ` +
          'forecast the series in a larger unit (e.g. MWh instead of J).'
      );
    }
    if (!Number.isFinite(timestamps[h])) {
      throw new EcotiMlError(
        'OUT_OF_RANGE',
        `The forecast's timestamps run past the largest number: shorten the horizon.`
      );
    }
  }
}

function tail(grid: RegularSeries, max: number, notes: ForecastNote[]): RegularSeries {
  const n = grid.values.length;
  if (n <= max) {
    return grid;
  }
  notes.push({ code: 'history-truncated', count: n - max, message: `trained on the last ${max} of ${n} steps` });
  return { ...grid, start: grid.start + (n - max) * grid.step, values: grid.values.subarray(n - max) };
}

interface Fitted {
  choice: ForecastModelChoice;
  mean: Float64Array;
  /** Distances from the mean to the prediction band's edges at each step. */
  band: Band;
  fallback?: ForecastFallback;
  challenge?: ForecastChallenge;
}

/** Where the modelled values sit in time: index i is at start + i·step (ms). */
interface Timing {
  start: number;
  step: number;
}

type TimedChallenger = Timing & { challenger: ForecastChallenger };

/**
 * A named method, or an ensemble as forecastMethodFor() writes auto's choice ("ensemble(seasonal-mean+mstl)"),
 * so that a caller which refits often (the engine) can reuse auto's choice without its search. Its band is
 * calibrated as auto's is, on a backtest of the same origins.
 */
function fitNamed(
  method: string,
  y: Float64Array,
  periods: number[],
  horizon: number,
  level: number,
  settings: AutoSettings
): Fitted {
  const { choice, unknown } = readForecastMethod(method);
  if (unknown.length > 0) {
    throw new EcotiMlError(
      'BAD_OPTION',
      `Unknown forecast method "${unknown[0]}"; use auto, one of ${Object.keys(MODELS).join(', ')}, or ensemble(a+b).`
    );
  }
  const models = (choice.components ?? [choice.name]).map((name) => MODELS[name]);
  const minLength = Math.max(...models.map((m) => m.minLength(periods)));
  if (y.length < minLength) {
    return fitFallback(y, periods, horizon, level, { from: choice, reason: 'too-short', points: y.length });
  }
  const fits = models.map((model) => ({ model, fitted: model.fit(y, periods) }));
  const mean = average(fits.map((f) => f.fitted.predict(horizon)));
  const plan = planBacktest(
    y.length,
    horizon,
    Math.max(minLength, Math.ceil(y.length * settings.backtestFrom)),
    settings.maxOrigins
  );
  if (!plan) {
    return finite({ choice, mean, band: naiveBand(y, horizon, level) }, y, periods, horizon, level);
  }
  const naive = MODELS['seasonal-naive'];
  const bt = runBacktest(
    y,
    periods,
    [...fits.map((f) => ({ model: f.model, params: f.fitted.params })), { model: naive, params: null }],
    plan
  );
  const errors = subtract(average(bt.forecasts.slice(0, fits.length)), bt.actuals);
  const relative = relativeError(errors, subtract(bt.forecasts[fits.length], bt.actuals));
  const band = calibratedBand(errors, y, periods, plan, horizon, level, relative, settings);
  return finite({ choice, mean, band }, y, periods, horizon, level);
}

function fitAuto(
  y: Float64Array,
  periods: number[],
  horizon: number,
  level: number,
  settings: AutoSettings,
  challenger?: TimedChallenger
): Fitted {
  const usable = settings.candidates.map((name) => MODELS[name]).filter((m) => y.length >= m.minLength(periods));
  const minTrain = Math.max(...usable.map((m) => m.minLength(periods)), Math.ceil(y.length * settings.backtestFrom));
  const plan = planBacktest(y.length, horizon, minTrain, settings.maxOrigins);
  if (!plan || usable.length === 0) {
    const fallback: ForecastFallback = { from: { name: 'auto' }, reason: 'too-short', points: y.length };
    return fitFallback(y, periods, horizon, level, fallback);
  }
  const fits = usable.map((model) => ({ model, fitted: model.fit(y, periods) }));
  const bt = runBacktest(
    y,
    periods,
    fits.map((f) => ({ model: f.model, params: f.fitted.params })),
    plan
  );
  // Every candidate is scored alone, then ensembles of the best few; the best combination is used.
  const weights = originWeights(y, periods, plan, settings.loss, settings.halfLife);
  const best = chooseCombination(bt.forecasts, bt.actuals, plan.horizon, {
    maxEnsemble: settings.maxEnsemble,
    shortlist: settings.shortlist,
    originWeights: weights,
  });
  const chosen = best.members;
  const naiveIndex = fits.findIndex((f) => f.model === MODELS['seasonal-naive']);
  const naiveErrors = naiveIndex >= 0 ? subtract(bt.forecasts[naiveIndex], bt.actuals) : undefined;
  let challenge: ForecastChallenge | undefined;
  if (challenger) {
    // Both are scored at the origins where the challenger could forecast (its window may be longer than the
    // history before the first origins).
    const scored = challengerBacktest(challenger, y, plan, bt.actuals);
    const kept = scored?.kept ?? Array.from(plan.origins.keys());
    const autoErrors = subtract(average(chosen.map((i) => bt.forecasts[i])), bt.actuals);
    const autoError = weightedError(
      pickOrigins(autoErrors, kept, plan.horizon),
      plan.horizon,
      pickWeights(weights, kept)
    );
    const error = scored ? weightedError(scored.errors, plan.horizon, pickWeights(weights, kept)) : NaN;
    // The average of the two: their errors average too (both are forecast − actual at the same points).
    const averagedErrors = scored && average([scored.errors, pickOrigins(autoErrors, kept, plan.horizon)]);
    const averagedError =
      averagedErrors && settings.averageChallenger
        ? weightedError(averagedErrors, plan.horizon, pickWeights(weights, kept))
        : NaN;
    const averaged = averagedError < Math.min(error, autoError);
    const mean = error < autoError || averaged ? predictFinite(challenger, y, horizon) : null;
    challenge = {
      name: challenger.challenger.name,
      error,
      autoError,
      averagedError,
      used: mean !== null,
      averaged: mean !== null && averaged,
    };
    if (scored && mean) {
      const name = challenger.challenger.name;
      // Honest errors for the band: auto's part from the subset chosen without each origin.
      const errors = averaged
        ? average([scored.errors, pickOrigins(best.honestErrors, kept, plan.horizon)])
        : scored.errors;
      const names = chosen.map((i) => fits[i].model.name);
      const both = averaged ? average([mean, average(chosen.map((i) => fits[i].fitted.predict(horizon)))]) : mean;
      const relative = naiveErrors ? relativeError(errors, pickOrigins(naiveErrors, kept, plan.horizon)) : 1;
      const band = calibratedBand(errors, y, periods, scored.plan, horizon, level, relative, settings);
      const choice = averaged ? { name: 'ensemble', components: [...names, name] } : { name };
      // A non-finite band sends the forecast to the fallback, not back to auto: rare enough not to refit auto.
      return { ...finite({ choice, mean: both, band }, y, periods, horizon, level), challenge };
    }
  }
  const mean = average(chosen.map((i) => fits[i].fitted.predict(horizon)));
  const relative = naiveErrors ? relativeError(best.honestErrors, naiveErrors) : 1;
  const band = calibratedBand(best.honestErrors, y, periods, plan, horizon, level, relative, settings);
  const names = chosen.map((i) => fits[i].model.name);
  const choice = names.length === 1 ? { name: names[0] } : { name: 'ensemble', components: names };
  return { ...finite({ choice, mean, band }, y, periods, horizon, level), ...(challenge ? { challenge } : {}) };
}

/** The challenger alone, its band calibrated on its backtest at the origins a named model's would use. */
function fitChallenger(
  challenger: TimedChallenger,
  y: Float64Array,
  periods: number[],
  horizon: number,
  level: number,
  settings: AutoSettings
): Fitted {
  const choice = { name: challenger.challenger.name };
  const plan = planBacktest(y.length, horizon, Math.ceil(y.length * settings.backtestFrom), settings.maxOrigins);
  const mean = predictFinite(challenger, y, horizon);
  const scored = plan && challengerBacktest(challenger, y, plan, actualsOf(y, plan));
  if (!mean || !scored) {
    return fitFallback(y, periods, horizon, level, { from: choice, reason: 'too-short', points: y.length });
  }
  const naive = runBacktest(y, periods, [{ model: MODELS['seasonal-naive'], params: null }], scored.plan);
  const relative = relativeError(scored.errors, subtract(naive.forecasts[0], naive.actuals));
  const band = calibratedBand(scored.errors, y, periods, scored.plan, horizon, level, relative, settings);
  return finite({ choice, mean, band }, y, periods, horizon, level);
}

function actualsOf(y: Float64Array, plan: BacktestPlan): Float64Array {
  const out = new Float64Array(plan.origins.length * plan.horizon);
  plan.origins.forEach((o, i) => out.set(y.subarray(o, o + plan.horizon), i * plan.horizon));
  return out;
}

/** Fewest backtest origins a challenger must forecast to be compared at all. */
const MIN_CHALLENGER_ORIGINS = 3;

/**
 * The challenger's forecast − actual, [origin][step], at the origins (indices `kept` into the plan's) where it
 * could forecast; null when it could at fewer than MIN_CHALLENGER_ORIGINS or gave a non-finite number.
 */
function challengerBacktest(
  c: TimedChallenger,
  y: Float64Array,
  plan: BacktestPlan,
  actuals: Float64Array
): { kept: number[]; plan: BacktestPlan; errors: Float64Array } | null {
  const steps = plan.horizon;
  const kept: number[] = [];
  const rows: Float64Array[] = [];
  for (let i = 0; i < plan.origins.length; i++) {
    const o = plan.origins[i];
    const f = c.challenger.predict(y.subarray(0, o), steps, c.start + (o - 1) * c.step, c.step);
    if (!f || f.length < steps) {
      continue;
    }
    const row = new Float64Array(steps);
    for (let h = 0; h < steps; h++) {
      row[h] = f[h] - actuals[i * steps + h];
    }
    if (!row.every(Number.isFinite)) {
      return null;
    }
    kept.push(i);
    rows.push(row);
  }
  if (kept.length < Math.min(MIN_CHALLENGER_ORIGINS, plan.origins.length)) {
    return null;
  }
  const errors = new Float64Array(kept.length * steps);
  rows.forEach((r, k) => errors.set(r, k * steps));
  return { kept, plan: { origins: kept.map((i) => plan.origins[i]), horizon: steps }, errors };
}

/** The [origin][step] rows of `values` at the origin indices `kept`. */
function pickOrigins(values: Float64Array, kept: number[], steps: number): Float64Array {
  const out = new Float64Array(kept.length * steps);
  kept.forEach((i, k) => out.set(values.subarray(i * steps, (i + 1) * steps), k * steps));
  return out;
}

function pickWeights(weights: Float64Array, kept: number[]): Float64Array {
  return Float64Array.from(kept, (i) => weights[i]);
}

/** The challenger's forecast from the whole history, or null when it cannot give `horizon` finite steps. */
function predictFinite(c: TimedChallenger, y: Float64Array, horizon: number): Float64Array | null {
  const f = c.challenger.predict(y, horizon, c.start + (y.length - 1) * c.step, c.step);
  return f && f.length >= horizon && f.subarray(0, horizon).every(Number.isFinite) ? f.slice(0, horizon) : null;
}

/** Summed absolute error per origin times the origin's weight, as chooseCombination scores subsets. */
function weightedError(errors: Float64Array, steps: number, weights: Float64Array): number {
  let total = 0;
  for (let o = 0; o < weights.length; o++) {
    let e = 0;
    for (let h = o * steps; h < (o + 1) * steps; h++) {
      e += Math.abs(errors[h]);
    }
    total += e * weights[o];
  }
  return total;
}

/** The band from backtest errors (forecast − actual), blended with the window's seasonal changes. */
function calibratedBand(
  errors: Float64Array,
  y: Float64Array,
  periods: number[],
  plan: BacktestPlan,
  horizon: number,
  level: number,
  relative: number,
  settings: AutoSettings
): Band {
  const blocks = independentBlocks(plan);
  const band = calibrateBand(errors, plan.horizon, horizon, level, blocks, settings.band);
  return withSeasonalSpread(band, y, periods, level, blocks, relative, settings.band);
}

/** Seasonal naive with a random-walk band: what a handful of points can honestly support. */
function fitFallback(
  y: Float64Array,
  periods: number[],
  horizon: number,
  level: number,
  fallback: ForecastFallback
): Fitted {
  const model: ForecastModel<null> = MODELS['seasonal-naive'];
  return {
    choice: { name: 'seasonal-naive' },
    mean: model.fit(y, periods).predict(horizon),
    band: naiveBand(y, horizon, level),
    fallback,
  };
}

/** A model that produced a non-finite number is replaced by the fallback rather than shown. */
function finite(f: Fitted, y: Float64Array, periods: number[], horizon: number, level: number): Fitted {
  const ok =
    f.mean.every(Number.isFinite) && f.band.below.every(Number.isFinite) && f.band.above.every(Number.isFinite);
  if (ok) {
    return f;
  }
  return fitFallback(y, periods, horizon, level, { from: f.choice, reason: 'not-converged', points: y.length });
}

function validateOptions(options: ForecastOptions) {
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
