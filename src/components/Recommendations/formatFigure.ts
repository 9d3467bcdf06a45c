// Savings figures as text through Grafana's unit formatting (kWh → MWh, R$, kg → Mg, …), with the digits in the
// viewer's language: Grafana 12.4 writes every unit with a "." decimal mark, which a Brazilian reads as grouping.
import { formattedValueToString, getValueFormat } from '@grafana/data';
import type { Figure } from './recommendationRows';
import { isEnglish, viewerLanguage } from '../../shared/viewerLanguage';

export const NO_VALUE = '—';

export function formatFigure(figure: Figure, language: string = viewerLanguage()): string {
  if (figure.value === null || !Number.isFinite(figure.value)) {
    return NO_VALUE;
  }
  const unit = figure.unit ?? 'none';
  if (isEnglish(language)) {
    return formattedValueToString(getValueFormat(unit)(figure.value, figure.decimals));
  }
  // Money in full, as the language writes it (R$ 2.187), where Grafana abbreviates in English (R$2K).
  const currency = /^currency([A-Z]{3})$/.exec(unit);
  if (currency) {
    const digits = figure.decimals ?? 0;
    return numberFormat(language, digits, currency[1]).format(figure.value);
  }
  const formatted = getValueFormat(unit)(figure.value, figure.decimals);
  return formattedValueToString({ ...formatted, text: localiseDigits(formatted.text, language) });
}

/** Grafana's plain digits ("1201", "81.1") in the language's format ("1.201", "81,1"); other text as it is. */
function localiseDigits(text: string, language: string): string {
  const m = /^(-?\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) {
    return text;
  }
  const digits = m[2]?.length ?? 0;
  return numberFormat(language, digits).format(Number(text));
}

/** Formatters by language, digits and currency: a card grid formats hundreds of figures, and building one costs ~0.1 ms. */
const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(language: string, digits: number, currency?: string): Intl.NumberFormat {
  const key = `${language}|${digits}|${currency ?? ''}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(language, {
      ...(currency ? { style: 'currency', currency } : {}),
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formats.set(key, f);
  }
  return f;
}

export function formatConfidence(confidence: number | null, language?: string): string {
  return confidence === null
    ? NO_VALUE
    : formatFigure({ value: confidence, unit: 'percentunit', decimals: 0 }, language);
}

export type ConfidenceLevel = 'high' | 'medium' | 'low';

/** Badge colour bands: ≥ 80% high, ≥ 50% medium. */
export function confidenceLevel(confidence: number): ConfidenceLevel {
  return confidence >= 0.8 ? 'high' : confidence >= 0.5 ? 'medium' : 'low';
}
