// The forecasting models `auto` chooses among, by name (also the names `method` accepts).
import { ForecastModel } from './models/model';
import { longSeasonNaive, seasonalMean, seasonalNaive } from './models/seasonalNaive';
import { linearTrend } from './models/linearTrend';
import { holtWinters } from './models/holtWinters';
import { seasonalDecomposition, seasonalLinearTrend } from './models/seasonalDecomposition';
import { lagRegression } from './models/lagRegression';

export const MODELS: Record<string, ForecastModel<any>> = {
  'seasonal-naive': seasonalNaive,
  'long-seasonal-naive': longSeasonNaive,
  'seasonal-mean': seasonalMean,
  linear: linearTrend,
  'holt-winters': holtWinters,
  mstl: seasonalDecomposition,
  'seasonal-linear': seasonalLinearTrend,
  'lag-regression': lagRegression,
};

/**
 * Models `auto` backtests and combines. Plain seasonal naive is left out: the seasonal mean does its
 * job with less noise, and every extra candidate makes the choice noisier (measured in bench/).
 */
export const AUTO_CANDIDATES = ['seasonal-mean', 'linear', 'holt-winters', 'mstl', 'seasonal-linear', 'lag-regression'];
