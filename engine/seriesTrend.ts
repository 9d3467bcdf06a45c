// The trend of one series as the insights API reports it, or the ML core's reason why there is none; shared by
// the trend worker thread and the inline fallback.
import { trend } from './ml';

export interface SeriesInput {
  timestamps: Float64Array;
  values: Float64Array;
}

export type SeriesTrend =
  { slopePerDay: number; lower: number; upper: number; changepoints: number[] } | { error: string };

/** A series the ML core cannot analyse gets its message; anything else is a bug and throws. */
export function seriesTrend(series: SeriesInput): SeriesTrend {
  try {
    const t = trend(series);
    return { slopePerDay: t.slopePerDay, lower: t.lower, upper: t.upper, changepoints: t.changepoints };
  } catch (e) {
    if ((e as Error)?.name === 'EcotiMlError') {
      return { error: (e as Error).message };
    }
    throw e;
  }
}
