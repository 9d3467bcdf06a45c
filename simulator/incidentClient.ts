// `simulator incident`: asks a running simulator to start an incident now (POST /incidents) and says what began.
import { request } from 'node:http';
import type { IncidentRequest } from './incidentRequest';

export interface IncidentReply {
  status: number;
  body: { incident?: Record<string, unknown>; error?: string };
}

/** POSTs the request to `<url>/incidents` (plain HTTP: the simulator listens on loopback). */
export function postIncident(url: string, incident: IncidentRequest): Promise<IncidentReply> {
  const target = new URL('/incidents', url);
  const payload = JSON.stringify(incident);
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
          } catch {
            resolve({ status: res.statusCode ?? 0, body: { error: text.trim() } });
          }
        });
      }
    );
    req.on('error', (e) => reject(new Error(`cannot reach the simulator at ${target.origin}: ${e.message}`)));
    req.end(payload);
  });
}

/** One line for a person: what started where, and until when. */
export function describeReply(reply: IncidentReply): string {
  const i = reply.body.incident;
  if (reply.status !== 201 || !i) {
    return `refused (${reply.status}): ${reply.body.error ?? 'no reason given'}`;
  }
  const where = i.kind === 'cooling_failure' ? `rack ${i.rack}` : `host ${i.host}`;
  return `${i.kind} on ${where} from ${i.start} to ${i.end}`;
}
