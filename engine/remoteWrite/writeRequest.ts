// The Prometheus remote-write 1.0 payload: a `prometheus.WriteRequest` protobuf (prompb/remote.proto, types.proto)
// encoded by hand, since the engine writes only labels and float samples, then compressed with snappy's block format.
import { compress } from 'snappyjs';

/** One label pair; a series' labels must be sorted by name (bytes) with `__name__` among them. */
export interface Label {
  name: string;
  value: string;
}

/**
 * Prometheus' staleness marker: a NaN with this exact bit pattern ends a series at once in queries instead of after
 * the 5-minute lookback. Written by its bits, since JavaScript may canonicalise a NaN it stores in a number.
 */
export const STALE_NAN_BITS = { high: 0x7ff00000, low: 0x00000002 } as const;

/** Stands for the stale marker among a series' samples (a NaN value is written as a plain NaN). */
export const STALE = Symbol('stale');

export type SampleValue = number | typeof STALE;

// Field tags: (field number << 3) | wire type; 2 = length-delimited, 1 = 64-bit, 0 = varint.
const TAG_TIMESERIES = 0x0a; // WriteRequest.timeseries = 1
const TAG_LABELS = 0x0a; // TimeSeries.labels = 1
const TAG_SAMPLES = 0x12; // TimeSeries.samples = 2
const TAG_NAME = 0x0a; // Label.name = 1
const TAG_VALUE = 0x12; // Label.value = 2
const TAG_SAMPLE_VALUE = 0x09; // Sample.value = 1 (double)
const TAG_SAMPLE_TIMESTAMP = 0x10; // Sample.timestamp = 2 (int64)

/** Bytes of an unsigned varint; timestamps exceed 32 bits, so arithmetic rather than bit shifts. */
function varintSize(n: number): number {
  let size = 1;
  while (n >= 128) {
    n = Math.floor(n / 128);
    size++;
  }
  return size;
}

class Writer {
  readonly bytes: Uint8Array<ArrayBuffer>;
  private readonly view: DataView;
  pos = 0;

  constructor(size: number) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }

  byte(b: number): void {
    this.bytes[this.pos++] = b;
  }

  varint(n: number): void {
    while (n >= 128) {
      this.bytes[this.pos++] = (n % 128) | 128;
      n = Math.floor(n / 128);
    }
    this.bytes[this.pos++] = n;
  }

  string(tag: number, utf8: Buffer): void {
    this.byte(tag);
    this.varint(utf8.length);
    this.bytes.set(utf8, this.pos);
    this.pos += utf8.length;
  }

  double(value: SampleValue): void {
    if (value === STALE) {
      this.view.setUint32(this.pos, STALE_NAN_BITS.low, true);
      this.view.setUint32(this.pos + 4, STALE_NAN_BITS.high, true);
    } else {
      this.view.setFloat64(this.pos, value, true);
    }
    this.pos += 8;
  }
}

/** A series ready to encode: label bytes computed once (a series is encoded in one request, its size needed first). */
export interface EncodableSeries {
  labels: Array<[Buffer, Buffer]>;
  samples: Array<{ value: SampleValue; timestampMs: number }>;
}

export function toEncodable(labels: Label[], samples: EncodableSeries['samples']): EncodableSeries {
  return { labels: labels.map((l) => [Buffer.from(l.name, 'utf8'), Buffer.from(l.value, 'utf8')]), samples };
}

function labelSize(name: Buffer, value: Buffer): number {
  return 1 + varintSize(name.length) + name.length + 1 + varintSize(value.length) + value.length;
}

function sampleSize(timestampMs: number): number {
  return 9 + 1 + varintSize(timestampMs);
}

function seriesSize(s: EncodableSeries): number {
  let size = 0;
  for (const [n, v] of s.labels) {
    const l = labelSize(n, v);
    size += 1 + varintSize(l) + l;
  }
  for (const x of s.samples) {
    const l = sampleSize(x.timestampMs);
    size += 1 + varintSize(l) + l;
  }
  return size;
}

/** The WriteRequest protobuf of these series (fields always written, even zeros: valid proto3, simpler). */
export function encodeWriteRequest(series: EncodableSeries[]): Uint8Array<ArrayBuffer> {
  const sizes = series.map(seriesSize);
  const total = sizes.reduce((a, s) => a + 1 + varintSize(s) + s, 0);
  const w = new Writer(total);
  series.forEach((s, i) => {
    w.byte(TAG_TIMESERIES);
    w.varint(sizes[i]);
    for (const [n, v] of s.labels) {
      w.byte(TAG_LABELS);
      w.varint(labelSize(n, v));
      w.string(TAG_NAME, n);
      w.string(TAG_VALUE, v);
    }
    for (const x of s.samples) {
      if (!Number.isSafeInteger(x.timestampMs) || x.timestampMs < 0) {
        throw new RangeError(`remote write: timestamp ${x.timestampMs} is not a non-negative integer of ms`);
      }
      w.byte(TAG_SAMPLES);
      w.varint(sampleSize(x.timestampMs));
      w.byte(TAG_SAMPLE_VALUE);
      w.double(x.value);
      w.byte(TAG_SAMPLE_TIMESTAMP);
      w.varint(x.timestampMs);
    }
  });
  return w.bytes;
}

/** The HTTP body: the WriteRequest in snappy's block format (not its framed format), as remote write 1.0 requires. */
export function writeRequestBody(series: EncodableSeries[]): Uint8Array<ArrayBuffer> {
  return compress(encodeWriteRequest(series));
}

/** The headers the remote-write 1.0 specification requires of every request. */
export const REMOTE_WRITE_HEADERS = {
  'Content-Encoding': 'snappy',
  'Content-Type': 'application/x-protobuf',
  'X-Prometheus-Remote-Write-Version': '0.1.0',
} as const;
