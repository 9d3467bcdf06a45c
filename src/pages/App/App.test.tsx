import React from 'react';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import type { AppRootProps } from '@grafana/data';
import App from './App';
import { testIds } from '../../components/testIds';
import { fakeDataSourceSrv } from '../testing/fakeEcotiDataSource';

let mockSrv: ReturnType<typeof fakeDataSourceSrv>;
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getDataSourceSrv: () => mockSrv,
  PluginPage: ({ children }: { children: React.ReactNode }) => <main>{children}</main>,
  // Grafana's picker reads the runtime's own data source service, which only a running Grafana sets.
  DataSourcePicker: () => <div />,
}));

function renderAt(path: string) {
  mockSrv = fakeDataSourceSrv(null);
  const props = {
    meta: { id: 'renault-ecoti-app', jsonData: { timeZone: 'Europe/Paris' } },
    basename: '/a/renault-ecoti-app',
  } as unknown as AppRootProps;
  render(
    <MemoryRouter initialEntries={[path]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <App {...props} />
    </MemoryRouter>
  );
}

describe('App routes', () => {
  it('opens the Overview by default', async () => {
    renderAt('/');
    expect(await screen.findByTestId(testIds.overview.container)).toBeInTheDocument();
  });

  it('opens the Predicted alerts page on its route', async () => {
    renderAt('/predicted-alerts');
    expect(await screen.findByTestId(testIds.predictedAlert.container)).toBeInTheDocument();
  });

  it('opens the Recommendations page on its route', async () => {
    renderAt('/recommendations');
    expect(await screen.findByTestId(testIds.recommendations.container)).toBeInTheDocument();
  });
});
