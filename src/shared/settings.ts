// Site settings (PUE, grid carbon intensity, tariffs) shared by the app's config page and the data source.

export interface TariffSettings {
  /** Price per kWh inside the peak window (Brazil: "horário de ponta"). */
  peakPricePerKWh: number;
  /** Price per kWh outside the peak window. */
  offPeakPricePerKWh: number;
  /** Peak window start, hour of day 0–23, in the site's time zone. */
  peakStartHour: number;
  /** Peak window end (exclusive), hour of day 1–24. */
  peakEndHour: number;
  /** Brazilian utilities bill the peak window on working days only. */
  peakWeekdaysOnly: boolean;
}

export interface EcotiSettings {
  /** Power usage effectiveness: facility energy / IT energy. */
  pue: number;
  /** Grid emission factor in gCO2e per kWh. */
  carbonIntensity: number;
  /** ISO 4217 code; Grafana unit `currency<CODE>` is used for display. */
  currency: string;
  /** IANA time zone of the site, used for the peak window. */
  timeZone: string;
  tariff: TariffSettings;
  /** uid of the data source the EcoTI queries run on by default (Prometheus). */
  defaultUpstreamUid?: string;
  /** How much history to train on, as a Grafana duration (e.g. "14d"). */
  trainingWindow: string;
  /** Most series one query may analyse; the rest are dropped with a notice. */
  maxSeries: number;
}

/** Defaults for a Brazilian site; sources are listed in the README. */
export const DEFAULT_SETTINGS: EcotiSettings = {
  pue: 1.58,
  carbonIntensity: 38.5,
  currency: 'BRL',
  timeZone: 'America/Sao_Paulo',
  tariff: {
    peakPricePerKWh: 2.1,
    offPeakPricePerKWh: 0.55,
    peakStartHour: 18,
    peakEndHour: 21,
    peakWeekdaysOnly: true,
  },
  trainingWindow: '14d',
  maxSeries: 200,
};

export type SettingsProblem = { field: string; message: string };

const DURATION = /^\d+(ms|s|m|h|d|w)$/;

/** Lists what is wrong with a settings object, in words a user can act on. Empty when valid. */
export function validateSettings(s: EcotiSettings): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const check = (ok: boolean, field: string, message: string) => {
    if (!ok) {
      problems.push({ field, message });
    }
  };
  check(
    Number.isFinite(s.pue) && s.pue >= 1 && s.pue <= 4,
    'pue',
    'PUE must be between 1.0 and 4.0 (facility energy ÷ IT energy).'
  );
  check(
    Number.isFinite(s.carbonIntensity) && s.carbonIntensity >= 0 && s.carbonIntensity <= 2000,
    'carbonIntensity',
    'Carbon intensity must be between 0 and 2000 gCO2e/kWh.'
  );
  check(/^[A-Z]{3}$/.test(s.currency), 'currency', 'Currency must be an ISO 4217 code such as BRL, EUR or USD.');
  const t = s.tariff;
  check(
    Number.isFinite(t.peakPricePerKWh) && t.peakPricePerKWh >= 0,
    'tariff.peakPricePerKWh',
    'Peak price must be a non-negative number.'
  );
  check(
    Number.isFinite(t.offPeakPricePerKWh) && t.offPeakPricePerKWh >= 0,
    'tariff.offPeakPricePerKWh',
    'Off-peak price must be a non-negative number.'
  );
  check(
    Number.isInteger(t.peakStartHour) &&
      Number.isInteger(t.peakEndHour) &&
      t.peakStartHour >= 0 &&
      t.peakEndHour <= 24 &&
      t.peakStartHour < t.peakEndHour,
    'tariff.peakWindow',
    'Peak window must be whole hours with 0 ≤ start < end ≤ 24.'
  );
  check(DURATION.test(s.trainingWindow), 'trainingWindow', 'Training window must be a duration such as 14d or 336h.');
  check(
    Number.isInteger(s.maxSeries) && s.maxSeries >= 1 && s.maxSeries <= 5000,
    'maxSeries',
    'Max series must be a whole number from 1 to 5000.'
  );
  return problems;
}

/**
 * Merges stored jsonData over the defaults, so that a partial or older config still works.
 * Values of the wrong type are ignored (and so fall back to the default) rather than crashing.
 */
export function resolveSettings(stored: unknown): EcotiSettings {
  const src = isRecord(stored) ? stored : {};
  const tariffSrc = isRecord(src.tariff) ? src.tariff : {};
  const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) ? v : d);
  const str = (v: unknown, d: string) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : d);
  const d = DEFAULT_SETTINGS;
  return {
    pue: num(src.pue, d.pue),
    carbonIntensity: num(src.carbonIntensity, d.carbonIntensity),
    currency: str(src.currency, d.currency).toUpperCase(),
    timeZone: str(src.timeZone, d.timeZone),
    tariff: {
      peakPricePerKWh: num(tariffSrc.peakPricePerKWh, d.tariff.peakPricePerKWh),
      offPeakPricePerKWh: num(tariffSrc.offPeakPricePerKWh, d.tariff.offPeakPricePerKWh),
      peakStartHour: num(tariffSrc.peakStartHour, d.tariff.peakStartHour),
      peakEndHour: num(tariffSrc.peakEndHour, d.tariff.peakEndHour),
      peakWeekdaysOnly:
        typeof tariffSrc.peakWeekdaysOnly === 'boolean' ? tariffSrc.peakWeekdaysOnly : d.tariff.peakWeekdaysOnly,
    },
    defaultUpstreamUid:
      typeof src.defaultUpstreamUid === 'string' && src.defaultUpstreamUid ? src.defaultUpstreamUid : undefined,
    trainingWindow: str(src.trainingWindow, d.trainingWindow),
    maxSeries: num(src.maxSeries, d.maxSeries),
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
