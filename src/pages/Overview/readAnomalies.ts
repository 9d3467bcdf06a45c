// The most surprising anomalies from the data source's 'Anomalies' table, for a short list.
import type { DataFrame, Field } from '@grafana/data';

export interface AnomalyRow {
  start: number;
  end: number;
  series: string;
  /** 0..1. */
  score: number;
  /** What happened, with the expected value (the data source's annotation text). */
  text: string;
  unit?: string;
  expected: number | null;
  actual: number | null;
}

export function topAnomalies(frames: DataFrame[], limit = 5): AnomalyRow[] {
  const rows: AnomalyRow[] = [];
  for (const frame of frames) {
    const get = (name: string): Field | undefined => frame.fields.find((f) => f.name === name);
    const [time, timeEnd, series, score, text, expected, actual] = [
      'time',
      'timeEnd',
      'series',
      'score',
      'text',
      'expected',
      'actual',
    ].map(get);
    if (!time || !score) {
      continue;
    }
    for (let i = 0; i < time.values.length; i++) {
      const s = Number(score.values[i]);
      if (!Number.isFinite(s)) {
        continue;
      }
      rows.push({
        start: Number(time.values[i]),
        end: Number(timeEnd?.values[i] ?? time.values[i]),
        series: String(series?.values[i] ?? ''),
        score: s,
        text: String(text?.values[i] ?? ''),
        unit: expected?.config.unit ?? undefined,
        expected: numberOrNull(expected?.values[i]),
        actual: numberOrNull(actual?.values[i]),
      });
    }
  }
  // Most surprising first; among equals, the most recent.
  return rows.sort((a, b) => b.score - a.score || b.start - a.start).slice(0, limit);
}

function numberOrNull(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
