// An `insights → drivers` query: each power series explained by its driver series through the task runner, the
// importance table and, with a planned utilisation, the expected power. Per-series failures become warnings.
import { DataFrame, QueryResultMetaNotice } from '@grafana/data';
import type { EcotiSettings } from '../../shared/settings';
import type { DriversQuery } from '../types';
import type { UpstreamSeries } from '../frames/toSeries';
import { buildDriverImportanceFrame, buildPlannedPowerFrame, ExplainedRow } from '../frames/driverFrame';
import type { DriverInput } from './explainSeries';
import type { TaskRunner } from './taskRunner';

export async function analyseDrivers(
  query: DriversQuery,
  series: UpstreamSeries[],
  drivers: DriverInput[],
  settings: EcotiSettings,
  run: TaskRunner
): Promise<{ frames: DataFrame[]; notices: QueryResultMetaNotice[]; error?: string }> {
  if (drivers.every((d) => d.series.length === 0)) {
    return {
      frames: [],
      notices: [],
      error:
        'None of the driver queries returned series. Check them (utilisation, inlet temperature) in the query editor.',
    };
  }
  const results = await run(
    series,
    { kind: 'drivers', drivers, plannedUtilisation: query.plannedUtilisation },
    settings
  );
  const rows: ExplainedRow[] = [];
  const notices: QueryResultMetaNotice[] = [];
  const problems: string[] = [];
  results.forEach((r, i) => {
    if (r.kind === 'drivers') {
      rows.push({ series: series[i].name, ...r });
      notices.push(...r.notices.map((text) => ({ severity: 'info' as const, text })));
    } else if (r.kind === 'error') {
      problems.push(r.message);
    }
  });
  if (rows.length === 0) {
    return { frames: [], notices, error: problems.join('\n') || 'Nothing could be computed for this query.' };
  }
  const frames = [buildDriverImportanceFrame(query.refId, rows)];
  if (query.plannedUtilisation !== undefined) {
    frames.push(buildPlannedPowerFrame(query.refId, rows));
  }
  return { frames, notices: [...notices, ...problems.map((text) => ({ severity: 'warning' as const, text }))] };
}
