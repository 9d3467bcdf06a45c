// The forecasting models by name (the names `method` accepts); which of them `auto` backtests is in autoSettings.ts.
import { ForecastModel } from './models/model';
import { longSeasonNaive, seasonalMean, seasonalNaive } from './models/seasonalNaive';
import { linearTrend } from './models/linearTrend';
import { holtWinters } from './models/holtWinters';
import { seasonalDecomposition, seasonalLinearTrend } from './models/seasonalDecomposition';
import { lagRegression } from './models/lagRegression';
import { drift, lastSeasonMean, naive, recentMedian } from './models/persistence';

export const MODELS: Record<string, ForecastModel<any>> = {
  'seasonal-naive': seasonalNaive,
  'long-seasonal-naive': longSeasonNaive,
  'seasonal-mean': seasonalMean,
  linear: linearTrend,
  'holt-winters': holtWinters,
  mstl: seasonalDecomposition,
  'seasonal-linear': seasonalLinearTrend,
  'lag-regression': lagRegression,
  naive,
  'last-season-mean': lastSeasonMean,
  drift,
  'recent-median': recentMedian,
};
