import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { PluginType } from '@grafana/data';
import AppConfig, { AppConfigProps } from './AppConfig';
import { testIds } from '../testIds';

// The Grafana runtime cannot run here: only the data source picker is replaced.
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  DataSourcePicker: () => <div>data source picker</div>,
}));

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
});
