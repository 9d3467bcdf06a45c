// The site-settings form (PUE, carbon intensity, tariff, analysis defaults), shared by the app's
// Settings page and the data source's config editor so both read and validate the same way.
import React, { useMemo } from 'react';
import { t } from '@grafana/i18n';
import { Field, FieldSet, Input, Stack, Switch } from '@grafana/ui';
import { fieldProblem } from './fieldProblem';
import { EcotiSettings, validateSettings } from './settings';
import { UpstreamDataSourcePicker } from './UpstreamDataSourcePicker';

interface Props {
  settings: EcotiSettings;
  onChange: (next: EcotiSettings) => void;
  /** Id prefix, so two forms on one page keep unique input ids. */
  idPrefix?: string;
  /** The data source's config editor has its own upstream picker. */
  showUpstream?: boolean;
}

export function SiteSettingsFields({ settings, onChange, idPrefix = 'ecoti', showUpstream = true }: Props) {
  const problems = useMemo(() => validateSettings(settings), [settings]);
  const shown = (field: string) => fieldProblem(problems.find((p) => p.field === field)?.message);
  const numberOf = (e: React.FormEvent<HTMLInputElement>) =>
    e.currentTarget.value === '' ? NaN : Number(e.currentTarget.value);
  const setTariff = (key: keyof EcotiSettings['tariff']) => (e: React.FormEvent<HTMLInputElement>) =>
    onChange({ ...settings, tariff: { ...settings.tariff, [key]: numberOf(e) } });
  const id = (name: string) => `${idPrefix}-${name}`;

  return (
    <>
      <FieldSet label={t('settings.site', 'Site')}>
        <Field
          label={t('settings.pue.label', 'PUE')}
          description={t('settings.pue.description', 'Power usage effectiveness: facility energy ÷ IT energy')}
          {...shown('pue')}
        >
          <Input
            id={id('pue')}
            type="number"
            step="0.01"
            width={20}
            value={num(settings.pue)}
            onChange={(e) => onChange({ ...settings, pue: numberOf(e) })}
          />
        </Field>
        <Field
          label={t('settings.carbon.label', 'Grid carbon intensity (gCO2e/kWh)')}
          description={t(
            'settings.carbon.description',
            'Brazil’s national grid (SIN) average emission factor, published monthly by MCTI'
          )}
          {...shown('carbonIntensity')}
        >
          <Input
            id={id('carbon')}
            type="number"
            step="0.1"
            width={20}
            value={num(settings.carbonIntensity)}
            onChange={(e) => onChange({ ...settings, carbonIntensity: numberOf(e) })}
          />
        </Field>
        <Field
          label={t('settings.currency.label', 'Currency')}
          description={t('settings.currency.description', 'ISO 4217 code')}
          {...shown('currency')}
        >
          <Input
            id={id('currency')}
            width={20}
            value={settings.currency}
            onChange={(e) => onChange({ ...settings, currency: e.currentTarget.value.toUpperCase() })}
          />
        </Field>
        <Field
          label={t('settings.timezone.label', 'Time zone')}
          description={t('settings.timezone.description', 'IANA name, used for the peak tariff window')}
        >
          <Input
            id={id('tz')}
            width={30}
            value={settings.timeZone}
            onChange={(e) => onChange({ ...settings, timeZone: e.currentTarget.value })}
          />
        </Field>
      </FieldSet>
      <FieldSet label={t('settings.tariff', 'Tariff')}>
        <Stack direction="row" gap={2} wrap="wrap">
          <Field label={t('settings.peak-price', 'Peak price per kWh')} {...shown('tariff.peakPricePerKWh')}>
            <Input
              id={id('peak-price')}
              type="number"
              step="0.01"
              width={16}
              value={num(settings.tariff.peakPricePerKWh)}
              onChange={setTariff('peakPricePerKWh')}
            />
          </Field>
          <Field label={t('settings.offpeak-price', 'Off-peak price per kWh')} {...shown('tariff.offPeakPricePerKWh')}>
            <Input
              id={id('offpeak-price')}
              type="number"
              step="0.01"
              width={16}
              value={num(settings.tariff.offPeakPricePerKWh)}
              onChange={setTariff('offPeakPricePerKWh')}
            />
          </Field>
          <Field label={t('settings.peak-start', 'Peak starts (hour)')} {...shown('tariff.peakWindow')}>
            <Input
              id={id('peak-start')}
              type="number"
              width={12}
              value={num(settings.tariff.peakStartHour)}
              onChange={setTariff('peakStartHour')}
            />
          </Field>
          <Field label={t('settings.peak-end', 'Peak ends (hour)')}>
            <Input
              id={id('peak-end')}
              type="number"
              width={12}
              value={num(settings.tariff.peakEndHour)}
              onChange={setTariff('peakEndHour')}
            />
          </Field>
          <Field label={t('settings.weekdays-only', 'Weekdays only')}>
            <Switch
              id={id('peak-weekdays')}
              value={settings.tariff.peakWeekdaysOnly}
              onChange={(e) =>
                onChange({ ...settings, tariff: { ...settings.tariff, peakWeekdaysOnly: e.currentTarget.checked } })
              }
            />
          </Field>
        </Stack>
      </FieldSet>
      <FieldSet label={t('settings.analysis', 'Analysis')}>
        {showUpstream && (
          <Field
            label={t('settings.upstream.label', 'Default upstream data source')}
            description={t(
              'settings.upstream.description',
              'Where EcoTI queries run unless a query names another (Prometheus first)'
            )}
          >
            <UpstreamDataSourcePicker
              uid={settings.defaultUpstreamUid}
              width={40}
              onChange={(uid) => onChange({ ...settings, defaultUpstreamUid: uid })}
            />
          </Field>
        )}
        <Field
          label={t('settings.training.label', 'Training window')}
          description={t('settings.training.description', 'History used to fit models, e.g. 14d')}
          {...shown('trainingWindow')}
        >
          <Input
            id={id('training')}
            width={20}
            value={settings.trainingWindow}
            onChange={(e) => onChange({ ...settings, trainingWindow: e.currentTarget.value.trim() })}
          />
        </Field>
        <Field label={t('settings.max-series', 'Max series per query')} {...shown('maxSeries')}>
          <Input
            id={id('max-series')}
            type="number"
            width={20}
            value={num(settings.maxSeries)}
            onChange={(e) => onChange({ ...settings, maxSeries: numberOf(e) })}
          />
        </Field>
      </FieldSet>
    </>
  );
}

const num = (v: number) => (Number.isFinite(v) ? String(v) : '');
