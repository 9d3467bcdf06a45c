// The app's root page: routes to each page. It lives with the pages it routes to, so that
// components never depend on pages.
import React, { useMemo } from 'react';
import { Route, Routes } from 'react-router-dom';
import { AppRootProps } from '@grafana/data';
import { ROUTES } from '../../constants';
import { resolveSettings } from '../../shared/settings';
import { OverviewPage } from '../Overview';
import { RecommendationsPage } from '../Recommendations';
import { PredictedAlertPage } from '../PredictedAlert';

function App({ meta }: AppRootProps) {
  // The site's settings (time zone for month boundaries) come from the app's jsonData.
  const settings = useMemo(() => resolveSettings(meta.jsonData), [meta.jsonData]);
  return (
    <Routes>
      <Route path={ROUTES.Recommendations} element={<RecommendationsPage />} />
      <Route path={ROUTES.PredictedAlerts} element={<PredictedAlertPage settings={settings} />} />
      <Route path="*" element={<OverviewPage settings={settings} />} />
    </Routes>
  );
}

export default App;
