// Fixed colours per series, so that a series, its dashed forecast and its band share one colour in
// a stock time-series panel (named colours: Grafana maps them to both themes).
import { FieldColor, FieldColorModeId } from '@grafana/data';

const SERIES_COLOURS = [
  'green',
  'blue',
  'orange',
  'purple',
  'yellow',
  'red',
  'light-blue',
  'light-green',
  'light-orange',
  'light-purple',
];

export function seriesColour(index: number): string {
  return SERIES_COLOURS[index % SERIES_COLOURS.length];
}

/** Field colour config drawing a series in its fixed colour. */
export function seriesColourConfig(index: number): FieldColor {
  return { mode: FieldColorModeId.Fixed, fixedColor: seriesColour(index) };
}
