import { createDataFrame, DataQueryResponse, DataSourceApi, FieldType } from '@grafana/data';
import { of, throwError } from 'rxjs';
import { runEcotiRequest } from './runEcotiRequest';
import { buildEcotiRequest } from './buildEcotiRequest';
import type { StoredEcotiQuery } from '../../datasource/types';

const request = buildEcotiRequest({
  requestId: 'r',
  datasource: { uid: 'ecoti' },
  targets: [{ refId: 'A', queryType: 'insights', target: 'trends', expr: 'up' }],
  from: 0,
  to: 3_600_000,
});
const frame = createDataFrame({ refId: 'A', fields: [{ name: 'Time', type: FieldType.time, values: [1] }] });
const ds = (query: () => unknown) => ({ query }) as unknown as DataSourceApi<StoredEcotiQuery>;

describe('runEcotiRequest', () => {
  it('takes frames from a promise or an observable response', async () => {
    expect(
      await runEcotiRequest(
        ds(async () => ({ data: [frame] })),
        request
      )
    ).toEqual({ frames: [frame], error: undefined });
    expect(
      await runEcotiRequest(
        ds(() => of({ data: [frame] })),
        request
      )
    ).toEqual({ frames: [frame], error: undefined });
  });

  it('joins the per-query errors of the response into one readable message', async () => {
    const response: DataQueryResponse = {
      data: [],
      errors: [
        { refId: 'A', message: 'Choose an upstream data source (Prometheus).' },
        { refId: 'B', message: 'Choose an upstream data source (Prometheus).' },
        { refId: 'C', data: { message: 'Horizon is longer than 90 days.' } },
      ],
    };
    expect(
      await runEcotiRequest(
        ds(async () => response),
        request
      )
    ).toEqual({
      frames: [],
      error: 'Choose an upstream data source (Prometheus).\nHorizon is longer than 90 days.',
    });
  });

  it('turns a thrown or failed query into an error message instead of throwing', async () => {
    expect(
      await runEcotiRequest(
        ds(() => throwError(() => new Error('Bad gateway'))),
        request
      )
    ).toEqual({ frames: [], error: 'Bad gateway' });
    expect(
      (
        await runEcotiRequest(
          ds(() => Promise.reject({ data: { message: 'Forbidden' }, status: 403 })),
          request
        )
      ).error
    ).toBe('Forbidden');
  });
});
