// What the Recommendations page asks the EcoTI data source: every open recommendation (the
// optimisation insight covers both categories), computed on the last 7 days of signals.
import type { DataQueryRequest } from '@grafana/data';
import type { DataSourceRef } from '@grafana/schema';
import type { EcotiQuery } from '../../datasource/types';
import { buildEcotiRequest } from '../shared/buildEcotiRequest';

export const RECOMMENDATION_DAYS = 7;

export function recommendationsRequest(
  now: number,
  datasource: DataSourceRef,
  timezone?: string
): DataQueryRequest<EcotiQuery> {
  return buildEcotiRequest({
    requestId: 'ecoti-recommendations-page',
    datasource,
    timezone,
    startTime: now,
    from: now - RECOMMENDATION_DAYS * 86_400_000,
    to: now,
    targets: [{ refId: 'recommendations', queryType: 'insights', target: 'optimization' }],
  });
}
