// Frames of `insights → drivers` queries: what drives consumption (one row per series and feature, most
// important first) and, when a utilisation is planned, the power the model expects at it. Column names are in
// the viewer's language; field names and `kind` values are the contract every reader uses.
import { createDataFrame, DataFrame, FieldType } from '@grafana/data';
import { t } from '@grafana/i18n';
import type { DriverImportance, DriverModelDiagnostics } from '../../ml';
import type { PlannedPowerResult } from '../analysis/explainSeries';

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
  return createDataFrame({
    refId,
    name: DRIVER_IMPORTANCE_FRAME,
    meta: { preferredVisualisationType: 'table', custom: { kind: DRIVER_IMPORTANCE_KIND } },
    fields: [
      {
        name: 'series',
        type: FieldType.string,
        values: flat.map((f) => f.row.series),
        config: { displayName: t('frames.series', 'Series') },
      },
      {
        name: 'feature',
        type: FieldType.string,
        values: flat.map((f) => (f.kind === 'calendar' ? calendarName(f.feature) : f.feature)),
        config: { displayName: t('frames.drivers.feature', 'Driver') },
      },
      {
        name: 'kind',
        type: FieldType.string,
        values: flat.map((f) => f.kind),
        config: { custom: { hidden: true } },
      },
      {
        name: 'share',
        type: FieldType.number,
        values: flat.map((f) => f.share),
        config: {
          displayName: t('frames.drivers.share', 'Share of importance'),
          unit: 'percentunit',
          min: 0,
          max: 1,
          decimals: 0,
        },
      },
      {
        name: 'errorIncrease',
        type: FieldType.number,
        values: flat.map((f) => f.errorIncrease),
        config: { displayName: t('frames.drivers.error-increase', 'Error without it'), unit, decimals: 1 },
      },
      {
        name: 'heldOutR2',
        type: FieldType.number,
        values: flat.map((f) => f.row.diagnostics.heldOut.r2),
        config: { displayName: t('frames.drivers.r2', 'Variation explained (R²)'), unit: 'percentunit', decimals: 0 },
      },
      {
        name: 'heldOutMae',
        type: FieldType.number,
        values: flat.map((f) => f.row.diagnostics.heldOut.mae),
        config: { displayName: t('frames.drivers.mae', 'Typical error'), unit, decimals: 1 },
      },
    ],
  });
}

export function buildPlannedPowerFrame(refId: string, rows: ExplainedRow[]): DataFrame {
  const planned = rows.filter((r): r is ExplainedRow & { planned: PlannedPowerResult } => r.planned !== undefined);
  const unit = planned[0]?.unit;
  return createDataFrame({
    refId,
    name: PLANNED_POWER_FRAME,
    meta: { preferredVisualisationType: 'table', custom: { kind: PLANNED_POWER_KIND } },
    fields: [
      {
        name: 'series',
        type: FieldType.string,
        values: planned.map((r) => r.series),
        config: { displayName: t('frames.series', 'Series') },
      },
      {
        name: 'plannedUtilisation',
        type: FieldType.number,
        values: planned.map((r) => r.planned.utilisationPercent),
        config: { displayName: t('frames.drivers.planned-utilisation', 'Planned utilisation'), unit: 'percent' },
      },
      {
        name: 'plannedPower',
        type: FieldType.number,
        values: planned.map((r) => r.planned.power),
        config: { displayName: t('frames.drivers.planned-power', 'Expected power'), unit, decimals: 0 },
      },
      {
        name: 'recentPower',
        type: FieldType.number,
        values: planned.map((r) => r.planned.recentPower),
        config: { displayName: t('frames.drivers.recent-power', 'Power, last 24 h'), unit, decimals: 0 },
      },
      {
        name: 'note',
        type: FieldType.string,
        values: planned.map((r) => planNote(r.planned)),
        config: { displayName: t('frames.drivers.note', 'Note') },
      },
    ],
  });
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
