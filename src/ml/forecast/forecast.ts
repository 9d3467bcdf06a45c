// forecast(): data hygiene, season detection, model choice by rolling-origin backtest, and
// intervals calibrated on the backtest's out-of-sample errors. The one place models are orchestrated.
import { EcotiMlError, Forecast, ForecastOptions, Series } from '../types';
import { regularize, RegularSeries } from '../hygiene/regularize';
import { fillGaps } from '../hygiene/fillGaps';
import { detectSeasonalities } from '../seasonality/detectSeasonalities';
import { AUTO_CANDIDATES, MODELS } from './candidates';
import { ForecastModel } from './models/model';
import { independentBlocks, planBacktest, runBacktest } from './backtest';
import { blendWithSeasonalSpread, calibrateIntervals, halfWidths, naiveIntervals } from './intervals';
import { checkOptionType, kindOf, show } from '../hygiene/checkInput';
import { MAX_MODELLED_MAGNITUDE, modelledValues } from '../hygiene/magnitude';

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
/** Most models in an `auto` ensemble. */
const MAX_ENSEMBLE = 3;

export function forecast(series: Series, options: ForecastOptions): Forecast {
  const { horizon, level, method, seasonalities } = validateOptions(options);
  const full = regularize(series);
  const notes = [...full.notes];
  const grid = tail(full, MAX_TRAINING_POINTS, notes);
  // Models fit a copy scaled by a power of two when values near ±1e300 would overflow their squares.
  const modelled = modelledValues(grid.values);
  const values = modelled.values as Float64Array;
  if (modelled.clipped > 0) {
    notes.push(`${modelled.clipped} extreme value(s) clipped to ${MAX_MODELLED_MAGNITUDE} × the series' typical size`);
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

  const result =
    method === 'auto'
      ? fitAuto(y, periods, horizon, level, notes)
      : fitNamed(method, y, periods, horizon, level, notes);
  const lastT = grid.start + (grid.values.length - 1) * step;
  const timestamps = new Array<number>(horizon);
  const mean = new Array<number>(horizon);
  const lower = new Array<number>(horizon);
  const upper = new Array<number>(horizon);
  const k = modelled.factor;
  for (let h = 0; h < horizon; h++) {
    timestamps[h] = lastT + (h + 1) * step;
    mean[h] = result.mean[h] / k;
    const half = result.halfWidth[h] / k;
    lower[h] = mean[h] - half;
    upper[h] = mean[h] + half;
  }
  checkRepresentable(timestamps, lower, upper);
  const label = notes.length ? `${result.name} (${notes.join('; ')})` : result.name;
  return { timestamps, mean, lower, upper, method: label, seasonalities: periods };
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

function tail(grid: RegularSeries, max: number, notes: string[]): RegularSeries {
  const n = grid.values.length;
  if (n <= max) {
    return grid;
  }
  notes.push(`trained on the last ${max} of ${n} steps`);
  return { ...grid, start: grid.start + (n - max) * grid.step, values: grid.values.subarray(n - max) };
}

interface Fitted {
  name: string;
  mean: Float64Array;
  /** Half-width of the prediction band at each step. */
  halfWidth: Float64Array;
}

/**
 * A named method, or an ensemble as `auto` reports it ("ensemble(seasonal-mean+mstl)"), so that a
 * caller which refits often (the engine) can reuse auto's choice without its search.
 */
function fitNamed(
  method: string,
  y: Float64Array,
  periods: number[],
  horizon: number,
  level: number,
  notes: string[]
): Fitted {
  const ensemble = /^ensemble\((.+)\)$/.exec(method);
  const names = ensemble ? ensemble[1].split('+') : [method];
  const models = names.map((name) => {
    // Own properties only: "__proto__", "toString" or "constructor" are unknown methods, not Object's.
    if (!Object.hasOwn(MODELS, name)) {
      throw new EcotiMlError(
        'BAD_OPTION',
        `Unknown forecast method "${name}"; use auto, one of ${Object.keys(MODELS).join(', ')}, or ensemble(a+b).`
      );
    }
    return MODELS[name];
  });
  const minLength = Math.max(...models.map((m) => m.minLength(periods)));
  if (y.length < minLength) {
    notes.push(`fallback: ${y.length} points are too few for ${method}`);
    return fitFallback(y, periods, horizon, level);
  }
  const fits = models.map((model) => ({ model, fitted: model.fit(y, periods) }));
  const mean = average(fits.map((f) => f.fitted.predict(horizon)));
  const plan = planBacktest(y.length, horizon, Math.max(minLength, Math.ceil(y.length / 2)));
  let halfWidth: Float64Array;
  if (plan) {
    const naive = MODELS['seasonal-naive'];
    const bt = runBacktest(
      y,
      periods,
      [...fits.map((f) => ({ model: f.model, params: f.fitted.params })), { model: naive, params: null }],
      plan
    );
    const combined = average(bt.forecasts.slice(0, fits.length));
    const blocks = independentBlocks(plan);
    const band = calibrateIntervals(subtract(combined, bt.actuals), plan.horizon, horizon, level, blocks);
    const relative = relativeError(combined, bt.forecasts[fits.length], bt.actuals);
    halfWidth = blendWithSeasonalSpread(halfWidths(band), y, periods, level, blocks, relative);
  } else {
    halfWidth = halfWidths(naiveIntervals(y, horizon, level));
  }
  return finite({ name: method, mean, halfWidth }, y, periods, horizon, level, notes);
}

function fitAuto(y: Float64Array, periods: number[], horizon: number, level: number, notes: string[]): Fitted {
  const usable = AUTO_CANDIDATES.map((name) => MODELS[name]).filter((m) => y.length >= m.minLength(periods));
  const minTrain = Math.max(...usable.map((m) => m.minLength(periods)), Math.ceil(y.length / 2));
  const plan = planBacktest(y.length, horizon, minTrain);
  if (!plan || usable.length === 0) {
    notes.push(`fallback: ${y.length} points are too few to backtest`);
    return fitFallback(y, periods, horizon, level);
  }
  const fits = usable.map((model) => ({ model, fitted: model.fit(y, periods) }));
  const bt = runBacktest(
    y,
    periods,
    fits.map((f) => ({ model: f.model, params: f.fitted.params })),
    plan
  );
  // Every combination of up to three candidates is scored on the backtest; the best one is used.
  const choice = chooseCombination(bt.forecasts, bt.actuals, plan.horizon);
  const chosen = choice.members;
  const mean = average(chosen.map((i) => fits[i].fitted.predict(horizon)));
  const blocks = independentBlocks(plan);
  const band = calibrateIntervals(choice.honestErrors, plan.horizon, horizon, level, blocks);
  const naiveIndex = fits.findIndex((f) => f.model === MODELS['seasonal-naive']);
  const relative =
    naiveIndex >= 0 ? relativeError(choice.honestErrors, subtract(bt.forecasts[naiveIndex], bt.actuals)) : 1;
  const halfWidth = blendWithSeasonalSpread(halfWidths(band), y, periods, level, blocks, relative);
  const name =
    chosen.length === 1 ? fits[chosen[0]].model.name : `ensemble(${chosen.map((i) => fits[i].model.name).join('+')})`;
  return finite({ name, mean, halfWidth }, y, periods, horizon, level, notes);
}

/** Seasonal naive with a random-walk band: what a handful of points can honestly support. */
function fitFallback(y: Float64Array, periods: number[], horizon: number, level: number): Fitted {
  const model: ForecastModel<null> = MODELS['seasonal-naive'];
  return {
    name: 'seasonal-naive',
    mean: model.fit(y, periods).predict(horizon),
    halfWidth: halfWidths(naiveIntervals(y, horizon, level)),
  };
}

/** A model that produced a non-finite number is replaced by the fallback rather than shown. */
function finite(
  f: Fitted,
  y: Float64Array,
  periods: number[],
  horizon: number,
  level: number,
  notes: string[]
): Fitted {
  const ok = f.mean.every(Number.isFinite) && f.halfWidth.every(Number.isFinite);
  if (ok) {
    return f;
  }
  notes.push(`fallback: ${f.name} did not converge`);
  return fitFallback(y, periods, horizon, level);
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

/**
 * Searches all subsets of up to MAX_ENSEMBLE candidates for the lowest backtest error of their mean.
 * The errors returned for calibration are honest: at each origin they come from the subset that
 * would have been chosen without that origin, so the band does not inherit the selection's optimism.
 */
function chooseCombination(forecasts: Float64Array[], actuals: Float64Array, steps: number) {
  const subsets: number[][] = [];
  const visit = (members: number[], from: number) => {
    if (members.length > 0) {
      subsets.push([...members]);
    }
    if (members.length < MAX_ENSEMBLE) {
      for (let i = from; i < forecasts.length; i++) {
        visit([...members, i], i + 1);
      }
    }
  };
  visit([], 0);
  const origins = actuals.length / steps;
  const scratch = new Float64Array(actuals.length);
  const combine = (members: number[], out: Float64Array) => {
    out.fill(0);
    for (const m of members) {
      const f = forecasts[m];
      for (let i = 0; i < out.length; i++) {
        out[i] += f[i];
      }
    }
    for (let i = 0; i < out.length; i++) {
      out[i] /= members.length;
    }
    return out;
  };
  // perOrigin[s * origins + o]: absolute error of subset s summed over origin o's steps.
  const perOrigin = new Float64Array(subsets.length * origins);
  const totals = new Float64Array(subsets.length);
  subsets.forEach((members, s) => {
    const c = combine(members, scratch);
    for (let o = 0; o < origins; o++) {
      let e = 0;
      for (let h = 0; h < steps; h++) {
        e += Math.abs(c[o * steps + h] - actuals[o * steps + h]);
      }
      perOrigin[s * origins + o] = e;
      totals[s] += e;
    }
  });
  const argmin = (score: (s: number) => number) => {
    let best = 0;
    for (let s = 1; s < subsets.length; s++) {
      if (score(s) < score(best)) {
        best = s;
      }
    }
    return best;
  };
  const chosen = argmin((s) => totals[s]);
  const honestErrors = new Float64Array(actuals.length);
  for (let o = 0; o < origins; o++) {
    const s = origins > 1 ? argmin((k) => totals[k] - perOrigin[k * origins + o]) : chosen;
    const c = combine(subsets[s], scratch);
    for (let h = 0; h < steps; h++) {
      honestErrors[o * steps + h] = c[o * steps + h] - actuals[o * steps + h];
    }
  }
  return { members: subsets[chosen], honestErrors };
}

/**
 * Backtest error of a forecast relative to seasonal naive's, bounded so that one lucky or unlucky
 * backtest cannot collapse or explode the prior. Accepts errors or forecasts of the same layout.
 */
function relativeError(
  errorsOrForecast: Float64Array,
  naiveErrorsOrForecast: Float64Array,
  actuals?: Float64Array
): number {
  let a = 0;
  let b = 0;
  for (let i = 0; i < errorsOrForecast.length; i++) {
    a += Math.abs(errorsOrForecast[i] - (actuals ? actuals[i] : 0));
    b += Math.abs(naiveErrorsOrForecast[i] - (actuals ? actuals[i] : 0));
  }
  return b > 0 ? Math.min(1.5, Math.max(0.75, a / b)) : 1;
}

function average(arrays: Float64Array[]): Float64Array {
  const out = new Float64Array(arrays[0].length);
  for (const a of arrays) {
    for (let i = 0; i < out.length; i++) {
      out[i] += a[i] / arrays.length;
    }
  }
  return out;
}

function subtract(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    out[i] = a[i] - b[i];
  }
  return out;
}
