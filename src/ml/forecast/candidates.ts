// The forecasting models `auto` chooses among, by name (also the names `method` accepts).
import { ForecastModel } from './models/model';
import { longSeasonNaive, seasonalNaive } from './models/seasonalNaive';
import { linearTrend } from './models/linearTrend';
import { holtWinters } from './models/holtWinters';
import { seasonalDecomposition, seasonalLinearTrend } from './models/seasonalDecomposition';
import { lagRegression } from './models/lagRegression';

export const MODELS: Record<string, ForecastModel<any>> = {
  'seasonal-naive': seasonalNaive,
  'long-seasonal-naive': longSeasonNaive,
  linear: linearTrend,
  'holt-winters': holtWinters,
  mstl: seasonalDecomposition,
  'seasonal-linear': seasonalLinearTrend,
  'lag-regression': lagRegression,
};

/** Models `auto` backtests. */
export const AUTO_CANDIDATES = ['seasonal-naive', 'long-seasonal-naive', 'linear', 'holt-winters', 'mstl', 'seasonal-linear', 'lag-regression'];
