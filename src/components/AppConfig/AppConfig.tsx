import React, { useMemo, useState } from 'react';
import { lastValueFrom } from 'rxjs';
import { css } from '@emotion/css';
import { AppPluginMeta, GrafanaTheme2, PluginConfigPageProps, PluginMeta } from '@grafana/data';
import { DataSourcePicker, getBackendSrv } from '@grafana/runtime';
import { Alert, Button, Field, FieldSet, Input, Stack, Switch, useStyles2 } from '@grafana/ui';
import { testIds } from '../testIds';
import { EcotiSettings, resolveSettings, validateSettings } from '../../shared/settings';

export interface AppConfigProps extends PluginConfigPageProps<AppPluginMeta<Partial<EcotiSettings>>> {}

/** The app's Settings page: site constants saved in the app's jsonData, used as the data source's defaults. */
const AppConfig = ({ plugin }: AppConfigProps) => {
  const s = useStyles2(getStyles);
  const { enabled, pinned, jsonData } = plugin.meta;
  const [settings, setSettings] = useState<EcotiSettings>(() => resolveSettings(jsonData));
  const [saveError, setSaveError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const problems = useMemo(() => validateSettings(settings), [settings]);
  const problemFor = (field: string) => problems.find((p) => p.field === field)?.message;

  const setNumber = (apply: (v: number) => Partial<EcotiSettings>) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setSettings({ ...settings, ...apply(e.currentTarget.value === '' ? NaN : Number(e.currentTarget.value)) });
  const setTariff = (key: keyof EcotiSettings['tariff']) =>
    setNumber((v) => ({ tariff: { ...settings.tariff, [key]: v } }));

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (problems.length > 0) {
      return;
    }
    setSaving(true);
    setSaveError(undefined);
    try {
      await updatePlugin(plugin.meta.id, { enabled, pinned, jsonData: settings });
      // Grafana has no supported way to push new app settings into loaded plugins, so reload.
      window.location.reload();
    } catch (e) {
      setSaveError(e instanceof Error ? e.message : 'Saving the settings failed; check that you are an admin.');
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={onSubmit} data-testid={testIds.appConfig.form}>
      <FieldSet label="Site">
        <Field label="PUE" description="Power usage effectiveness: facility energy ÷ IT energy" invalid={!!problemFor('pue')} error={problemFor('pue')}>
          <Input id="ecoti-pue" type="number" step="0.01" width={20} value={num(settings.pue)} onChange={setNumber((v) => ({ pue: v }))} />
        </Field>
        <Field
          label="Grid carbon intensity (gCO2e/kWh)"
          description="Brazil's national grid (SIN) average emission factor, published monthly by MCTI"
          invalid={!!problemFor('carbonIntensity')}
          error={problemFor('carbonIntensity')}
        >
          <Input id="ecoti-carbon" type="number" step="0.1" width={20} value={num(settings.carbonIntensity)} onChange={setNumber((v) => ({ carbonIntensity: v }))} />
        </Field>
        <Field label="Currency" description="ISO 4217 code" invalid={!!problemFor('currency')} error={problemFor('currency')}>
          <Input id="ecoti-currency" width={20} value={settings.currency} onChange={(e) => setSettings({ ...settings, currency: e.currentTarget.value.toUpperCase() })} />
        </Field>
        <Field label="Time zone" description="IANA name, used for the peak tariff window">
          <Input id="ecoti-tz" width={30} value={settings.timeZone} onChange={(e) => setSettings({ ...settings, timeZone: e.currentTarget.value })} />
        </Field>
      </FieldSet>
      <FieldSet label="Tariff">
        <Stack direction="row" gap={2} wrap="wrap">
          <Field label="Peak price per kWh" invalid={!!problemFor('tariff.peakPricePerKWh')} error={problemFor('tariff.peakPricePerKWh')}>
            <Input id="ecoti-peak-price" type="number" step="0.01" width={16} value={num(settings.tariff.peakPricePerKWh)} onChange={setTariff('peakPricePerKWh')} />
          </Field>
          <Field label="Off-peak price per kWh" invalid={!!problemFor('tariff.offPeakPricePerKWh')} error={problemFor('tariff.offPeakPricePerKWh')}>
            <Input id="ecoti-offpeak-price" type="number" step="0.01" width={16} value={num(settings.tariff.offPeakPricePerKWh)} onChange={setTariff('offPeakPricePerKWh')} />
          </Field>
          <Field label="Peak starts (hour)" invalid={!!problemFor('tariff.peakWindow')} error={problemFor('tariff.peakWindow')}>
            <Input id="ecoti-peak-start" type="number" width={12} value={num(settings.tariff.peakStartHour)} onChange={setTariff('peakStartHour')} />
          </Field>
          <Field label="Peak ends (hour)">
            <Input id="ecoti-peak-end" type="number" width={12} value={num(settings.tariff.peakEndHour)} onChange={setTariff('peakEndHour')} />
          </Field>
          <Field label="Weekdays only">
            <Switch
              id="ecoti-peak-weekdays"
              value={settings.tariff.peakWeekdaysOnly}
              onChange={(e) => setSettings({ ...settings, tariff: { ...settings.tariff, peakWeekdaysOnly: e.currentTarget.checked } })}
            />
          </Field>
        </Stack>
      </FieldSet>
      <FieldSet label="Analysis">
        <Field label="Default upstream data source" description="Where EcoTI queries run unless a query names another (Prometheus first)">
          <DataSourcePicker
            current={settings.defaultUpstreamUid ?? null}
            metrics
            noDefault
            width={40}
            onChange={(ds) => setSettings({ ...settings, defaultUpstreamUid: ds.uid })}
          />
        </Field>
        <Field label="Training window" description="History used to fit models, e.g. 14d" invalid={!!problemFor('trainingWindow')} error={problemFor('trainingWindow')}>
          <Input id="ecoti-training" width={20} value={settings.trainingWindow} onChange={(e) => setSettings({ ...settings, trainingWindow: e.currentTarget.value.trim() })} />
        </Field>
        <Field label="Max series per query" invalid={!!problemFor('maxSeries')} error={problemFor('maxSeries')}>
          <Input id="ecoti-max-series" type="number" width={20} value={num(settings.maxSeries)} onChange={setNumber((v) => ({ maxSeries: v }))} />
        </Field>
      </FieldSet>
      {saveError && (
        <Alert severity="error" title="Settings not saved">
          {saveError}
        </Alert>
      )}
      <div className={s.actions}>
        <Button type="submit" data-testid={testIds.appConfig.submit} disabled={problems.length > 0 || saving}>
          {saving ? 'Saving…' : 'Save settings'}
        </Button>
      </div>
    </form>
  );
};

export default AppConfig;

const num = (v: number) => (Number.isFinite(v) ? String(v) : '');

const updatePlugin = async (pluginId: string, data: Partial<PluginMeta>) =>
  lastValueFrom(getBackendSrv().fetch({ url: `/api/plugins/${pluginId}/settings`, method: 'POST', data }));

const getStyles = (theme: GrafanaTheme2) => ({
  actions: css({ marginTop: theme.spacing(3) }),
});
