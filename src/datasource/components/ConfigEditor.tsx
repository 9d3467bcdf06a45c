// Data source settings: an optional default upstream, and, only if asked for, site settings that
// override the EcoTI AI app's (for a second site with its own tariff or grid factor).
import React from 'react';
import { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { t, Trans } from '@grafana/i18n';
import { Alert, Field, FieldSet, Switch } from '@grafana/ui';
import { EcotiDataSourceOptions } from '../types';
import { DEFAULT_SETTINGS, EcotiSettings, resolveSettings } from '../../shared/settings';
import { SiteSettingsFields } from '../../shared/SiteSettingsFields';
import { UpstreamDataSourcePicker } from '../../shared/UpstreamDataSourcePicker';

type Props = DataSourcePluginOptionsEditorProps<EcotiDataSourceOptions>;

const SITE_KEYS = Object.keys(DEFAULT_SETTINGS).filter((k) => k !== 'defaultUpstreamUid') as Array<keyof EcotiSettings>;

export function ConfigEditor({ options, onOptionsChange }: Props) {
  const jsonData = options.jsonData ?? {};
  const overriding = SITE_KEYS.some((k) => jsonData[k] !== undefined);
  const setJsonData = (next: EcotiDataSourceOptions) => onOptionsChange({ ...options, jsonData: next });

  const toggleOverride = (on: boolean) => {
    if (on) {
      setJsonData({ ...jsonData, ...pick(resolveSettings(jsonData), SITE_KEYS) });
    } else {
      const rest = { ...jsonData };
      SITE_KEYS.forEach((k) => delete rest[k]);
      setJsonData(rest);
    }
  };

  return (
    <>
      <FieldSet label={t('config-editor.upstream.title', 'Upstream')}>
        <Field
          label={t('config-editor.upstream.label', 'Default upstream data source')}
          description={t(
            'config-editor.upstream.description',
            "Where queries run unless they name another; empty means the app's default"
          )}
        >
          <UpstreamDataSourcePicker
            uid={jsonData.defaultUpstreamUid}
            width={40}
            onChange={(uid) => setJsonData({ ...jsonData, defaultUpstreamUid: uid })}
          />
        </Field>
      </FieldSet>
      <FieldSet label={t('config-editor.site.title', 'Site settings')}>
        <Field
          label={t('config-editor.site.override.label', "Override the app's site settings")}
          description={t(
            'config-editor.site.override.description',
            "PUE, carbon intensity and tariffs normally come from the EcoTI AI app's Settings page"
          )}
        >
          <Switch id="ecoti-ds-override" value={overriding} onChange={(e) => toggleOverride(e.currentTarget.checked)} />
        </Field>
        {overriding ? (
          <SiteSettingsFields
            idPrefix="ecoti-ds"
            showUpstream={false}
            settings={resolveSettings(jsonData)}
            onChange={(s) => setJsonData({ ...jsonData, ...pick(s, SITE_KEYS) })}
          />
        ) : (
          <Alert severity="info" title={t('config-editor.site.inherited.title', "Using the app's site settings")}>
            <Trans i18nKey="config-editor.site.inherited.body">
              Forecasts of emissions and costs use the PUE, grid carbon intensity and tariff set on the EcoTI AI
              app&apos;s Settings page.
            </Trans>
          </Alert>
        )}
      </FieldSet>
    </>
  );
}

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;
}
