// The predict kind: forecasts of each upstream series, as power, energy, emissions or cost, drawn up to the end of
// the requested range (or totalled per day or month), with notices for what was cut or fell back.
import { DataFrame, QueryResultMetaNotice } from '@grafana/data';
import { t } from '@grafana/i18n';
import { Forecast } from '../../ml';
import type { PredictQuery } from '../types';
import { durationMs, MAX_HORIZON_MS } from '../query/validateQuery';
import type { UpstreamSeries } from '../frames/toSeries';
import { buildForecastFrame } from '../frames/forecastFrame';
import { buildPeriodTotalsFrame } from '../frames/periodTotals';
import { AS_TEXT } from '../frames/frameNames';
import type { SeriesResult } from './computeSeries';
import { AnalysisInput, AnalysisOutput, collect, finish, info, within } from './analysisResult';

export async function predict(input: AnalysisInput, query: PredictQuery): Promise<AnalysisOutput> {
  const { settings } = input;
  const until = input.forecastUntil;
  const results = await input.run(
    input.series,
    {
      kind: 'predict',
      target: query.target,
      seriesKind: query.seriesKind,
      horizonMs: horizonFor(query, input.series, until),
      level: query.level,
      method: query.method,
    },
    settings
  );
  const frames: DataFrame[] = [];
  const problems = collect(results);
  const notices: QueryResultMetaNotice[] = [];
  const stopped: string[] = [];
  results.forEach((r, i) => {
    if (r.kind !== 'predict') {
      return;
    }
    const s = input.series[i];
    // A series that stopped reporting before the visible range (a host powered off, a renamed label) is not
    // forecast from its stale last value: its forecast would start before the range and say nothing true.
    if (r.forecast.timestamps.length > 0 && r.forecast.timestamps[0] - r.stepMs < input.range.from) {
      stopped.push(s.name);
      return;
    }
    const forecast = until === undefined ? r.forecast : forecastUpTo(r.forecast, until);
    const seriesNotices = r.notices.map(info);
    const last = forecast.timestamps[forecast.timestamps.length - 1];
    if (until !== undefined && !(last >= until - r.stepMs)) {
      seriesNotices.push(
        info(
          t(
            'analysis.forecast-short',
            'The forecast of {{series}} ends at {{end}}, before the end of the time range: forecasts reach at most {{days}} days ahead.',
            { series: s.name, end: new Date(last).toISOString(), days: MAX_HORIZON_MS / 86_400_000, ...AS_TEXT }
          )
        )
      );
    }
    if (query.period === 'step') {
      const history = query.includeHistory ? within(r.history, input.range.from, Infinity) : undefined;
      frames.push(
        buildForecastFrame({
          refId: query.refId,
          name: s.name,
          labels: s.labels,
          history,
          forecast,
          factorAt: () => 1,
          unit: r.unit,
          quantity: r.quantity,
          level: query.level,
          colourIndex: i,
          stepMs: r.stepMs,
          notices: seriesNotices,
          executedQuery: s.executedQuery,
        })
      );
    } else {
      // Totals of a site's month are tonnes of CO2e, not kilograms.
      const tonnes = query.target === 'emissions';
      const k = tonnes ? 1 / 1000 : 1;
      frames.push(
        buildPeriodTotalsFrame({
          refId: query.refId,
          name: s.name,
          labels: s.labels,
          period: query.period,
          timeZone: settings.timeZone,
          range: input.range,
          history: scaled(within(r.history, input.range.from, input.range.to), k),
          forecast: tonnes ? scaleForecast(forecast, k) : forecast,
          unit: tonnes ? 'masst' : r.unit,
          quantity: tonnes ? 'tCO2e' : r.quantity,
          level: query.level,
          colourIndex: i,
          stepMs: r.stepMs,
          notices: seriesNotices,
          executedQuery: s.executedQuery,
        })
      );
    }
  });
  if (stopped.length > 0) {
    notices.push(
      info(
        t(
          'analysis.stopped-series',
          '{{count}} series stopped reporting before this time range and are not forecast: {{names}}.',
          {
            count: stopped.length,
            names: stopped.slice(0, 5).join(', ') + (stopped.length > 5 ? ', …' : ''),
            ...AS_TEXT,
          }
        )
      )
    );
  }
  if (until === undefined && query.period === 'step' && frames.length > 0 && endsBeforeForecast(results, input)) {
    notices.push(
      info(
        t(
          'analysis.range-ends-before-forecast',
          'The time range ends before the forecast starts: set its end into the future (for example now+1d) to see the forecast.'
        )
      )
    );
  }
  const out = finish(frames, problems);
  return { ...out, notices: [...notices, ...out.notices] };
}

/**
 * The query's horizon, or longer when the range ends in the future: far enough from the earliest last sample
 * of the series to reach the range's end, up to the longest horizon a query may ask for.
 */
function horizonFor(query: PredictQuery, series: UpstreamSeries[], until: number | undefined): number {
  const asked = durationMs(query.horizon);
  if (until === undefined) {
    return asked;
  }
  let start = Infinity;
  for (const s of series) {
    const n = s.timestamps.length;
    if (n > 0) {
      start = Math.min(start, s.timestamps[n - 1]);
    }
  }
  return Number.isFinite(start) ? Math.min(MAX_HORIZON_MS, Math.max(asked, until - start)) : asked;
}

/** The forecast's points up to and including `until`. */
function forecastUpTo(f: Forecast, until: number): Forecast {
  let n = f.timestamps.length;
  while (n > 0 && f.timestamps[n - 1] > until) {
    n--;
  }
  return n === f.timestamps.length
    ? f
    : {
        ...f,
        timestamps: f.timestamps.slice(0, n),
        mean: f.mean.slice(0, n),
        lower: f.lower.slice(0, n),
        upper: f.upper.slice(0, n),
      };
}

function scaleForecast(f: Forecast, k: number): Forecast {
  const times = (a: number[]) => a.map((v) => v * k);
  return { ...f, mean: times(f.mean), lower: times(f.lower), upper: times(f.upper) };
}

function scaled(s: { timestamps: Float64Array; values: Float64Array }, k: number) {
  return k === 1 ? s : { timestamps: s.timestamps, values: s.values.map((v) => v * k) };
}

/** True when every forecast starts after the range's end: a panel would show none of it. */
function endsBeforeForecast(results: SeriesResult[], input: AnalysisInput): boolean {
  return results.every((r) => r.kind !== 'predict' || !(r.forecast.timestamps[0] <= input.range.to));
}
