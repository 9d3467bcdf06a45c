// Grafana's HTTP client for the predicted-alert requests: the user's session, no automatic error toast (the page
// explains a refusal in its own words).
import { getBackendSrv } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';
import type { SendRequest } from './createPredictedAlert';

export const grafanaSend: SendRequest = async <T>(request: Parameters<SendRequest>[0]) => {
  const response = await lastValueFrom(
    getBackendSrv().fetch<T>({ ...request, showErrorAlert: false, showSuccessAlert: false })
  );
  return response.data;
};

/**
 * The signed-in user's organisation (the API files the rule there whatever the body says; the schema requires it).
 * Read from the boot data Grafana puts on the page, not the runtime's `config`, whose type changes between
 * releases (levitate reports it against 12.3).
 */
export function currentOrgId(): number {
  const boot = (globalThis as { grafanaBootData?: { user?: { orgId?: unknown } } }).grafanaBootData;
  const orgId = boot?.user?.orgId;
  return typeof orgId === 'number' ? orgId : 1;
}
