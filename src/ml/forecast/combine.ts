// Element-wise arithmetic on forecasts and backtest errors, shared by the named and auto fits.

/**
 * Backtest error of a forecast relative to seasonal naive's, bounded so that one lucky or unlucky
 * backtest cannot collapse or explode the prior. Accepts errors or forecasts of the same layout.
 */
export function relativeError(
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

export function average(arrays: Float64Array[]): Float64Array {
  const out = new Float64Array(arrays[0].length);
  for (const a of arrays) {
    for (let i = 0; i < out.length; i++) {
      out[i] += a[i] / arrays.length;
    }
  }
  return out;
}

export function subtract(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    out[i] = a[i] - b[i];
  }
  return out;
}
