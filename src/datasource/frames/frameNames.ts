// The names a viewer reads in legends and tooltips of forecast frames, in the viewer's language (Grafana's
// @grafana/i18n, English unless the user chose another). Built in one place, because a band's upper field fills
// down to its lower field by display name: both must come from the same words.
import { t } from '@grafana/i18n';

/**
 * Interpolation options for names built from series names and label values: i18next escapes values for HTML by
 * default (Grafana does not turn that off), which would show `{instance="a"}` as `{instance=&quot;a&quot;}`.
 * Grafana renders legends as text, so nothing needs escaping.
 */
export const AS_TEXT = { interpolation: { escapeValue: false } } as const;

/** "srv-01 kWh": the series name and the unit word of what is shown (none for raw values). */
export function quantityName(name: string, quantity: string): string {
  return quantity ? `${name} ${quantity}` : name;
}

/** The names of a band's bounds, e.g. "srv-01 kWh lower 95%". */
export function bandNames(base: string, level: number): { lower: string; upper: string } {
  const pct = `${Math.round(level * 1000) / 10}%`;
  return {
    lower: t('frames.band.lower', '{{base}} lower {{level}}', { base, level: pct, ...AS_TEXT }),
    upper: t('frames.band.upper', '{{base}} upper {{level}}', { base, level: pct, ...AS_TEXT }),
  };
}

/** Display names of a forecast frame's fields: measured, forecast mean and the band. */
export function forecastFrameNames(name: string, quantity: string, level: number) {
  const base = quantityName(name, quantity);
  return {
    actual: base,
    mean: t('frames.forecast.mean', '{{base}} forecast', { base, ...AS_TEXT }),
    ...bandNames(base, level),
  };
}
