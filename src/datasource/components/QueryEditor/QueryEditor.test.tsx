import React from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryEditor } from './QueryEditor';
import { editorTestIds } from './editorTestIds';
import type { EcotiDataSource } from '../../datasource';
import type { StoredEcotiQuery } from '../../types';
import { resolveSettings } from '../../../shared/settings';

// Grafana's runtime cannot run here: the picker and the data source service are replaced.
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  DataSourcePicker: ({ current }: { current: string | null }) => <div>upstream: {current ?? 'none'}</div>,
  getDataSourceSrv: () => ({ get: () => Promise.reject(new Error('no upstream editor in tests')) }),
}));

function renderEditor(query: StoredEcotiQuery, defaultUpstreamUid?: string) {
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  const datasource = {
    settings: async () => ({ settings: resolveSettings({ defaultUpstreamUid }) }),
  } as unknown as EcotiDataSource;
  render(<QueryEditor query={query} onChange={onChange} onRunQuery={onRunQuery} datasource={datasource} />);
  return { onChange, onRunQuery };
}

describe('QueryEditor', () => {
  it('says what is missing before the query can run', async () => {
    renderEditor({ refId: 'A', queryType: 'predict', target: 'consumption' });
    const problems = await screen.findByTestId(editorTestIds.problems);
    expect(problems).toHaveTextContent(/Choose an upstream data source/);
    expect(problems).toHaveTextContent(/Enter the upstream query/);
  });

  it('flags a horizon that is not a duration as you type', async () => {
    renderEditor({ refId: 'A', queryType: 'predict', target: 'raw', expr: 'up', horizon: 'soon' }, 'prom');
    expect(await screen.findByText(/Horizon "soon" is not a duration/)).toBeInTheDocument();
  });

  it('shows no problems for a complete query, using the app default upstream', async () => {
    renderEditor({ refId: 'A', queryType: 'predict', target: 'raw', expr: 'up', horizon: '24h' }, 'prom');
    await waitFor(() => expect(screen.getByText('upstream: prom')).toBeInTheDocument());
    expect(screen.queryByTestId(editorTestIds.problems)).not.toBeInTheDocument();
  });

  it('resets the target to one of the new type and runs the query when the type changes', async () => {
    const { onChange, onRunQuery } = renderEditor(
      { refId: 'A', queryType: 'predict', target: 'costs', expr: 'up' },
      'prom'
    );
    await waitFor(() => expect(screen.getByText('upstream: prom')).toBeInTheDocument());
    fireEvent.click(screen.getByLabelText('Insights'));
    expect(onChange).toHaveBeenCalledWith(expect.objectContaining({ queryType: 'insights', target: 'anomalies' }));
    expect(onRunQuery).toHaveBeenCalled();
  });

  it('offers the signal queries, with the collectors’ defaults, for recommendations', async () => {
    renderEditor({ refId: 'A', queryType: 'recommendations', target: 'energy' }, 'prom');
    expect(await screen.findByPlaceholderText('ipmi_dcmi_power_consumption_watts')).toBeInTheDocument();
    expect(screen.queryByTestId(editorTestIds.expr)).not.toBeInTheDocument();
  });

  it('shows a saved query of the first versions (upstreamExpr) and saves it in today’s shape on the first edit', async () => {
    const { onChange } = renderEditor(
      { refId: 'A', queryType: 'insights', target: 'trends', upstreamExpr: 'up' },
      'prom'
    );
    const expr = await screen.findByTestId(editorTestIds.expr);
    expect(expr).toHaveValue('up');
    fireEvent.change(expr, { target: { value: 'sum(up)' } });
    const saved = onChange.mock.calls[0][0];
    expect(saved).toMatchObject({ queryType: 'insights', target: 'trends', expr: 'sum(up)' });
    expect(saved).not.toHaveProperty('upstreamExpr');
  });

  it('offers every forecast method of the ML core, and keeps a pinned ensemble as a choice', async () => {
    renderEditor(
      { refId: 'A', queryType: 'predict', target: 'raw', expr: 'up', method: 'ensemble(mstl+linear)' },
      'prom'
    );
    expect(await screen.findByDisplayValue('ensemble(mstl+linear)')).toBeInTheDocument();
    expect(screen.queryByTestId(editorTestIds.problems)).not.toBeInTheDocument();
  });

  it('names a stored type it does not know instead of silently running another', async () => {
    renderEditor({ refId: 'A', queryType: 'forecast', expr: 'up' }, 'prom');
    await waitFor(() => expect(screen.getByText('upstream: prom')).toBeInTheDocument());
    expect(screen.getByTestId(editorTestIds.problems)).toHaveTextContent(/Unknown query type "forecast"/);
  });
});
