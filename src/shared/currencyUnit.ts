// Grafana's unit id for money in a currency: its own currency unit where it has one, else the ISO
// code as a suffix. Pure (no @grafana/data), so the analysis worker can use it too.

/** The ISO codes Grafana has a `currency<CODE>` unit for (@grafana/data valueFormats, 12.4). */
const GRAFANA_CURRENCIES = new Set([
  'BGN',
  'BRL',
  'CHF',
  'CZK',
  'DKK',
  'EUR',
  'GBP',
  'IDR',
  'ILS',
  'INR',
  'ISK',
  'JPY',
  'KRW',
  'MYR',
  'NOK',
  'PHP',
  'PLN',
  'PYG',
  'RUB',
  'SEK',
  'TRY',
  'UAH',
  'USD',
  'UYU',
  'VND',
  'XPF',
  'ZAR',
]);

export function currencyUnit(code: string): string {
  const iso = code.toUpperCase();
  // Grafana's `suffix:` unit adds its own space between the number and the text.
  return GRAFANA_CURRENCIES.has(iso) ? `currency${iso}` : `suffix:${iso}`;
}
