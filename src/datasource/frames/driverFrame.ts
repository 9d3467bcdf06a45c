// Frames of `insights → drivers` queries: what drives consumption (one row per series and feature, most
// important first) and, when a utilisation is planned, the power the model expects at it. Column names are in
// the viewer's language; field names and `kind` values are the contract every reader uses.
import type { DataFrame } from '@grafana/data';
import { t } from '@grafana/i18n';
import type { DriverImportance, DriverModelDiagnostics } from '../../ml';
import type { PlannedPowerResult } from '../analysis/explainSeries';
import { buildTableFrame, hiddenColumn, numberColumn, seriesColumn, textColumn } from './tableFrame';

/** Names by which panels and pages pick the frames out. */
export const DRIVER_IMPORTANCE_FRAME = 'Drivers of consumption';
export const PLANNED_POWER_FRAME = 'Planned power';
export const DRIVER_IMPORTANCE_KIND = 'ecoti-driver-importance';
export const PLANNED_POWER_KIND = 'ecoti-planned-power';

/**
 * Fields of the importance table. `share` is 0–1 of the series' summed importance; `errorIncrease`,
 * `heldOutMae` are in the power's unit; `kind` is 'driver' (a driver query) or 'calendar' (hour of day, day of
 * week, named in the viewer's language in `feature`).
 */
export const DRIVER_IMPORTANCE_FIELDS = [
  'series',
  'feature',
  'kind',
  'share',
  'errorIncrease',
  'heldOutR2',
  'heldOutMae',
] as const;

export type DriverImportanceField = (typeof DRIVER_IMPORTANCE_FIELDS)[number];

export const PLANNED_POWER_FIELDS = ['series', 'plannedUtilisation', 'plannedPower', 'recentPower', 'note'] as const;

export interface ExplainedRow {
  series: string;
  unit: string;
  importance: DriverImportance[];
  diagnostics: DriverModelDiagnostics;
  planned?: PlannedPowerResult;
}

export function buildDriverImportanceFrame(refId: string, rows: ExplainedRow[]): DataFrame {
  const flat = rows.flatMap((r) => r.importance.map((f) => ({ ...f, row: r })));
  const unit = rows[0]?.unit;
  return buildTableFrame({ refId, name: DRIVER_IMPORTANCE_FRAME, kind: DRIVER_IMPORTANCE_KIND }, flat, [
    seriesColumn((f) => f.row.series),
    textColumn('feature', t('frames.drivers.feature', 'Driver'), (f) =>
      f.kind === 'calendar' ? calendarName(f.feature) : f.feature
    ),
    hiddenColumn('kind', (f) => f.kind),
    numberColumn('share', t('frames.drivers.share', 'Share of importance'), (f) => f.share, {
      unit: 'percentunit',
      min: 0,
      max: 1,
      decimals: 0,
    }),
    numberColumn('errorIncrease', t('frames.drivers.error-increase', 'Error without it'), (f) => f.errorIncrease, {
      unit,
      decimals: 1,
    }),
    numberColumn('heldOutR2', t('frames.drivers.r2', 'Variation explained (R²)'), (f) => f.row.diagnostics.heldOut.r2, {
      unit: 'percentunit',
      decimals: 0,
    }),
    numberColumn('heldOutMae', t('frames.drivers.mae', 'Typical error'), (f) => f.row.diagnostics.heldOut.mae, {
      unit,
      decimals: 1,
    }),
  ]);
}

export function buildPlannedPowerFrame(refId: string, rows: ExplainedRow[]): DataFrame {
  const planned = rows.filter((r): r is ExplainedRow & { planned: PlannedPowerResult } => r.planned !== undefined);
  const unit = planned[0]?.unit;
  return buildTableFrame({ refId, name: PLANNED_POWER_FRAME, kind: PLANNED_POWER_KIND }, planned, [
    seriesColumn((r) => r.series),
    numberColumn(
      'plannedUtilisation',
      t('frames.drivers.planned-utilisation', 'Planned utilisation'),
      (r) => r.planned.utilisationPercent,
      { unit: 'percent' }
    ),
    numberColumn('plannedPower', t('frames.drivers.planned-power', 'Expected power'), (r) => r.planned.power, {
      unit,
      decimals: 0,
    }),
    numberColumn('recentPower', t('frames.drivers.recent-power', 'Power, last 24 h'), (r) => r.planned.recentPower, {
      unit,
      decimals: 0,
    }),
    textColumn('note', t('frames.drivers.note', 'Note'), (r) => planNote(r.planned)),
  ]);
}

function calendarName(feature: string): string {
  return feature === 'hour of day'
    ? t('frames.drivers.hour-of-day', 'Hour of day')
    : feature === 'day of week'
      ? t('frames.drivers.day-of-week', 'Day of week')
      : feature;
}

function planNote(p: PlannedPowerResult): string {
  const notes: string[] = [];
  if (p.outsideRange.length) {
    notes.push(t('frames.drivers.outside-range', 'Beyond the utilisation seen in the data: the power at its edge.'));
  }
  if (p.heldAtMedian.length) {
    notes.push(
      t('frames.drivers.held-at-median', '{{drivers}} held at their usual value.', {
        drivers: p.heldAtMedian.join(', '),
        interpolation: { escapeValue: false },
      })
    );
  }
  return notes.join(' ');
}
