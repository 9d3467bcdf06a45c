// Styles the pages share, so that a list or a headline figure looks the same wherever it appears.
import type { GrafanaTheme2 } from '@grafana/data';

/** Children stacked top to bottom, `gap` theme spacings apart. */
export function stackedColumn(theme: GrafanaTheme2, gap: number) {
  return { display: 'flex', flexDirection: 'column' as const, gap: theme.spacing(gap) };
}

/** A list without bullets or indent, its items stacked `gap` theme spacings apart. */
export function stackedList(theme: GrafanaTheme2, gap: number) {
  return { listStyle: 'none', margin: 0, padding: 0, ...stackedColumn(theme, gap) };
}

/** The big number a tile is about: h1 size, digits of equal width so that figures line up. */
export function headlineFigure(theme: GrafanaTheme2) {
  return {
    margin: 0,
    fontSize: theme.typography.h1.fontSize,
    lineHeight: theme.typography.h1.lineHeight,
    fontWeight: theme.typography.fontWeightMedium,
    fontVariantNumeric: 'tabular-nums',
  };
}
