// Runs one request on the EcoTI data source and gives frames and a readable error, never a throw:
// query() may return a promise or an observable, and errors come per query in the response.
import type { DataFrame, DataQueryRequest, DataQueryResponse, DataSourceApi } from '@grafana/data';
import { toDataQueryError } from '@grafana/runtime';
import { from, lastValueFrom } from 'rxjs';
import type { EcotiQuery, StoredEcotiQuery } from '../../datasource/types';

export interface RequestResult {
  frames: DataFrame[];
  /** Every query error of the response, joined; undefined when none failed. */
  error?: string;
}

export async function runEcotiRequest(
  ds: DataSourceApi<StoredEcotiQuery>,
  request: DataQueryRequest<EcotiQuery>
): Promise<RequestResult> {
  try {
    const response: DataQueryResponse = await lastValueFrom(from(ds.query(request)));
    const messages = (response.errors ?? [])
      .map((e) => e.message ?? e.data?.message)
      .filter((m): m is string => Boolean(m));
    return { frames: response.data ?? [], error: messages.length ? [...new Set(messages)].join('\n') : undefined };
  } catch (err) {
    return { frames: [], error: toDataQueryError(err).message ?? String(err) };
  }
}
