import React from 'react';
import { Route, Routes } from 'react-router-dom';
import { AppRootProps } from '@grafana/data';
import { ROUTES } from '../../constants';
import { OverviewPage } from '../../pages/OverviewPage';
import { RecommendationsPage } from '../../pages/RecommendationsPage';

function App(_props: AppRootProps) {
  return (
    <Routes>
      <Route path={ROUTES.Recommendations} element={<RecommendationsPage />} />
      <Route path="*" element={<OverviewPage />} />
    </Routes>
  );
}

export default App;
