import React from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { of, throwError } from 'rxjs';
import { PluginType } from '@grafana/data';
import AppConfig, { AppConfigProps } from './AppConfig';
import { testIds } from '../testIds';

// The Grafana runtime cannot run here: the data source picker and the backend service are replaced.
const fetch = jest.fn();
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  DataSourcePicker: () => <div>data source picker</div>,
  getBackendSrv: () => ({ fetch }),
}));

const reload = jest.fn();
beforeAll(() => {
  Object.defineProperty(window, 'location', { value: { ...window.location, reload }, writable: true });
});
beforeEach(() => {
  fetch.mockReset();
  reload.mockReset();
});

function renderConfig(jsonData: object) {
  const props = {
    plugin: { meta: { id: 'renault-ecoti-app', name: 'EcoTI AI', type: PluginType.app, enabled: true, jsonData } },
    query: {},
  } as unknown as AppConfigProps;
  return render(<AppConfig {...props} />);
}

describe('Settings page', () => {
  it('shows the stored settings over the Brazilian defaults', () => {
    renderConfig({ pue: 1.4 });
    expect(screen.getByLabelText(/^PUE/)).toHaveValue(1.4);
    expect(screen.getByLabelText(/Grid carbon intensity/)).toHaveValue(38.5);
    expect(screen.getByLabelText(/Currency/)).toHaveValue('BRL');
    expect(screen.getByTestId(testIds.appConfig.submit)).toBeEnabled();
  });

  it('explains an impossible PUE and blocks saving', () => {
    renderConfig({});
    fireEvent.change(screen.getByLabelText(/^PUE/), { target: { value: '0.7' } });
    expect(screen.getByText(/PUE must be between 1.0 and 4.0/)).toBeInTheDocument();
    expect(screen.getByTestId(testIds.appConfig.submit)).toBeDisabled();
  });

  it('saves the edited settings into the app jsonData and reloads so plugins pick them up', async () => {
    fetch.mockReturnValue(of({ status: 200, data: {} }));
    renderConfig({ pue: 1.4, defaultUpstreamUid: 'prom' });
    fireEvent.change(screen.getByLabelText(/Grid carbon intensity/), { target: { value: '90' } });
    fireEvent.click(screen.getByTestId(testIds.appConfig.submit));
    await waitFor(() => expect(reload).toHaveBeenCalled());
    const request = fetch.mock.calls[0][0];
    expect(request.url).toBe('/api/plugins/renault-ecoti-app/settings');
    expect(request.method).toBe('POST');
    expect(request.data.jsonData).toEqual(
      expect.objectContaining({ pue: 1.4, carbonIntensity: 90, defaultUpstreamUid: 'prom', currency: 'BRL' })
    );
  });

  it('says so when saving fails, and keeps the form', async () => {
    fetch.mockReturnValue(throwError(() => new Error('Permission denied')));
    renderConfig({});
    fireEvent.click(screen.getByTestId(testIds.appConfig.submit));
    expect(await screen.findByText('Permission denied')).toBeInTheDocument();
    expect(reload).not.toHaveBeenCalled();
    expect(screen.getByTestId(testIds.appConfig.submit)).toBeEnabled();
  });
});
