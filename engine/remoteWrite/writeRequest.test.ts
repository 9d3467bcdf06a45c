import { uncompress } from 'snappyjs';
import { decodeRemoteWriteBody, decodeWriteRequest } from '../testing/writeRequestDecoder';
import { encodeWriteRequest, STALE, toEncodable, writeRequestBody } from './writeRequest';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('encodeWriteRequest', () => {
  it('writes the protobuf bytes of prompb.WriteRequest for one series with one sample', () => {
    const bytes = encodeWriteRequest([
      toEncodable(
        [
          { name: '__name__', value: 'up' },
          { name: 'a', value: 'b' },
        ],
        [{ value: 1, timestampMs: 1000 }]
      ),
    ]);
    // Worked by hand from remote.proto/types.proto: timeseries=1 { labels=1 {name=1, value=2}, samples=2 {double
    // value=1, int64 timestamp=2} }.
    const expected =
      '0a26' + // WriteRequest.timeseries, 38 bytes
      '0a0e' +
      '0a085f5f6e616d655f5f' +
      '12027570' + // label __name__="up"
      '0a06' +
      '0a0161' +
      '120162' + // label a="b"
      '120c' +
      '09000000000000f03f' +
      '10e807'; // sample 1.0 at 1000 ms
    expect(hex(bytes)).toBe(expected);
  });

  it('writes the stale marker as NaN with bits 0x7ff0000000000002, +Inf as +Inf and a plain NaN as NaN', () => {
    const decoded = decodeWriteRequest(
      encodeWriteRequest([
        toEncodable(
          [{ name: '__name__', value: 'x' }],
          [
            { value: STALE, timestampMs: 1 },
            { value: Infinity, timestampMs: 2 },
            { value: NaN, timestampMs: 3 },
          ]
        ),
      ])
    );
    const [stale, inf, nan] = decoded[0].samples;
    expect(stale.staleMarker).toBe(true);
    expect(Number.isNaN(stale.value)).toBe(true);
    expect(inf).toEqual({ value: Infinity, timestampMs: 2, staleMarker: false });
    expect(Number.isNaN(nan.value) && !nan.staleMarker).toBe(true);
  });

  it('round-trips long UTF-8 labels and timestamps beyond 32 bits (multi-byte varints)', () => {
    const long = 'sala-ã-'.repeat(40);
    const series = Array.from({ length: 300 }, (_, i) =>
      toEncodable(
        [
          { name: '__name__', value: `ecoti_forecast` },
          { name: 'host', value: `${long}${i}` },
        ],
        [{ value: i * 0.25 - 3, timestampMs: 1_764_000_000_000 + i }]
      )
    );
    const decoded = decodeRemoteWriteBody(writeRequestBody(series));
    expect(decoded).toHaveLength(300);
    expect(decoded[299].labels[1]).toEqual({ name: 'host', value: `${long}299` });
    expect(decoded[299].samples[0]).toEqual({ value: 71.75, timestampMs: 1_764_000_000_299, staleMarker: false });
  });

  it('compresses with snappy block format (what snappy.Decode in Go reads)', () => {
    const series = [toEncodable([{ name: '__name__', value: 'y' }], [{ value: 2, timestampMs: 5 }])];
    expect(hex(uncompress(writeRequestBody(series)))).toBe(hex(encodeWriteRequest(series)));
  });

  it('refuses a timestamp that is not a non-negative integer of ms', () => {
    expect(() =>
      encodeWriteRequest([toEncodable([{ name: '__name__', value: 'z' }], [{ value: 1, timestampMs: 1.5 }])])
    ).toThrow(/timestamp 1.5/);
  });
});
