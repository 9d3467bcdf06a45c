// /readyz: ready only when every target can answer with a current forecast, or is exempt for a stated reason (a
// shard replica that none of a target's series hash to). Each target says why in words that name no URL, query
// or stack trace: /readyz is open to probes, the details are in the engine log.
import { ErrorKind } from './metrics';
import { Engine } from './engine';
import type { TargetRuntime } from './targetRuntime';
import { isoOrNull } from './apiParams';
import { forecastAt } from './series';

export type TargetStatus =
  'forecasting' | 'shard_empty' | 'waiting_first_update' | 'update_failing' | 'no_series' | 'no_forecast';

export interface TargetReadiness {
  target: string;
  ready: boolean;
  status: TargetStatus;
  reason?: string;
  stale: boolean;
  series: number;
  /** Series whose forecast still covers now + the target's longest horizon. */
  seriesWithForecast: number;
  lastSuccess: string | null;
}

const UPDATE_FAILURES: Partial<Record<ErrorKind, string>> = {
  prometheus_unreachable: 'Prometheus is unreachable',
  prometheus_timeout: 'Prometheus did not answer in time',
  prometheus_unavailable: 'Prometheus answered with a server error',
  query_rejected: "Prometheus rejected the target's query",
  bad_response: 'Prometheus answered with something that is not a query result',
  clock: 'the system clock jumped and Prometheus has no data at the new time yet',
};

function updateFailure(rt: TargetRuntime): string {
  const what = (rt.lastErrorKind && UPDATE_FAILURES[rt.lastErrorKind]) ?? 'the last update failed';
  return `${what} (${rt.consecutiveFailures} failed update${rt.consecutiveFailures === 1 ? '' : 's'} in a row; details in the engine log)`;
}

/** The ML core's own message (it names the option or input at fault); anything else is not for an open endpoint. */
function fitFailure(e: Error | undefined): string {
  if (e?.name === 'EcotiMlError') {
    return e.message.length > 300 ? `${e.message.slice(0, 300)}…` : e.message;
  }
  return e ? 'an unexpected error (details in the engine log)' : 'no fit has run yet (no usable points)';
}

export function targetReadiness(engine: Engine, rt: TargetRuntime, now: number): TargetReadiness {
  const horizon = Math.max(...rt.target.horizonsMs);
  let withForecast = 0;
  for (const s of rt.states.values()) {
    if (forecastAt(s, now + horizon) !== undefined) {
      withForecast++;
    }
  }
  const series = rt.states.size;
  const base = {
    target: rt.target.name,
    stale: engine.isStale(rt, now),
    series,
    seriesWithForecast: withForecast,
    lastSuccess: isoOrNull(rt.lastSuccess),
  };
  const verdict = (ready: boolean, status: TargetStatus, reason?: string): TargetReadiness => ({
    ...base,
    ready,
    status,
    ...(reason === undefined ? {} : { reason }),
  });
  if (withForecast > 0) {
    // Stale forecasts are still served (and flagged by ecoti_target_stale): the target answers.
    const notes = [
      withForecast < series
        ? `${series - withForecast} of ${series} series have no current forecast: ${fitFailure(rt.lastFitError)}`
        : '',
      rt.consecutiveFailures > 0 ? `serving the last forecasts: ${updateFailure(rt)}` : '',
    ].filter(Boolean);
    return verdict(true, 'forecasting', notes.length ? notes.join('; ') : undefined);
  }
  if (rt.consecutiveFailures > 0) {
    return verdict(false, 'update_failing', updateFailure(rt));
  }
  if (!Number.isFinite(rt.lastSuccess)) {
    return verdict(false, 'waiting_first_update', 'waiting for the first update from Prometheus');
  }
  if (series === 0) {
    const { index, total } = engine.shard;
    return rt.matchedSeries > 0 && total > 1
      ? verdict(
          true,
          'shard_empty',
          `the query matched ${rt.matchedSeries} series, none of them in this replica's shard ${index}/${total}`
        )
      : verdict(false, 'no_series', 'the query matched no series yet');
  }
  return verdict(false, 'no_forecast', `no series has a current forecast: ${fitFailure(rt.lastFitError)}`);
}

/**
 * Ready when every YAML target is. Targets of Grafana rules are listed but do not gate it: a rule created in the
 * UI must not take a replica out of service while its first forecast is computed.
 */
export function readiness(engine: Engine): { ready: boolean; targets: TargetReadiness[] } {
  const now = engine.clock();
  const targets = engine.targets.map((rt) => targetReadiness(engine, rt, now));
  return { ready: targets.every((t, i) => t.ready || engine.targets[i].origin === 'rule'), targets };
}
