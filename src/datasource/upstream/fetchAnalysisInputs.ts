// The upstream series one EcoTI query analyses: its own query's, each recommendation signal's (a failed signal is a
// warning, the rules run on the others), or the power's and each driver's.
import type { QueryResultMetaNotice } from '@grafana/data';
import { DEFAULT_SIGNALS, type EcotiQuery, type SignalQueries } from '../types';
import { isKind } from '../query/queryKind';
import type { UpstreamSeries } from '../frames/toSeries';
import type { SignalSeries } from '../analysis/hostSignals';
import type { DriverInput } from '../analysis/explainSeries';
import { pickDefined } from '../query/pickDefined';

/** Runs one upstream expression (or the upstream's own query model) over the analysis window. */
export type FetchSeries = (
  key: string,
  expr: string | undefined,
  query?: Record<string, unknown>
) => Promise<{ series: UpstreamSeries[]; expr?: string } | { error: string }>;

export interface AnalysisInputs {
  series: UpstreamSeries[];
  signals?: SignalSeries;
  drivers?: DriverInput[];
  /** The interpolated expression the evidence links of recommendations point at. */
  evidenceQuery: string;
}

export async function fetchAnalysisInputs(
  q: EcotiQuery,
  fetchSeries: FetchSeries,
  notices: QueryResultMetaNotice[]
): Promise<AnalysisInputs | { error: string }> {
  let series: UpstreamSeries[] = [];
  let signals: SignalSeries | undefined;
  let drivers: DriverInput[] | undefined;
  let evidenceQuery = '';
  if (isKind(q, 'recommendations')) {
    const exprs: Required<SignalQueries> = { ...DEFAULT_SIGNALS, ...pickDefined(q.signals ?? {}) };
    const keys = Object.keys(exprs) as Array<keyof SignalQueries>;
    const fetched = await Promise.all(
      keys.map((k) => (exprs[k].trim() ? fetchSeries(k, exprs[k]) : Promise.resolve({ series: [] })))
    );
    signals = { cpu: [], power: [], inletTemperature: [], facilityPower: [], itPower: [] };
    fetched.forEach((f, i) => {
      if ('error' in f) {
        notices.push({ severity: 'warning', text: `${keys[i]} signal: ${f.error}` });
      } else {
        signals![keys[i]] = f.series;
      }
    });
    const power = fetched[keys.indexOf('power')];
    evidenceQuery = 'expr' in power ? (power.expr ?? '') : '';
  } else {
    const fetched = await fetchSeries('upstream', q.upstreamQuery ? undefined : q.expr, q.upstreamQuery);
    if ('error' in fetched) {
      return { error: fetched.error };
    }
    series = fetched.series;
    evidenceQuery = fetched.expr ?? '';
    if (isKind(q, 'drivers')) {
      const wanted = q.drivers.filter((d) => d.expr.trim());
      const results = await Promise.all(wanted.map((d, i) => fetchSeries(`driver${i + 1}`, d.expr)));
      drivers = wanted.map((d, i) => {
        const r = results[i];
        if ('error' in r) {
          notices.push({ severity: 'warning', text: `${d.name}: ${r.error}` });
        }
        return { name: d.name.trim(), utilisation: d.utilisation, series: 'error' in r ? [] : r.series };
      });
    }
  }

  return { series, signals, drivers, evidenceQuery };
}
