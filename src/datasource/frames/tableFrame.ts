// Table frames (one row per item, one field per column) from declarative columns, as every EcoTI table is built:
// a field's values are its column read from each row; a column without a header is hidden (ids, kinds and tags
// that readers use and viewers need not see); `kind` in meta names the table for readers.
import { createDataFrame, DataFrame, FieldConfig, FieldType } from '@grafana/data';
import { t } from '@grafana/i18n';

export interface TableColumn<R> {
  /** The field name: the contract readers go by. */
  name: string;
  type: FieldType;
  value: (row: R) => unknown;
  /** Header in the viewer's language; none hides the column. */
  header?: string;
  /** Unit, decimals, min and max. */
  config?: FieldConfig;
}

export interface TableFrameInfo {
  refId: string;
  name: string;
  /** meta.custom.kind, for readers that find the table by kind. */
  kind?: string;
}

export function buildTableFrame<R>(info: TableFrameInfo, rows: R[], columns: Array<TableColumn<R>>): DataFrame {
  return createDataFrame({
    refId: info.refId,
    name: info.name,
    meta: { preferredVisualisationType: 'table', ...(info.kind === undefined ? {} : { custom: { kind: info.kind } }) },
    fields: columns.map((c) => ({
      name: c.name,
      type: c.type,
      values: rows.map((r) => c.value(r)),
      config:
        c.header === undefined ? { ...c.config, custom: { hidden: true } } : { displayName: c.header, ...c.config },
    })),
  });
}

export function textColumn<R>(name: string, header: string, value: (row: R) => string): TableColumn<R> {
  return { name, type: FieldType.string, value, header };
}

export function numberColumn<R>(
  name: string,
  header: string,
  value: (row: R) => number | null,
  config?: FieldConfig
): TableColumn<R> {
  return { name, type: FieldType.number, value, header, config };
}

export function timeColumn<R>(name: string, header: string, value: (row: R) => number | null): TableColumn<R> {
  return { name, type: FieldType.time, value, header };
}

/** A column for readers only (ids, kinds, tags). */
export function hiddenColumn<R>(name: string, value: (row: R) => unknown, type = FieldType.string): TableColumn<R> {
  return { name, type, value };
}

/** The first column of every per-series table. */
export function seriesColumn<R>(series: (row: R) => string): TableColumn<R> {
  return textColumn('series', t('frames.series', 'Series'), series);
}
