import React from 'react';
import { render, screen, waitFor } from '@testing-library/react';
import { loadPortuguese } from '../../../locales/testing/portuguese';
import { resolveSettings } from '../../../shared/settings';
import type { EcotiDataSource } from '../../datasource';
import pluginJson from '../../plugin.json';
import portuguese from '../../locales/pt-BR/renault-ecoti-datasource.json';
import { QueryEditor } from './QueryEditor';

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  DataSourcePicker: ({ current }: { current: string | null }) => <div>upstream: {current ?? 'none'}</div>,
  getDataSourceSrv: () => ({ get: () => Promise.reject(new Error('no upstream editor in tests')) }),
}));

// As in Grafana with the user's language set to Portuguese: the data source's file in its namespace.
beforeAll(() => loadPortuguese(pluginJson.id, portuguese));

describe('QueryEditor in Portuguese', () => {
  it('labels types, fields and the methods of the ML core in pt-BR', async () => {
    const datasource = {
      settings: async () => ({ settings: resolveSettings({ defaultUpstreamUid: 'prom' }) }),
    } as unknown as EcotiDataSource;
    render(
      <QueryEditor
        query={{ refId: 'A', queryType: 'predict', target: 'raw', expr: 'up' }}
        onChange={jest.fn()}
        onRunQuery={jest.fn()}
        datasource={datasource}
      />
    );
    await waitFor(() => expect(screen.getByText('upstream: prom')).toBeInTheDocument());
    expect(screen.getByLabelText('Prever')).toBeChecked();
    expect(screen.getByLabelText('Recomendações')).not.toBeChecked();
    expect(screen.getByText('Horizonte')).toBeInTheDocument();
    expect(screen.getByDisplayValue('Automático (melhor no backtest)')).toBeInTheDocument();
  });
});
