// forecast(): data hygiene, season detection, model choice by rolling-origin backtest, and intervals calibrated on
// the backtest's out-of-sample errors: the one place models are orchestrated. The steps the fitting paths share are
// in fitted.ts, the fleet challenger's backtest in challengerBacktest.ts, the options check in forecastOptions.ts.
import {
  EcotiMlError,
  Forecast,
  ForecastChallenge,
  ForecastChallenger,
  ForecastFallback,
  ForecastNote,
  ForecastOptions,
  Series,
} from '../types';
import { regularize, RegularSeries } from '../hygiene/regularize';
import { fillGaps } from '../hygiene/fillGaps';
import { detectSeasonalities } from '../seasonality/detectSeasonalities';
import { MODELS } from './candidates';
import { backtestable, originWeights, planBacktest, runBacktest } from './backtest';
import { naiveBand } from './intervals';
import { AUTO_SETTINGS, AutoSettings } from './autoSettings';
import { MAX_MODELLED_MAGNITUDE, modelledValues } from '../hygiene/magnitude';
import { chooseCombination } from './chooseCombination';
import { average, relativeError, subtract } from './combine';
import { describeForecastModel } from './describeForecastModel';
import { readForecastMethod } from './method';
import {
  actualsOf,
  challengerBacktest,
  pickOrigins,
  pickWeights,
  predictFinite,
  TimedChallenger,
  Timing,
  weightedError,
} from './challengerBacktest';
import { calibratedBand, finite, fitFallback, Fitted } from './fitted';
import { validateOptions } from './forecastOptions';

export { MAX_HORIZON } from './forecastOptions';

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
  const usable = backtestable(
    settings.candidates.map((name) => MODELS[name]),
    y.length,
    periods,
    horizon
  );
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
