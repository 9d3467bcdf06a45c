// Creates the predicted alert in Grafana: finds or creates the "EcoTI AI" folder, then posts the rule through
// the alerting provisioning API with X-Disable-Provenance, so that the rule stays editable in Grafana's UI.
// Grafana's HTTP client is injected (grafanaAlertingApi.ts), so the requests can be tested as they are sent.
import {
  buildPredictedAlertRule,
  type PredictedAlertInput,
  type ProvisionedAlertRule,
  RULE_FOLDER,
} from '../../alerting/predictedAlertRule';

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  params?: Record<string, string | number>;
  data?: unknown;
  headers?: Record<string, string>;
}

/** Sends one request; resolves with the response body, rejects with { status, data: { message } } as Grafana's does. */
export type SendRequest = <T>(request: HttpRequest) => Promise<T>;

export const RULES_URL = '/api/v1/provisioning/alert-rules';
export const FOLDERS_URL = '/api/folders';

export type CreateStep = 'folder' | 'rule';

/** A refusal, as a value the page can explain: which step, Grafana's status and its message. */
export class CreateAlertError extends Error {
  constructor(
    readonly step: CreateStep,
    readonly status: number | undefined,
    readonly grafanaMessage: string
  ) {
    super(`${step}: ${status ?? 'no response'} ${grafanaMessage}`);
    this.name = 'CreateAlertError';
  }
}

export interface CreatedAlert {
  rule: ProvisionedAlertRule;
  folderUid: string;
  /** Grafana's page of the new rule (without the sub-path). */
  viewPath: string;
}

export async function createPredictedAlert(
  send: SendRequest,
  input: Omit<PredictedAlertInput, 'folderUid'>
): Promise<CreatedAlert> {
  const folderUid = await findOrCreateFolder(send);
  const rule = buildPredictedAlertRule({ ...input, folderUid });
  await at('rule', () =>
    send<ProvisionedAlertRule>({
      method: 'POST',
      url: RULES_URL,
      data: rule,
      headers: { 'X-Disable-Provenance': 'true' },
    })
  );
  return { rule, folderUid, viewPath: `/alerting/grafana/${encodeURIComponent(rule.uid)}/view` };
}

/** The folder titled "EcoTI AI" (the shipped rules' folder, whatever its uid), else one created with a fixed uid. */
async function findOrCreateFolder(send: SendRequest): Promise<string> {
  const folders = await at('folder', () =>
    send<Array<{ uid: string; title: string }>>({ method: 'GET', url: FOLDERS_URL, params: { limit: 1000 } })
  );
  const found = Array.isArray(folders) ? folders.find((f) => f.title === RULE_FOLDER.title) : undefined;
  if (found) {
    return found.uid;
  }
  try {
    const created = await send<{ uid: string }>({
      method: 'POST',
      url: FOLDERS_URL,
      data: { uid: RULE_FOLDER.uid, title: RULE_FOLDER.title },
    });
    return created?.uid ?? RULE_FOLDER.uid;
  } catch (e) {
    // 409: another tab (or a nested folder the list did not show) made it in the meantime: use it.
    if (statusOf(e) === 409) {
      const existing = await at('folder', () =>
        send<{ uid: string }>({ method: 'GET', url: `${FOLDERS_URL}/${RULE_FOLDER.uid}` })
      );
      return existing.uid;
    }
    throw asCreateError('folder', e);
  }
}

async function at<T>(step: CreateStep, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    throw asCreateError(step, e);
  }
}

function statusOf(e: unknown): number | undefined {
  const status = (e as { status?: unknown })?.status;
  return typeof status === 'number' ? status : undefined;
}

function asCreateError(step: CreateStep, e: unknown): CreateAlertError {
  if (e instanceof CreateAlertError) {
    return e;
  }
  const data = (e as { data?: { message?: unknown } })?.data;
  const message =
    typeof data?.message === 'string'
      ? data.message
      : e instanceof Error
        ? e.message
        : String((e as { statusText?: string })?.statusText ?? e);
  return new CreateAlertError(step, statusOf(e), message);
}
