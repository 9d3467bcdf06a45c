// "Crosses 6,000 W in ~14 h": the preview's verdict for one series, numbers in the viewer's language.
import { t } from '@grafana/i18n';
import type { PredictedDirection, PredictedKind } from '../../alerting/predictedAlertRule';

/** The threshold as the viewer writes numbers: "6,000 W", "6.000 W", "85%", "32 °C". */
export function formatThreshold(value: number, kind: PredictedKind, language: string): string {
  if (kind === 'utilisation') {
    return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  }
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(value);
  return kind === 'temperature' ? `${number} °C` : `${number} W`;
}

/** A duration rounded as a person says it: minutes under 2 h, hours under 2 days, then days. */
export function formatAbout(seconds: number, language: string): string {
  const unit = (value: number, name: 'minute' | 'hour' | 'day') =>
    new Intl.NumberFormat(language, {
      style: 'unit',
      unit: name,
      unitDisplay: 'short',
      maximumFractionDigits: 0,
    }).format(value);
  if (seconds < 7200) {
    return unit(Math.max(1, Math.round(seconds / 60)), 'minute');
  }
  if (seconds < 2 * 86_400) {
    return unit(Math.round(seconds / 3600), 'hour');
  }
  return unit(Math.round(seconds / 86_400), 'day');
}

/** The sentence for one series' mean forecast. */
export function crossingText(
  seconds: number,
  threshold: number,
  kind: PredictedKind,
  direction: PredictedDirection,
  language: string
): string {
  const value = formatThreshold(threshold, kind, language);
  const opts = { value, interpolation: { escapeValue: false } };
  if (seconds === 0) {
    return direction === 'above'
      ? t('predicted.crossing.already-above', 'already at or above {{value}}', opts)
      : t('predicted.crossing.already-below', 'already at or below {{value}}', opts);
  }
  if (!Number.isFinite(seconds)) {
    return direction === 'above'
      ? t('predicted.crossing.never-above', 'stays under {{value}} within the lead time', opts)
      : t('predicted.crossing.never-below', 'stays over {{value}} within the lead time', opts);
  }
  const about = formatAbout(seconds, language);
  return direction === 'above'
    ? t('predicted.crossing.above', 'crosses {{value}} in ~{{about}}', { ...opts, about })
    : t('predicted.crossing.below', 'falls below {{value}} in ~{{about}}', { ...opts, about });
}
