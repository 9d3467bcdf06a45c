// Why Grafana refused to create the predicted alert, in the viewer's words, with what to do about it.
import { t } from '@grafana/i18n';
import { CreateAlertError } from './createPredictedAlert';

export function createErrorText(e: unknown): { title: string; detail: string } {
  if (!(e instanceof CreateAlertError)) {
    return {
      title: t('predicted.create-error.title', 'The alert rule was not created'),
      detail: e instanceof Error ? e.message : String(e),
    };
  }
  const opts = { message: e.grafanaMessage, interpolation: { escapeValue: false } };
  if (e.status === 403) {
    return {
      title: t('predicted.create-error.forbidden-title', 'You may not create alert rules here'),
      detail:
        e.step === 'folder'
          ? t(
              'predicted.create-error.forbidden-folder',
              'Creating the "EcoTI AI" folder takes the Editor role. Ask an administrator to create it, or to give you the Editor role.'
            )
          : t(
              'predicted.create-error.forbidden-rule',
              'Creating alert rules takes the Editor role (in Grafana Enterprise or Cloud: the "Rules Writer" and "Set provisioning status" roles) with write access to the "EcoTI AI" folder. Ask an administrator.'
            ),
    };
  }
  if (e.status === 400) {
    return {
      title: t('predicted.create-error.invalid-title', 'Grafana refused the rule'),
      detail: t('predicted.create-error.invalid', 'Grafana says: {{message}}', opts),
    };
  }
  if (e.status === 409) {
    return {
      title: t('predicted.create-error.conflict-title', 'The rule clashes with an existing one'),
      detail: t(
        'predicted.create-error.conflict',
        'Grafana says: {{message}}. Create it again: the rule gets a new identifier each time.',
        opts
      ),
    };
  }
  return {
    title: t('predicted.create-error.title', 'The alert rule was not created'),
    detail: t('predicted.create-error.other', 'Grafana answered {{status}}: {{message}}', {
      ...opts,
      status: e.status ?? t('predicted.create-error.no-response', 'nothing'),
    }),
  };
}
