// The data inspector's values against Node's own readers and hand-computed vectors.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { PENDING, UNAVAILABLE, WINDOW, decodeAll, type Endianness } from '../../webview/inspect/decode';
import { patternBytes } from '../helpers/files';

const random = patternBytes;

/** Half → single by moving bits (the classic conversion), then DataView reads the single: independent of decode.ts. */
function halfBitsToNumber(h: number): number {
  const sign = (h & 0x8000) << 16;
  let exp = (h >> 10) & 0x1f;
  let mant = h & 0x3ff;
  let bits: number;
  if (exp === 0x1f) bits = sign | 0x7f800000 | (mant << 13);
  else if (exp !== 0) bits = sign | ((exp + 112) << 23) | (mant << 13);
  else if (mant === 0) bits = sign;
  else {
    exp = 113;
    while ((mant & 0x400) === 0) {
      mant <<= 1;
      exp--;
    }
    bits = sign | (exp << 23) | ((mant & 0x3ff) << 13);
  }
  const view = new DataView(new ArrayBuffer(4));
  view.setUint32(0, bits >>> 0);
  return view.getFloat32(0);
}

function bfloatBitsToNumber(h: number): number {
  const b = Buffer.alloc(4);
  b.writeUInt16BE(h, 0);
  return b.readFloatBE(0);
}

/** The shown text must read back as exactly `expected` (NaN as NaN, -0 as -0). */
function assertFloat(shown: string | undefined, expected: number, what: string): void {
  if (Number.isNaN(expected)) return assert.equal(shown, 'NaN', what);
  assert.ok(Object.is(Number(shown), expected) || Number(shown) === expected, `${what}: shown ${shown}, expected ${expected}`);
}

/**
 * A 16-bit float's shown decimal must read back as the same value: it must be
 * strictly nearer to the value of `bits` than to the values of the
 * neighbouring bit patterns (decoded by the independent converters above).
 */
function assertNearest(shown: string | undefined, bits: number, decode: (bits: number) => number, what: string): void {
  const expected = decode(bits);
  if (Number.isNaN(expected) || !Number.isFinite(expected) || expected === 0) return assertFloat(shown, expected, what);
  const value = Number(shown);
  const distance = Math.abs(value - expected);
  for (const neighbour of [bits - 1, bits + 1]) {
    if ((neighbour & 0x8000) !== (bits & 0x8000) || neighbour < 0 || neighbour > 0xffff) continue;
    const other = decode(neighbour);
    if (Number.isNaN(other)) continue;
    assert.ok(distance < Math.abs(value - other), `${what}: shown ${shown} for ${expected} is not nearer than to ${other}`);
  }
}

const ISO = (seconds: number) => new Date(seconds * 1000).toISOString().replace('T', ' ').replace('.000Z', ' UTC');

describe('data inspector decoding', () => {
  for (const endianness of ['little', 'big'] as Endianness[]) {
    const le = endianness === 'little';
    it(`every fixed-size integer and float matches Buffer's readers (${endianness}-endian), on 2,000 random windows`, () => {
      for (let seed = 1; seed <= 2000; seed++) {
        const b = random(WINDOW, seed);
        const v = decodeAll(new Uint8Array(b), endianness, false);
        assert.equal(v.get('binary'), b[0].toString(2).padStart(8, '0'));
        assert.equal(v.get('octal'), b[0].toString(8).padStart(3, '0'));
        assert.equal(v.get('uint8'), String(b.readUInt8(0)));
        assert.equal(v.get('int8'), String(b.readInt8(0)));
        assert.equal(v.get('uint16'), String(le ? b.readUInt16LE(0) : b.readUInt16BE(0)));
        assert.equal(v.get('int16'), String(le ? b.readInt16LE(0) : b.readInt16BE(0)));
        assert.equal(v.get('uint32'), String(le ? b.readUInt32LE(0) : b.readUInt32BE(0)));
        assert.equal(v.get('int32'), String(le ? b.readInt32LE(0) : b.readInt32BE(0)));
        assert.equal(v.get('uint64'), String(le ? b.readBigUInt64LE(0) : b.readBigUInt64BE(0)));
        assert.equal(v.get('int64'), String(le ? b.readBigInt64LE(0) : b.readBigInt64BE(0)));
        const half = le ? b.readUInt16LE(0) : b.readUInt16BE(0);
        assertNearest(v.get('float16'), half, halfBitsToNumber, `float16 ${half.toString(16)}`);
        assertNearest(v.get('bfloat16'), half, bfloatBitsToNumber, `bfloat16 ${half.toString(16)}`);
        const single = le ? b.readFloatLE(0) : b.readFloatBE(0);
        if (Number.isNaN(single)) assert.equal(v.get('float32'), 'NaN');
        else assert.equal(Math.fround(Number(v.get('float32'))), single, `float32 ${v.get('float32')}`);
        assertFloat(v.get('float64'), le ? b.readDoubleLE(0) : b.readDoubleBE(0), 'float64');
      }
    });
  }

  it('every one of the 65,536 float16 and bfloat16 bit patterns reads back as itself', () => {
    for (let bits = 0; bits <= 0xffff; bits++) {
      const v = decodeAll(new Uint8Array([bits >> 8, bits & 0xff]), 'big', false);
      assertNearest(v.get('float16'), bits, halfBitsToNumber, `float16 ${bits.toString(16)}`);
      assertNearest(v.get('bfloat16'), bits, bfloatBitsToNumber, `bfloat16 ${bits.toString(16)}`);
    }
  });

  it('floats show the shortest decimal that reads back: known half, bfloat16 and single vectors', () => {
    const half = (bits: number, le = true) => decodeAll(new Uint8Array(le ? [bits & 0xff, bits >> 8] : [bits >> 8, bits & 0xff]), le ? 'little' : 'big', false);
    assert.equal(half(0x3c00).get('float16'), '1');
    assert.equal(half(0xc000).get('float16'), '-2');
    assert.equal(half(0x7bff).get('float16'), '65504');
    assert.equal(half(0x0001).get('float16'), '6e-8'); // 2^-24 = 5.96e-8: one digit reads back as the smallest subnormal
    assert.equal(half(0x2e66).get('float16'), '0.1');
    assert.equal(half(0x3555).get('float16'), '0.3333');
    assert.equal(half(0x7c00).get('float16'), 'Infinity');
    assert.equal(half(0xfc00).get('float16'), '-Infinity');
    assert.equal(half(0x8000).get('float16'), '-0');
    assert.equal(half(0x7e00).get('float16'), 'NaN');
    assert.equal(half(0x3f80, false).get('bfloat16'), '1');
    assert.equal(half(0x4049, false).get('bfloat16'), '3.14'); // 3.140625; neighbours 3.125 and 3.15625
    assert.equal(half(0xc2f7, false).get('bfloat16'), '-123.5');
    const single = Buffer.alloc(4);
    single.writeFloatLE(0.1);
    assert.equal(decodeAll(new Uint8Array(single), 'little', false).get('float32'), '0.1');
  });

  it('LEB128: the DWARF spec vectors, byte counts, and windows that end inside a value', () => {
    const d = (bytes: number[], more = false) => decodeAll(new Uint8Array(bytes), 'little', more);
    assert.equal(d([0x02]).get('uleb128'), '2 (1 byte)');
    assert.equal(d([0x7f]).get('uleb128'), '127 (1 byte)');
    assert.equal(d([0x7f]).get('sleb128'), '-1 (1 byte)');
    assert.equal(d([0x80, 0x01]).get('uleb128'), '128 (2 bytes)');
    assert.equal(d([0x80, 0x7f]).get('sleb128'), '-128 (2 bytes)');
    assert.equal(d([0xe5, 0x8e, 0x26]).get('uleb128'), '624485 (3 bytes)');
    assert.equal(d([0xc0, 0xbb, 0x78]).get('sleb128'), '-123456 (3 bytes)');
    const max64 = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
    assert.equal(d(max64).get('uleb128'), '18446744073709551615 (10 bytes)');
    assert.equal(d([0x80, 0x80]).get('uleb128'), UNAVAILABLE);
    assert.equal(d([0x80, 0x80], true).get('uleb128'), PENDING);
    assert.equal(d(new Array(16).fill(0x80)).get('sleb128'), 'longer than 16 bytes');
  });

  it('UTF-8 and UTF-16 characters, surrogate pairs, invalid and cut-off sequences', () => {
    const d = (bytes: number[], e: Endianness = 'little', more = false) => decodeAll(new Uint8Array(bytes), e, more);
    assert.equal(d([0x41]).get('utf8'), "U+0041 'A'");
    assert.equal(d([0xc3, 0xa9]).get('utf8'), "U+00E9 'é'");
    assert.equal(d([0xe2, 0x82, 0xac]).get('utf8'), "U+20AC '€'");
    assert.equal(d([0xf0, 0x9f, 0x98, 0x80]).get('utf8'), "U+1F600 '😀'");
    assert.equal(d([0x0a]).get('utf8'), 'U+000A');
    assert.equal(d([0xe2, 0x80, 0xae]).get('utf8'), 'U+202E', 'a bidi override is named, not shown');
    assert.equal(d([0x80]).get('utf8'), 'invalid (continuation byte)');
    assert.equal(d([0xc0, 0x80]).get('utf8'), 'invalid (lead byte)');
    assert.equal(d([0xe0, 0x80, 0x80]).get('utf8'), 'invalid (overlong)');
    assert.equal(d([0xed, 0xa0, 0x80]).get('utf8'), 'invalid (surrogate)');
    assert.equal(d([0xe2, 0x41]).get('utf8'), 'invalid (truncated sequence)');
    assert.equal(d([0xe2, 0x82]).get('utf8'), UNAVAILABLE);
    assert.equal(d([0xe2, 0x82], 'little', true).get('utf8'), PENDING);
    assert.equal(d([0x41, 0x00]).get('utf16'), "U+0041 'A'");
    assert.equal(d([0x00, 0x41], 'big').get('utf16'), "U+0041 'A'");
    assert.equal(d([0x3d, 0xd8, 0x00, 0xde]).get('utf16'), "U+1F600 '😀'");
    assert.equal(d([0xd8, 0x3d, 0xde, 0x00], 'big').get('utf16'), "U+1F600 '😀'");
    assert.equal(d([0x3d, 0xd8, 0x41, 0x00]).get('utf16'), 'U+D83D (lone high surrogate)');
    assert.equal(d([0x00, 0xdc]).get('utf16'), 'U+DC00 (lone low surrogate)');
    assert.equal(d([0x3d, 0xd8]).get('utf16'), UNAVAILABLE);
  });

  it('Unix times (32 and 64 bit, signed) and FILETIME (100 ns since 1601)', () => {
    const seconds = 1_704_164_645; // 2024-01-02 03:04:05 UTC
    const b = Buffer.alloc(16);
    b.writeInt32LE(seconds, 0);
    assert.equal(decodeAll(new Uint8Array(b), 'little', false).get('unix32'), '2024-01-02 03:04:05 UTC');
    assert.equal(decodeAll(new Uint8Array(b), 'little', false).get('unix32'), ISO(seconds));
    b.writeBigInt64BE(-1n, 0);
    assert.equal(decodeAll(new Uint8Array(b), 'big', false).get('unix64'), '1969-12-31 23:59:59 UTC');
    assert.equal(decodeAll(new Uint8Array(b), 'big', false).get('unix32'), '1969-12-31 23:59:59 UTC');
    b.writeBigInt64LE(2n ** 62n, 0);
    assert.equal(decodeAll(new Uint8Array(b), 'little', false).get('unix64'), 'out of range');
    const ticks = (BigInt(seconds) + 11_644_473_600n) * 10_000_000n + 1_234_567n;
    b.writeBigUInt64LE(ticks, 0);
    assert.equal(decodeAll(new Uint8Array(b), 'little', false).get('filetime'), '2024-01-02 03:04:05.1234567 UTC');
    b.writeBigUInt64BE(0n, 0);
    assert.equal(decodeAll(new Uint8Array(b), 'big', false).get('filetime'), '1601-01-01 00:00:00 UTC');
    b.writeBigUInt64BE(116_444_736_000_000_000n, 0);
    assert.equal(decodeAll(new Uint8Array(b), 'big', false).get('filetime'), '1970-01-01 00:00:00 UTC');
  });

  it('GUID: Windows mixed-endian layout little-endian, RFC 4122 byte order big-endian', () => {
    const stored = [0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff];
    assert.equal(decodeAll(new Uint8Array(stored), 'little', false).get('guid'), '{00112233-4455-6677-8899-AABBCCDDEEFF}');
    assert.equal(decodeAll(new Uint8Array(stored), 'big', false).get('guid'), '{33221100-5544-7766-8899-AABBCCDDEEFF}');
  });

  it('a short window: what fits is decoded, the rest is "…" while more is loading and "unavailable" at the end of the file', () => {
    const bytes = new Uint8Array([0x01, 0x02, 0x03]);
    const atEnd = decodeAll(bytes, 'little', false);
    const loading = decodeAll(bytes, 'little', true);
    assert.equal(atEnd.get('uint16'), String(0x0201));
    assert.equal(atEnd.get('uint32'), UNAVAILABLE);
    assert.equal(atEnd.get('guid'), UNAVAILABLE);
    assert.equal(loading.get('uint32'), PENDING);
    assert.equal(loading.get('float64'), PENDING);
    assert.equal(decodeAll(new Uint8Array(0), 'little', true).get('uint8'), PENDING);
  });
});

describe('inspector float text', () => {
  it('writes large and tiny floats in exponent form, like toPrecision, not as 19 digits', async () => {
    const { formatFloat } = await import('../../webview/inspect/decode');
    assert.equal(formatFloat(Math.fround(-6259853400000000000), Math.fround, 9), '-6.2598534e+18');
    assert.equal(formatFloat(Math.fround(1e-7), Math.fround, 9), '1e-7');
    assert.equal(formatFloat(Math.fround(123456.5), Math.fround, 9), '123456.5');
    assert.equal(formatFloat(999999999999999, (x) => x, 17), '999999999999999');
    assert.equal(formatFloat(1e15, (x) => x, 17), '1e+15');
    assert.equal(formatFloat(1.5e15, (x) => x, 17), '1.5e+15');
  });
});
