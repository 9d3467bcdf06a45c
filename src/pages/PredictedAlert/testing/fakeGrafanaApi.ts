// Grafana's HTTP API at the runtime boundary, for the predicted-alert tests and the screenshot gallery: records
// each request as sent and answers as Grafana 12 does (folders list and create, rule create echoing the rule with
// its provenance), or refuses as configured, with the FetchError shape getBackendSrv() rejects with.
import type { HttpRequest, SendRequest } from '../createPredictedAlert';

export interface FakeGrafanaApi {
  send: SendRequest;
  requests: HttpRequest[];
}

export interface FakeGrafanaOptions {
  folders?: Array<{ uid: string; title: string }>;
  /** Refuse a request (matched by method and url) with this status and message. */
  refuse?: { method: HttpRequest['method']; url: string; status: number; message: string };
}

export function fakeGrafanaApi(options: FakeGrafanaOptions = {}): FakeGrafanaApi {
  const folders = [...(options.folders ?? [])];
  const requests: HttpRequest[] = [];
  const send = async <T>(request: HttpRequest): Promise<T> => {
    // A deep copy: the test asserts the body as it left, whatever the page does with its object afterwards.
    requests.push(JSON.parse(JSON.stringify(request)));
    const refuse = options.refuse;
    if (refuse && refuse.method === request.method && refuse.url === request.url) {
      return Promise.reject({ status: refuse.status, statusText: 'refused', data: { message: refuse.message } });
    }
    if (request.method === 'GET' && request.url === '/api/folders') {
      return folders.map((f, i) => ({ id: i + 1, ...f })) as T;
    }
    if (request.method === 'GET' && request.url.startsWith('/api/folders/')) {
      const uid = request.url.slice('/api/folders/'.length);
      return { id: 99, uid, title: 'EcoTI AI' } as T;
    }
    if (request.method === 'POST' && request.url === '/api/folders') {
      const created = request.data as { uid: string; title: string };
      folders.push(created);
      return { id: folders.length, ...created, url: `/dashboards/f/${created.uid}/` } as T;
    }
    if (request.method === 'POST' && request.url === '/api/v1/provisioning/alert-rules') {
      return { id: 1, ...(request.data as object), provenance: '' } as T;
    }
    return Promise.reject({ status: 404, data: { message: `Not found: ${request.method} ${request.url}` } });
  };
  return { send: send as SendRequest, requests };
}
