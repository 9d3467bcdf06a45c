// The Predicted alerts page as the panel menu opens it from a rack power panel, in the gallery: Grafana's data
// source service answers with a Prometheus-shaped data source over the rack series of the page's tests, and the
// requests that create the rule go to a recording stand-in of Grafana's API. The preview is the ML core's, live.
import React from 'react';
import { MemoryRouter } from 'react-router-dom';
import { css } from '@emotion/css';
import type { DataSourceInstanceSettings, GrafanaTheme2 } from '@grafana/data';
import { setDataSourceSrv, type DataSourceSrv } from '@grafana/runtime';
import { useStyles2 } from '@grafana/ui';
import { FakePrometheus, seriesResponder } from '../../src/datasource/testing/fakeUpstream';
import { PredictedAlertPage } from '../../src/pages/PredictedAlert';
import { fakeGrafanaApi } from '../../src/pages/PredictedAlert/testing/fakeGrafanaApi';
import { RACK_QUERY, rackPowerSeries } from '../../src/pages/PredictedAlert/testing/rackPower';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';

export const PREDICTED_ALERT_NOW = Date.UTC(2026, 10, 30, 12);

const INSTANCES = [
  { uid: 'site-prom', name: 'Prometheus (site)' },
  { uid: 'ecoti-prometheus', name: 'Prometheus (EcoTI)' },
].map(
  (i) =>
    ({
      ...i,
      type: 'prometheus',
      meta: { id: 'prometheus', name: 'Prometheus', info: { logos: { small: '' } }, metrics: true },
      jsonData: {},
    }) as unknown as DataSourceInstanceSettings
);

function installDataSources() {
  const respond = seriesResponder({ [RACK_QUERY]: rackPowerSeries(PREDICTED_ALERT_NOW) });
  const sources = new Map(INSTANCES.map((i) => [i.uid, new FakePrometheus(respond, i.uid, i.name)]));
  const find = (ref: unknown) => {
    const uid = typeof ref === 'string' ? ref : (ref as { uid?: string } | null)?.uid;
    return INSTANCES.find((i) => i.uid === uid || i.name === uid);
  };
  setDataSourceSrv({
    getList: () => INSTANCES,
    getInstanceSettings: find,
    get: async (ref: unknown) =>
      sources.get(find(ref)?.uid ?? '') ?? Promise.reject(new Error(`no data source ${ref}`)),
    reload: async () => {},
    registerRuntimeDataSource: () => {},
  } as unknown as DataSourceSrv);
}

export function PredictedAlertView() {
  installDataSources();
  const s = useStyles2(getStyles);
  const url = `/predicted-alerts?upstream=site-prom&expr=${encodeURIComponent(RACK_QUERY)}&dashboard=ecoti-sre-forecasts&panel=1&title=Rack%20power`;
  return (
    <section className={s.page} aria-label="Predicted alerts">
      <h1 className={s.title}>Predicted alerts</h1>
      <MemoryRouter initialEntries={[url]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
        <PredictedAlertPage
          settings={{ ...DEFAULT_SETTINGS, defaultUpstreamUid: 'ecoti-prometheus' }}
          now={PREDICTED_ALERT_NOW}
          send={fakeGrafanaApi().send}
          orgId={1}
        />
      </MemoryRouter>
    </section>
  );
}

const getStyles = (t: GrafanaTheme2) => ({
  page: css({ width: 1180, padding: t.spacing(2), background: t.colors.background.primary }),
  title: css({ ...t.typography.h2, marginBottom: t.spacing(2) }),
});
