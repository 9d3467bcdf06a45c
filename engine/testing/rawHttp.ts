// HTTP spoken over a raw TCP socket, for requests no HTTP client will send (`GET http://[ HTTP/1.1`, binary,
// broken framing): writes the bytes, half-closes, and returns whatever came back before the server closed.
import { connect } from 'node:net';

export interface RawResponse {
  /** Status of the first response, if one arrived. */
  status?: number;
  /** Everything received, as latin1 (byte for byte). */
  text: string;
  /** The server closed the connection (rather than the client giving up after timeoutMs). */
  closed: boolean;
}

export function rawRequest(port: number, bytes: string | Buffer, timeoutMs = 5_000): Promise<RawResponse> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (closed: boolean) => {
      if (done) {
        return;
      }
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : undefined, text, closed });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('data', (d) => chunks.push(d));
    socket.on('close', () => finish(true));
    // A reset is how some rejections end: what arrived before it is the answer.
    socket.on('error', () => finish(true));
    socket.on('connect', () => socket.end(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes));
  });
}

/** The body of a raw response (after the blank line that ends the headers). */
export function rawBody(r: RawResponse): string {
  const i = r.text.indexOf('\r\n\r\n');
  return i < 0 ? '' : r.text.slice(i + 4);
}
