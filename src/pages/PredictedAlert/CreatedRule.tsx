// What was created: the rule's name, and links to it, to the engine's countdown in Explore and to the panel it
// came from.
import React from 'react';
import { locationUtil } from '@grafana/data';
import { t } from '@grafana/i18n';
import { Alert, LinkButton, Stack } from '@grafana/ui';
import { ruleTarget } from '../../alerting/predictedAlertRule';
import { testIds } from '../../components/testIds';
import { exploreLocation, explorePane, PANE_ID } from '../../extensions/exploreState';
import type { CreatedAlert } from './createPredictedAlert';

export function CreatedRule({ created }: { created: CreatedAlert }) {
  const { rule } = created;
  const engine = rule.data[0].datasourceUid;
  const explore = exploreLocation({
    [PANE_ID]: explorePane(
      [
        {
          refId: 'A',
          datasource: { uid: engine, type: 'prometheus' },
          expr: `ecoti_time_to_threshold_seconds{target="${ruleTarget(rule.uid)}"}`,
        } as never,
      ],
      { from: 'now-6h', to: 'now' }
    ),
  });
  const dashboardUid = rule.annotations.__dashboardUid__;
  return (
    <Alert
      data-testid={testIds.predictedAlert.created}
      severity="success"
      title={t('predicted.created.title', 'Alert rule "{{title}}" created', {
        title: rule.title,
        interpolation: { escapeValue: false },
      })}
    >
      <p>
        {t(
          'predicted.created.detail',
          'The EcoTI engine picks the rule up on its next poll of Grafana and starts forecasting the query; until then the rule stays Normal.'
        )}
      </p>
      <Stack wrap="wrap">
        <LinkButton size="sm" icon="bell" href={locationUtil.assureBaseUrl(created.viewPath)}>
          {t('predicted.created.view', 'View the rule')}
        </LinkButton>
        <LinkButton size="sm" variant="secondary" icon="compass" href={locationUtil.assureBaseUrl(explore.path)}>
          {t('predicted.created.explore', 'Time to threshold in Explore')}
        </LinkButton>
        {dashboardUid && (
          <LinkButton
            size="sm"
            variant="secondary"
            icon="apps"
            href={locationUtil.assureBaseUrl(
              `/d/${encodeURIComponent(dashboardUid)}?viewPanel=${rule.annotations.__panelId__}`
            )}
          >
            {t('predicted.created.dashboard', 'Back to the panel')}
          </LinkButton>
        )}
      </Stack>
    </Alert>
  );
}
