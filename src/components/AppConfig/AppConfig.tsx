import React, { useMemo, useState } from 'react';
import { lastValueFrom } from 'rxjs';
import { css } from '@emotion/css';
import { AppPluginMeta, GrafanaTheme2, PluginConfigPageProps, PluginMeta } from '@grafana/data';
import { t } from '@grafana/i18n';
import { getBackendSrv } from '@grafana/runtime';
import { Alert, Button, useStyles2 } from '@grafana/ui';
import { testIds } from '../testIds';
import { EcotiSettings, resolveSettings, validateSettings } from '../../shared/settings';
import { SiteSettingsFields } from '../../shared/SiteSettingsFields';

export interface AppConfigProps extends PluginConfigPageProps<AppPluginMeta<Partial<EcotiSettings>>> {}

/** The app's Settings page: site constants saved in the app's jsonData, used as the data source's defaults. */
const AppConfig = ({ plugin }: AppConfigProps) => {
  const s = useStyles2(getStyles);
  const { enabled, pinned, jsonData } = plugin.meta;
  const [settings, setSettings] = useState<EcotiSettings>(() => resolveSettings(jsonData));
  const [saveError, setSaveError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const problems = useMemo(() => validateSettings(settings), [settings]);

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
      <SiteSettingsFields settings={settings} onChange={setSettings} />
      {saveError && (
        <Alert severity="error" title={t('settings.not-saved', 'Settings not saved')}>
          {saveError}
        </Alert>
      )}
      <div className={s.actions}>
        <Button type="submit" data-testid={testIds.appConfig.submit} disabled={problems.length > 0 || saving}>
          {saving ? t('settings.saving', 'Saving…') : t('settings.save', 'Save settings')}
        </Button>
      </div>
    </form>
  );
};

export default AppConfig;

const updatePlugin = async (pluginId: string, data: Partial<PluginMeta>) =>
  lastValueFrom(getBackendSrv().fetch({ url: `/api/plugins/${pluginId}/settings`, method: 'POST', data }));

const getStyles = (theme: GrafanaTheme2) => ({
  actions: css({ marginTop: theme.spacing(3) }),
});
