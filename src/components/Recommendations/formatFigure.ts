// Savings figures as text through Grafana's unit formatting (kWh → MWh, R$, kg → Mg, …).
import { formattedValueToString, getValueFormat } from '@grafana/data';
import type { Figure } from './recommendationRows';

export const NO_VALUE = '—';

export function formatFigure(figure: Figure): string {
  if (figure.value === null || !Number.isFinite(figure.value)) {
    return NO_VALUE;
  }
  return formattedValueToString(getValueFormat(figure.unit ?? 'none')(figure.value, figure.decimals));
}

export function formatConfidence(confidence: number | null): string {
  return confidence === null ? NO_VALUE : formatFigure({ value: confidence, unit: 'percentunit', decimals: 0 });
}

export type ConfidenceLevel = 'high' | 'medium' | 'low';

/** Badge colour bands: ≥ 80% high, ≥ 50% medium. */
export function confidenceLevel(confidence: number): ConfidenceLevel {
  return confidence >= 0.8 ? 'high' : confidence >= 0.5 ? 'medium' : 'low';
}
