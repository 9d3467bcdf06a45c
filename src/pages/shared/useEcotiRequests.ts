// Runs a page's requests on the EcoTI data source in parallel; each section renders as soon as
// its own answer arrives, and shows its own error.
import { useEffect, useState } from 'react';
import type { DataQueryRequest, DataSourceApi } from '@grafana/data';
import type { EcotiQuery, StoredEcotiQuery } from '../../datasource/types';
import { RequestResult, runEcotiRequest } from './runEcotiRequest';

export type SectionState = { status: 'loading' } | ({ status: 'done' } & RequestResult);

export function useEcotiRequests<K extends string>(
  ds: DataSourceApi<StoredEcotiQuery> | undefined,
  requests: Record<K, DataQueryRequest<EcotiQuery>> | undefined
): Record<K, SectionState> {
  // Answers are kept with the requests they answer, so a new set of requests starts from "loading".
  const [answers, setAnswers] = useState<{ for?: object; results: Partial<Record<K, SectionState>> }>({ results: {} });
  useEffect(() => {
    if (!ds || !requests) {
      return;
    }
    let live = true;
    for (const key of Object.keys(requests) as K[]) {
      runEcotiRequest(ds, requests[key]).then((result) => {
        if (live) {
          setAnswers((prev) => ({
            for: requests,
            results: { ...(prev.for === requests ? prev.results : {}), [key]: { status: 'done', ...result } },
          }));
        }
      });
    }
    return () => {
      live = false;
    };
  }, [ds, requests]);
  const results: Partial<Record<K, SectionState>> = answers.for === requests ? answers.results : {};
  const keys = Object.keys(requests ?? {}) as K[];
  return Object.fromEntries(keys.map((k) => [k, results[k] ?? { status: 'loading' }])) as Record<K, SectionState>;
}
