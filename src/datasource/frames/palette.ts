// Fixed colours per series, so that a series, its dashed forecast and its band share one colour in
// a stock time-series panel (named colours: Grafana maps them to both themes).
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
