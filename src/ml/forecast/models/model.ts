// The shape every forecasting model shares, so that backtests and the ensemble can treat them alike.

export interface FittedModel {
  /** Point forecast for the next `horizon` steps after the fitted data. */
  predict(horizon: number): Float64Array;
}

export interface ForecastModel<P = unknown> {
  name: string;
  /** Shortest series (in steps) the model can fit, given the seasonal periods. */
  minLength(periods: number[]): number;
  /** Fits on a gap-free series. `params` from an earlier fit may be reused to skip the search (backtests). */
  fit(y: Float64Array, periods: number[], params?: P): FittedModel & { params: P };
  /**
   * Optional: the forecasts a fit on each prefix y[0 .. origin) with `params` would give, computed in one pass
   * (the same numbers, up to rounding); backtests use it instead of refitting at every origin.
   */
  backtest?(y: Float64Array, periods: number[], params: P, origins: number[], horizon: number): Float64Array[];
}
