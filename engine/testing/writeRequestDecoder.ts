// Decodes a remote-write body (snappy block + prometheus.WriteRequest) for tests: the engine only encodes, so this
// is an independent reading of the same wire format, field numbers and wire types checked.
import { uncompress } from 'snappyjs';

export interface DecodedSeries {
  labels: Array<{ name: string; value: string }>;
  samples: Array<{ value: number; timestampMs: number; staleMarker: boolean }>;
}

class Reader {
  pos = 0;
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  get done(): boolean {
    return this.pos >= this.bytes.length;
  }
  varint(): number {
    let n = 0;
    let scale = 1;
    for (;;) {
      const b = this.bytes[this.pos++];
      if (b === undefined) {
        throw new Error('truncated varint');
      }
      n += (b & 0x7f) * scale;
      scale *= 128;
      if (b < 128) {
        return n;
      }
    }
  }
  tag(): { field: number; wire: number } {
    const t = this.varint();
    return { field: Math.floor(t / 8), wire: t % 8 };
  }
  sub(): Reader {
    const len = this.varint();
    const r = new Reader(this.bytes.subarray(this.pos, this.pos + len));
    if (this.pos + len > this.bytes.length) {
      throw new Error('truncated message');
    }
    this.pos += len;
    return r;
  }
  double(): { value: number; stale: boolean } {
    const low = this.view.getUint32(this.pos, true);
    const high = this.view.getUint32(this.pos + 4, true);
    const value = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return { value, stale: high === 0x7ff00000 && low === 2 };
  }
}

function expect(cond: boolean, what: string): void {
  if (!cond) {
    throw new Error(`bad WriteRequest: ${what}`);
  }
}

export function decodeWriteRequest(protobuf: Uint8Array): DecodedSeries[] {
  const out: DecodedSeries[] = [];
  const r = new Reader(protobuf);
  while (!r.done) {
    const t = r.tag();
    expect(t.field === 1 && t.wire === 2, `WriteRequest field ${t.field}/${t.wire}`);
    const ts = r.sub();
    const series: DecodedSeries = { labels: [], samples: [] };
    while (!ts.done) {
      const f = ts.tag();
      expect(f.wire === 2 && (f.field === 1 || f.field === 2), `TimeSeries field ${f.field}/${f.wire}`);
      const m = ts.sub();
      if (f.field === 1) {
        const label = { name: '', value: '' };
        while (!m.done) {
          const g = m.tag();
          expect(g.wire === 2, 'Label field wire type');
          const s = m.sub();
          const text = Buffer.from(s.bytes).toString('utf8');
          if (g.field === 1) {
            label.name = text;
          } else {
            label.value = text;
          }
        }
        series.labels.push(label);
      } else {
        const sample = { value: 0, timestampMs: 0, staleMarker: false };
        while (!m.done) {
          const g = m.tag();
          if (g.field === 1) {
            expect(g.wire === 1, 'Sample.value is a double');
            const d = m.double();
            sample.value = d.value;
            sample.staleMarker = d.stale;
          } else {
            expect(g.field === 2 && g.wire === 0, 'Sample.timestamp is a varint');
            sample.timestampMs = m.varint();
          }
        }
        series.samples.push(sample);
      }
    }
    out.push(series);
  }
  return out;
}

/** A request body as sent: snappy block format first. */
export function decodeRemoteWriteBody(body: Uint8Array): DecodedSeries[] {
  return decodeWriteRequest(uncompress(body));
}
