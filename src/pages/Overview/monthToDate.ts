// This month's total of a forecast quantity (energy, emissions or cost): what the history says so
// far, plus the forecast mean to the end of the month, with a range from the forecast band.
//
// The range adds up the per-step bounds of the band. Step errors are not perfectly correlated, so
// the true interval of the month total is narrower: the range is a conservative one, not a 95%
// interval of the total, and the page says so.
import type { DataFrame, Field } from '@grafana/data';
import type { MonthWindow } from './overviewRequests';

export interface MonthTotal {
  unit?: string;
  decimals?: number;
  /** Sum over the steps of this month up to now. */
  soFar: number;
  /** Forecast mean for the rest of the month, and the sums of its lower and upper bounds. */
  rest: number;
  restLower: number;
  restUpper: number;
  total: number;
  totalLower: number;
  totalUpper: number;
  /** Band level of the forecast (0.95 for 95%), when the frame says. */
  level?: number;
  /** False when the forecast stops before the month ends (the total is then short). */
  coversMonth: boolean;
  /** Steps of this month so far with no data (not counted in soFar). */
  missingSteps: number;
  series: number;
}

/**
 * Each frame is one forecast (data source `predict` frame): Time, Value (history, kWh or the
 * converted quantity per step), Forecast, Lower, Upper. A step at t covers [t, t + step).
 */
export function monthTotal(frames: DataFrame[], win: MonthWindow): MonthTotal | null {
  const forecasts = frames.filter((f) => field(f, 'Time') && field(f, 'Value') && field(f, 'Forecast'));
  if (forecasts.length === 0) {
    return null;
  }
  let soFar = 0;
  let rest = 0;
  let restLower = 0;
  let restUpper = 0;
  let missingSteps = 0;
  let coversMonth = true;
  for (const frame of forecasts) {
    const time = field(frame, 'Time')!.values as number[];
    const value = field(frame, 'Value')!.values as Array<number | null>;
    const mean = field(frame, 'Forecast')!.values as Array<number | null>;
    const lower = field(frame, 'Lower')?.values as Array<number | null> | undefined;
    const upper = field(frame, 'Upper')?.values as Array<number | null> | undefined;
    const step = stepOf(frame);
    let lastForecastEnd = -Infinity;
    for (let i = 0; i < time.length; i++) {
      const t = time[i];
      if (t < win.monthStart || t >= win.monthEnd) {
        continue;
      }
      const v = value[i];
      if (isNum(v)) {
        // History; the last history row also starts the forecast line (same value), counted once here.
        if (t < win.now) {
          soFar += v;
        }
      } else if (isNum(mean[i])) {
        rest += mean[i]!;
        restLower += isNum(lower?.[i]) ? lower![i]! : mean[i]!;
        restUpper += isNum(upper?.[i]) ? upper![i]! : mean[i]!;
        lastForecastEnd = Math.max(lastForecastEnd, t + step);
      } else if (t < win.now) {
        missingSteps++;
      }
    }
    if (lastForecastEnd < win.monthEnd && !(win.now >= win.monthEnd)) {
      coversMonth = false;
    }
  }
  const first = field(forecasts[0], 'Value')!;
  const level = (forecasts[0].meta?.custom as { level?: number } | undefined)?.level;
  return {
    unit: first.config.unit,
    decimals: first.config.decimals ?? undefined,
    soFar,
    rest,
    restLower,
    restUpper,
    total: soFar + rest,
    totalLower: soFar + restLower,
    totalUpper: soFar + restUpper,
    level,
    coversMonth,
    missingSteps,
    series: forecasts.length,
  };
}

function field(frame: DataFrame, name: string): Field | undefined {
  return frame.fields.find((f) => f.name === name);
}

function stepOf(frame: DataFrame): number {
  const time = field(frame, 'Time')!;
  const interval = time.config.interval;
  if (interval && interval > 0) {
    return interval;
  }
  const v = time.values as number[];
  return v.length > 1 ? v[v.length - 1] - v[v.length - 2] : 0;
}

function isNum(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
